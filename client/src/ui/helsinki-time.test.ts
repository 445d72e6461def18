import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDateTimeRange,
  formatDayLabel,
  formatTime,
  localInputInDays,
  toIsoWithOffset,
  toLocalInput,
} from './helsinki-time';

// 18:00 in Helsinki: winter (UTC+2) and summer (UTC+3).
const WINTER_MEETING = '2026-12-04T16:00:00Z';
const SUMMER_MEETING = '2026-06-10T15:00:00Z';

describe('Finnish-convention dates in every language', () => {
  it('writes day.month.year and hours.minutes in fi, sv and en', () => {
    expect(formatDateTime(WINTER_MEETING, 'fi')).toBe('4.12.2026 klo 18.00');
    expect(formatDateTime(WINTER_MEETING, 'sv')).toBe('4.12.2026 kl. 18.00');
    expect(formatDateTime(WINTER_MEETING, 'en')).toBe('4.12.2026 18.00');
    for (const lang of ['fi', 'sv', 'en']) {
      expect(formatDate(SUMMER_MEETING, lang)).toBe('10.6.2026');
      expect(formatDateTime(SUMMER_MEETING, lang)).toMatch(/^10\.6\.2026 .*18\.00$/);
    }
  });

  it('never uses US month/day order or the ISO order of Sweden', () => {
    for (const lang of ['fi', 'sv', 'en']) {
      const text = formatDateTime('2026-03-01T08:05:00Z', lang);
      expect(text).toMatch(/^1\.3\.2026 /);
      expect(text).not.toMatch(/3\/1|2026-03-01|AM|PM/);
      expect(text).toMatch(/10\.05$/);
    }
  });

  it('shows a calendar date as that day, and a range on one day once', () => {
    expect(formatDate('2026-12-31')).toBe('31.12.2026');
    expect(formatDateTimeRange(WINTER_MEETING, '2026-12-04T18:00:00Z', 'fi')).toBe('4.12.2026 klo 18.00–20.00');
    expect(formatDateTimeRange(WINTER_MEETING, '2026-12-05T08:00:00Z', 'en')).toBe('4.12.2026 18.00 – 5.12.2026 10.00');
    expect(formatDayLabel('2026-12-08', 'fi')).toBe('ti 8.12.');
    expect(formatDayLabel('2026-12-08', 'en')).toBe('Tue 8.12.');
  });
});

describe('Helsinki time, whatever the browser zone', () => {
  it('reads and writes datetime-local values as Helsinki wall-clock time', () => {
    expect(formatTime(WINTER_MEETING)).toBe('18.00');
    expect(formatTime(SUMMER_MEETING)).toBe('18.00');
    expect(toLocalInput(WINTER_MEETING)).toBe('2026-12-04T18:00');
    expect(toIsoWithOffset('2026-12-04T18:00')).toBe('2026-12-04T18:00:00+02:00');
    expect(toIsoWithOffset('2026-06-10T18:00')).toBe('2026-06-10T18:00:00+03:00');
    expect(Date.parse(toIsoWithOffset('2026-06-10T18:00')!)).toBe(Date.parse(SUMMER_MEETING));
  });

  it('gives form defaults on the Helsinki hour', () => {
    expect(localInputInDays(1, Date.parse('2026-12-04T16:42:00Z'))).toBe('2026-12-05T18:00');
  });
});
