import type { ActivityProperties, Department, OverlapItem, Theme } from '@contracts/activities';

type Named = Pick<Department | Theme, 'nameFi' | 'nameSv' | 'nameEn'>;
type Titled = Pick<ActivityProperties | OverlapItem, 'titleFi' | 'titleSv' | 'titleEn'>;

/** The reader's language when the text exists in it, else Finnish (always present). */
const pick = (fi: string, sv: string | null | undefined, en: string | null | undefined, language: string) =>
  (language.startsWith('sv') ? sv : language.startsWith('en') ? en : null) || fi;

export const localName = (n: Named, language: string) => pick(n.nameFi, n.nameSv, n.nameEn, language);
export const activityTitle = (a: Titled, language: string) => pick(a.titleFi, a.titleSv, a.titleEn, language);
export const localText = (fi: string | null, sv: string | null, en: string | null, language: string): string | null =>
  (language.startsWith('sv') ? sv : language.startsWith('en') ? en : null) || fi || sv || en;

/** Start time ascending; open-ended or timeless ones (standing services) after the dated ones. */
export function byStart<T extends Pick<ActivityProperties, 'startsAt' | 'titleFi'>>(a: T, b: T): number {
  if (a.startsAt === b.startsAt) return a.titleFi.localeCompare(b.titleFi, 'fi');
  if (a.startsAt === null) return 1;
  if (b.startsAt === null) return -1;
  return a.startsAt < b.startsAt ? -1 : 1;
}
