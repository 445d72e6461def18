/**
 * The city's own time, and the one place the client turns instants into text or input values and
 * back. Meetings and bookings are typed and shown in Helsinki time whatever the browser's zone
 * (datetime-local inputs hold wall-clock times), and dates read the Finnish way in every language:
 * day.month.year and hours.minutes (4.12.2026 klo 18.00), never US month/day or Sweden's 2026-12-04.
 */
export const TIME_ZONE = 'Europe/Helsinki';
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A calendar date ("2026-12-04") is that day, wherever the browser is; anything else is an instant. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The Helsinki wall clock at an instant (or of a bare calendar date, at its midnight). */
function helsinkiClock(at: string | Date): WallClock {
  if (typeof at === 'string' && DATE_ONLY.test(at)) {
    const [year, month, day] = at.split('-').map(Number);
    return { year, month, day, hour: 0, minute: 0, second: 0 };
  }
  const p = Object.fromEntries(wallClock.formatToParts(typeof at === 'string' ? new Date(at) : at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');

/** An instant as the value of a datetime-local input in Helsinki time ("2025-03-10T18:00"). */
export function toLocalInput(iso: string): string {
  const c = helsinkiClock(iso);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** The Helsinki calendar date of an instant, as a date input holds it ("2025-03-10"). */
export const helsinkiDate = (at: string | Date) => toLocalInput(typeof at === 'string' ? at : at.toISOString()).slice(0, 10);

/** Minutes Helsinki is ahead of UTC at an instant (120 in winter, 180 in summer). */
const offsetAt = (ms: number) =>
  (Date.parse(`${toLocalInput(new Date(ms).toISOString())}:00Z`) - Math.floor(ms / 60_000) * 60_000) / 60_000;

/** A datetime-local value read as Helsinki time, as ISO 8601 with its offset ("2025-03-10T18:00:00+02:00"). */
export function toIsoWithOffset(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = Date.parse(`${local}:00Z`);
  if (!Number.isFinite(asUtc)) return null;
  const offset = offsetAt(asUtc - offsetAt(asUtc) * 60_000);
  return `${local}:00${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** A datetime-local value `days` from now in Helsinki time, on the hour (a form's default). */
export function localInputInDays(days: number, now = Date.now()): string {
  return `${toLocalInput(new Date(now + days * 86_400_000).toISOString()).slice(0, 13)}:00`;
}

/** The word between a date and its time in each language: "4.12.2026 klo 18.00". */
const AT: Record<string, string> = { fi: 'klo ', sv: 'kl. ', en: '' };
const at = (language: string) => AT[language.slice(0, 2)] ?? '';

const dateText = (c: WallClock) => `${c.day}.${c.month}.${c.year}`;
const timeText = (c: WallClock) => `${pad(c.hour)}.${pad(c.minute)}`;

/** "4.12.2026" in every language. */
export const formatDate = (iso: string, _language?: string) => dateText(helsinkiClock(iso));

/** "18.00" in every language. */
export const formatTime = (iso: string) => timeText(helsinkiClock(iso));

/** "4.12.2026 klo 18.00" (fi), "4.12.2026 kl. 18.00" (sv), "4.12.2026 18.00" (en). */
export function formatDateTime(iso: string, language: string): string {
  const c = helsinkiClock(iso);
  return `${dateText(c)} ${at(language)}${timeText(c)}`;
}

/** To the second, for logs: "4.12.2026 18.00.05". */
export function formatTimestamp(iso: string): string {
  const c = helsinkiClock(iso);
  return `${dateText(c)} ${timeText(c)}.${pad(c.second)}`;
}

/** "4.12.2026 klo 18.00–20.00" on one day, "4.12.2026 klo 18.00 – 5.12.2026 klo 10.00" across days. */
export function formatDateTimeRange(start: string, end: string | null | undefined, language: string): string {
  if (!end) return formatDateTime(start, language);
  const s = helsinkiClock(start);
  const e = helsinkiClock(end);
  if (dateText(s) === dateText(e)) return `${dateText(s)} ${at(language)}${timeText(s)}–${timeText(e)}`;
  return `${formatDateTime(start, language)} – ${formatDateTime(end, language)}`;
}

/** "4.12.2026–6.12.2026", or one date when both fall on the same day. */
export function formatDateRange(start: string, end: string): string {
  const s = formatDate(start);
  const e = formatDate(end);
  return s === e ? s : `${s}–${e}`;
}

/** "18.00–20.00". */
export const formatTimeRange = (start: string, end: string) => `${formatTime(start)}–${formatTime(end)}`;

/** A weekday's name in the reader's language; `day` 1 is Monday … 7 Sunday. */
export function weekdayName(day: number, language: string, width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday, at noon in UTC it is that day in Helsinki as well.
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: TIME_ZONE }).format(new Date(Date.UTC(2024, 0, day, 12)));
}

/** A day of a calendar ("ti 9.12." / "tis 9.12." / "Tue 9.12.") for a Helsinki date ("2026-12-09"). */
export function formatDayLabel(date: string, language: string): string {
  const c = helsinkiClock(date);
  const weekday = (new Date(Date.UTC(c.year, c.month - 1, c.day, 12)).getUTCDay() + 6) % 7;
  return `${weekdayName(weekday + 1, language, 'short')} ${c.day}.${c.month}.`;
}
