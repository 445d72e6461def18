/**
 * The dates of a from/to time filter as the URL holds them (?from=2026-05-01&to=2026-05-31).
 * Activities and ideas read the same parameters, so a chosen time span stays when switching sections.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD date of the URL, or null for anything else. */
export const urlDate = (raw: string | null): string | null => (raw && DATE.test(raw) ? raw : null);

/** The API's upper bound for a `to` date: the whole of that day is included. */
export const endOfDay = (date: string) => `${date}T23:59:59Z`;
