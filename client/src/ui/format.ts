import type { TFunction } from 'i18next';
import type { Theme } from '@contracts/activities';
import { formatDate, formatDateRange, formatDateTimeRange, helsinkiDate } from './helsinki-time';

/** A theme's name in the reader's language, Finnish when there is no translation. */
export function themeName(theme: Pick<Theme, 'nameFi' | 'nameSv' | 'nameEn'>, language: string): string {
  if (language.startsWith('sv') && theme.nameSv) return theme.nameSv;
  if (language.startsWith('en') && theme.nameEn) return theme.nameEn;
  return theme.nameFi;
}

export const formatEuros = (eur: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(eur);

/** The server's own message (it says exactly what was wrong); anything else as it is. */
export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** One activity's time span in Helsinki time ("Standing" when it has no dates). */
export function formatSpan(startsAt: string | null, endsAt: string | null, language: string, t: TFunction): string {
  const sameDay = startsAt && endsAt && helsinkiDate(startsAt) === helsinkiDate(endsAt);
  if (startsAt && endsAt) return sameDay ? formatDateTimeRange(startsAt, endsAt, language) : formatDateRange(startsAt, endsAt);
  if (startsAt) return t('activities.span.from', { date: formatDate(startsAt) });
  if (endsAt) return t('activities.span.until', { date: formatDate(endsAt) });
  return t('activities.span.standing');
}

export const formatDistance = (metres: number, language: string) =>
  `${new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(metres)} m`;
