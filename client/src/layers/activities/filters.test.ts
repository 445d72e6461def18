import { describe, expect, it } from 'vitest';
import { activityFilterParams, parseActivityFilters, parseDistance, writeActivityFilters } from './filters';

describe('activity filters in the URL', () => {
  it('defaults to every department, now and upcoming', () => {
    expect(parseActivityFilters(new URLSearchParams())).toEqual({
      department: null,
      theme: [],
      kind: [],
      status: [],
      from: 'upcoming',
      to: null,
    });
  });

  it('round-trips through the query string, keeping other parameters', () => {
    const f = {
      department: ['kymp', 'kuva'],
      theme: ['youth'],
      kind: ['event' as const],
      status: [],
      from: '2026-05-01',
      to: '2026-06-30',
    };
    const q = writeActivityFilters(new URLSearchParams('area=12'), f);
    expect(q.get('area')).toBe('12');
    expect(q.get('department')).toBe('kymp,kuva');
    expect(parseActivityFilters(q)).toEqual(f);
  });

  it('keeps "no department" distinct from "all departments"', () => {
    const q = writeActivityFilters(new URLSearchParams(), { ...parseActivityFilters(new URLSearchParams()), department: [] });
    expect(q.get('department')).toBe('none');
    expect(parseActivityFilters(q).department).toEqual([]);
  });

  it('drops unknown kinds and malformed dates', () => {
    const f = parseActivityFilters(new URLSearchParams('kind=event,bogus&from=yesterday&to=2026-13'));
    expect(f.kind).toEqual(['event']);
    expect(f.from).toBe('upcoming');
    expect(f.to).toBeNull();
  });

  it('becomes API parameters: today for "upcoming", nothing for "all", to inclusive of its day', () => {
    const base = parseActivityFilters(new URLSearchParams('theme=youth&to=2026-12-31'));
    const q = activityFilterParams(base, { area: 26, today: '2026-11-23' });
    expect(Object.fromEntries(q)).toEqual({ area: '26', theme: 'youth', from: '2026-11-23', to: '2026-12-31T23:59:59Z' });
    expect(activityFilterParams({ ...base, from: 'all', to: null }, { area: null, today: '2026-11-23' }).has('from')).toBe(false);
  });

  it('distance is one of the offered steps', () => {
    expect(parseDistance('500')).toBe(500);
    expect(parseDistance('42')).toBe(100);
    expect(parseDistance(null)).toBe(100);
  });
});
