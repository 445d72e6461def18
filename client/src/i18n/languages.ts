export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fi';
export const LANGUAGE_STORAGE_KEY = 'kk.language';

export const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

/** Every leaf key of a nested translation object, dotted ("map.label"), with its value. */
export function flattenKeys(obj: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [kk, vv] of flattenKeys(v, key)) out.set(kk, vv);
      } else {
        out.set(key, v);
      }
    }
  }
  return out;
}
