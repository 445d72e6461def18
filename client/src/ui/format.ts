import type { TFunction } from 'i18next';
import type { Theme } from '@contracts/activities';

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

/** One activity's time span in the reader's language ("Standing" when it has no dates). */
export function formatSpan(startsAt: string | null, endsAt: string | null, language: string, t: TFunction): string {
  const sameDay = startsAt && endsAt && startsAt.slice(0, 10) === endsAt.slice(0, 10);
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Helsinki' }
    : { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' };
  const fmt = new Intl.DateTimeFormat(language, opts);
  const start = startsAt ? new Date(startsAt) : null;
  const end = endsAt ? new Date(endsAt) : null;
  if (start && end) return fmt.formatRange(start, end);
  if (start) return t('activities.span.from', { date: fmt.format(start) });
  if (end) return t('activities.span.until', { date: fmt.format(end) });
  return t('activities.span.standing');
}

export const formatDistance = (metres: number, language: string) =>
  `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(metres)} m`;
