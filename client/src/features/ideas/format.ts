import type { Theme } from '@contracts/activities';
import { ApiError } from '@/api/http';

/** A theme's name in the reader's language, Finnish when there is no translation. */
export function themeName(theme: Pick<Theme, 'nameFi' | 'nameSv' | 'nameEn'>, language: string): string {
  if (language.startsWith('sv') && theme.nameSv) return theme.nameSv;
  if (language.startsWith('en') && theme.nameEn) return theme.nameEn;
  return theme.nameFi;
}

export const formatDateTime = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const formatDate = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));

export const formatEuros = (eur: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(eur);

/** The server's own message (it says exactly what was wrong); anything else as it is. */
export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Field messages of a 400, first one per field (`{ title: 'title must …' }`). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.status !== 400) return {};
  return Object.fromEntries(Object.entries(err.fieldMessages()).map(([k, v]) => [k, v.join('; ')]));
}
