import type { TFunction } from 'i18next';
import type { Theme } from '@contracts/activities';
import { ApiError } from '@/api/http';
import { formatDate, formatDateRange, formatDateTimeRange, helsinkiDate } from './helsinki-time';
import { issueText, type CodedIssue } from './issue-text';

/** A theme's name in the reader's language, Finnish when there is no translation. */
export function themeName(theme: Pick<Theme, 'nameFi' | 'nameSv' | 'nameEn'>, language: string): string {
  if (language.startsWith('sv') && theme.nameSv) return theme.nameSv;
  if (language.startsWith('en') && theme.nameEn) return theme.nameEn;
  return theme.nameFi;
}

export const formatEuros = (eur: number, language: string) =>
  new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(eur);

/**
 * What went wrong, for a notification: a refusal whose details carry codes in the reader's
 * language (see issue-text.ts), else the server's own message; anything else as it is.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError && Array.isArray(err.details)) {
    const coded = (err.details as CodedIssue[]).filter((d) => d && typeof d.message === 'string' && d.code);
    if (coded.length) return coded.map(issueText).join('; ');
  }
  return err instanceof Error ? err.message : String(err);
}

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
