import type { TFunction } from 'i18next';

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
