/**
 * An iCalendar stream (RFC 5545) from plain values: CRLF line ends, text escaped (\\ ; , and
 * newlines), and every content line folded at 75 octets without splitting a UTF-8 character.
 * Times are written in UTC, so no VTIMEZONE is needed.
 */

export interface CalendarEvent {
  /** Stable across runs: the same item always has the same UID. */
  uid: string;
  /** When the information last changed (DTSTAMP, as RFC 5545 §3.8.7.2 asks without a METHOD). */
  stamp: string;
  start: string;
  end: string | null;
  summary: string;
  description: string;
  location?: string;
  geo?: { lat: number; lon: number };
  url: string;
  categories: string[];
}

export interface Calendar {
  name: string;
  description: string;
  events: CalendarEvent[];
}

const CRLF = '\r\n';

/** TEXT values: backslash, semicolon, comma and newlines escaped (§3.3.11); control characters dropped. */
export const icsText = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** A content line folded at 75 octets (§3.1): continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; a continuation holds 74 after its leading space.
    if (octets + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 2030-05-01T12:00:00Z → 20300501T120000Z. */
export const icsTime = (iso: string): string =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function eventLines(e: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${icsText(e.uid)}`,
    `DTSTAMP:${icsTime(e.stamp)}`,
    `DTSTART:${icsTime(e.start)}`,
    ...(e.end ? [`DTEND:${icsTime(e.end)}`] : []),
    `SUMMARY:${icsText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
    ...(e.geo ? [`GEO:${e.geo.lat};${e.geo.lon}`] : []),
    ...(e.categories.length ? [`CATEGORIES:${e.categories.map(icsText).join(',')}`] : []),
    `URL:${e.url}`,
    'END:VEVENT',
  ];
}

export function icsCalendar(c: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Helsingin kaupunki//Kaupunki kartalla//FI',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${icsText(c.name)}`,
    `X-WR-CALDESC:${icsText(c.description)}`,
    ...c.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
