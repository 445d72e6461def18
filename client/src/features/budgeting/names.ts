import type { Pot, RoundSummary } from '@contracts/budgeting';

/** A round's or a pot's name in the reader's language, Finnish when there is no translation. */
export function localName(x: Pick<RoundSummary | Pot, 'nameFi' | 'nameSv' | 'nameEn'>, language: string): string {
  if (language.startsWith('sv') && x.nameSv) return x.nameSv;
  if (language.startsWith('en') && x.nameEn) return x.nameEn;
  return x.nameFi;
}
