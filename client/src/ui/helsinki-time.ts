/**
 * The city's own time: meetings and bookings are typed and shown in Helsinki time, whatever the
 * browser's zone (datetime-local inputs hold wall-clock times).
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
});

/** An instant as the value of a datetime-local input in Helsinki time ("2025-03-10T18:00"). */
export function toLocalInput(iso: string): string {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Minutes Helsinki is ahead of UTC at an instant (120 in winter, 180 in summer). */
const offsetAt = (ms: number) =>
  (Date.parse(`${toLocalInput(new Date(ms).toISOString())}:00Z`) - Math.floor(ms / 60_000) * 60_000) / 60_000;

/** A datetime-local value read as Helsinki time, as ISO 8601 with its offset ("2025-03-10T18:00:00+02:00"). */
export function toIsoWithOffset(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = Date.parse(`${local}:00Z`);
  if (!Number.isFinite(asUtc)) return null;
  const offset = offsetAt(asUtc - offsetAt(asUtc) * 60_000);
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${local}:00${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`;
}
