/**
 * One CSV cell (RFC 4180). Text starting with = + - @ (or a tab/CR) is prefixed with a quote so
 * spreadsheets do not run it as a formula (https://owasp.org/www-community/attacks/CSV_Injection);
 * numbers are written as numbers, so negative coordinates stay numeric.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const toCsv = (rows: unknown[][], delimiter = ','): string =>
  rows.map((r) => r.map(csvCell).join(delimiter) + '\r\n').join('');
