import type { AreaSummary } from '@contracts/areas';

/** Swedish name when the UI is Swedish and the area has one; Finnish otherwise (every area has it). */
export const areaName = (area: Pick<AreaSummary, 'nameFi' | 'nameSv'>, language: string): string =>
  language.startsWith('sv') && area.nameSv ? area.nameSv : area.nameFi;

const collators = new Map<string, Intl.Collator>();
/** Areas sorted by their name in the given language (Ä and Ö after Z in fi and sv). */
export function sortByName<T extends Pick<AreaSummary, 'nameFi' | 'nameSv'>>(areas: readonly T[], language: string): T[] {
  let c = collators.get(language);
  if (!c) collators.set(language, (c = new Intl.Collator(language)));
  return [...areas].sort((a, b) => c.compare(areaName(a, language), areaName(b, language)));
}
