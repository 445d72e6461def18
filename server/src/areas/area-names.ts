/**
 * The City's suurpiiri and peruspiiri layers spell names in upper case ("ETELÄINEN"); people
 * read them in title case. Word parts after spaces and hyphens are capitalised
 * ("ITÄ-PASILA" → "Itä-Pasila"); already mixed-case names are left as they are.
 */
export function titleCaseName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toLocaleUpperCase('fi')) return trimmed;
  return trimmed
    .toLocaleLowerCase('fi')
    .replace(/(^|[\s\-–/(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('fi'));
}
