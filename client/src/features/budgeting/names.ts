import type { ActivityMilestone } from '@contracts/activities';
import type { Pot, RoundSummary } from '@contracts/budgeting';

/** A round's or a pot's name in the reader's language, Finnish when there is no translation. */
export function localName(x: Pick<RoundSummary | Pot, 'nameFi' | 'nameSv' | 'nameEn'>, language: string): string {
  if (language.startsWith('sv') && x.nameSv) return x.nameSv;
  if (language.startsWith('en') && x.nameEn) return x.nameEn;
  return x.nameFi;
}

/** A milestone's title in the reader's language, Finnish when there is no translation. */
export const milestoneTitle = (m: Pick<ActivityMilestone, 'titleFi' | 'titleSv' | 'titleEn'>, language: string) =>
  localName({ nameFi: m.titleFi, nameSv: m.titleSv, nameEn: m.titleEn }, language);

/** A budget line's pot as the server makes it: the share in whole euros, rounded down; null while a figure is missing. */
export function linePot(lineAmountEur: number | undefined, sharePercent: number | undefined): number | null {
  if (lineAmountEur === undefined || sharePercent === undefined) return null;
  if (!Number.isFinite(lineAmountEur) || !Number.isFinite(sharePercent)) return null;
  return Math.floor((lineAmountEur * Math.round(sharePercent * 10_000)) / 1_000_000);
}
