import { LANGUAGES, type Language } from './languages';

/**
 * Translations live in one file per feature and language (`fi/ideas.json`, `sv/ideas.json`, …),
 * so features add strings without touching each other's files; each language's files are merged
 * into one tree. A key defined in two files of one language is an error.
 */
const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });

export type Bundle = Record<string, unknown>;

function merge(into: Bundle, from: Bundle, where: string): void {
  for (const [k, v] of Object.entries(from)) {
    const existing = into[k];
    if (existing && typeof existing === 'object' && v && typeof v === 'object')
      merge(existing as Bundle, v as Bundle, `${where}.${k}`);
    else if (existing !== undefined) throw new Error(`Translation key ${where}.${k} is defined twice`);
    else into[k] = v;
  }
}

export function loadBundles(): Record<Language, Bundle> {
  const out = Object.fromEntries(LANGUAGES.map((l) => [l, {}])) as Record<Language, Bundle>;
  for (const [path, content] of Object.entries(files)) {
    const lang = path.split('/')[1] as Language;
    if (!(lang in out)) throw new Error(`Translation file ${path} is not under a known language folder`);
    // A copy: merging writes into the trees, and the files' own objects must stay as imported.
    merge(out[lang], structuredClone(content), lang);
  }
  return out;
}

export const bundleFiles = () => Object.keys(files);
