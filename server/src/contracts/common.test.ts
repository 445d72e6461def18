import { describe, expect, it } from 'vitest';
import { BboxParam, idList, PlainText, roundBbox, slugList } from './common.js';
import { ActivitiesQuery } from './activities.js';
import { IdeasQuery } from './ideas.js';
import { KehraQuery } from './kehra.js';
import { OgcItemsQuery } from './ogc.js';
import { TablesQuery } from './partnership-tables.js';

describe('PlainText', () => {
  const title = PlainText('title', 40);
  it('keeps ordinary text, trimmed and NFC-normalised', () => {
    expect(title.parse('  Leikkipuisto <3 ')).toBe('Leikkipuisto <3');
    expect(title.parse('a\u0308')).toBe('ä');
    expect(title.parse('5 < 6 > 4')).toBe('5 < 6 > 4');
  });
  it.each([
    ['<script>alert(1)</script>', /HTML or script/],
    ['<img src=x onerror=alert(1)>', /HTML or script/],
    ['javascript:alert(1)', /HTML or script/],
    ['abc\u202Egnp.exe', /bidirectional/],
    ['a\u0000b', /control characters/],
    ['   ', /must not be empty/],
    ['x'.repeat(41), /at most 40/],
  ])('refuses %j', (input, message) => {
    const r = title.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(message);
  });
});

describe('the URL-parameter grammar', () => {
  it('reads a list as a,b and as a repeated parameter, the same way', () => {
    const theme = slugList('theme');
    expect(theme.parse('liikenne,luonto')).toEqual(['liikenne', 'luonto']);
    expect(theme.parse(['liikenne', 'luonto'])).toEqual(['liikenne', 'luonto']);
    expect(theme.parse(' liikenne,,luonto ')).toEqual(['liikenne', 'luonto']);
    expect(theme.safeParse('Liikenne').error?.issues[0].message).toMatch(/lower-case slugs/);
    expect(theme.safeParse(',').error?.issues[0].message).toMatch(/at least one/);
    expect(idList('area').parse('3,14')).toEqual([3, 14]);
    expect(idList('area').safeParse('3,9999999999').success).toBe(false);
  });

  // Every section's list query takes the same ?theme= and ?area= lists (the main menu carries them across).
  it.each([
    ['activities', ActivitiesQuery],
    ['ideas', IdeasQuery],
    ['kehra', KehraQuery],
    ['partnership-tables', TablesQuery],
  ] as const)('%s takes theme and area as lists', (_name, schema) => {
    const q = schema.parse({ theme: 'liikenne,luonto', area: ['1', '2'], bbox: '24.9,60.1,25,60.2' }) as Record<string, unknown>;
    expect(q.theme).toEqual(['liikenne', 'luonto']);
    expect(q.area).toEqual([1, 2]);
    expect(q.bbox).toEqual([24.9, 60.1, 25, 60.2]);
  });

  it('OGC takes the same lists, and a 3D bbox', () => {
    const q = OgcItemsQuery.parse({ stage: 'submitted,decision', theme: ['a', 'b'], bbox: '24.9,60.1,0,25,60.2,10' });
    expect(q.stage).toEqual(['submitted', 'decision']);
    expect(q.theme).toEqual(['a', 'b']);
    expect(q.bbox).toEqual([24.9, 60.1, 25, 60.2]);
  });

  it('parses a bbox once, in range and ordered', () => {
    const bbox = BboxParam();
    expect(bbox.safeParse('1,2,3').error?.issues[0].message).toMatch(/four numbers/);
    expect(bbox.safeParse('24.9,60.1,0,25,60.2,10').success).toBe(false);
    expect(bbox.safeParse('181,0,182,1').error?.issues[0].message).toMatch(/longitudes/);
    expect(bbox.safeParse('25,60,24,61').error?.issues[0].message).toMatch(/minimum/);
    expect(bbox.safeParse(['1,2,3,4', '1,2,3,4']).error?.issues[0].message).toMatch(/given once/);
  });

  it('rounds a bbox outward to one grid, clamped to the world', () => {
    expect(roundBbox([24.93456, 60.16321, 24.95001, 60.17])).toEqual([24.934, 60.163, 24.951, 60.17]);
    expect(roundBbox([-180.0004, -90.0004, 180.0004, 90.0004])).toEqual([-180, -90, 180, 90]);
    const r = roundBbox([24.1, 60.3, 24.7, 60.9]);
    expect(r.map((v) => String(v).split('.')[1]?.length ?? 0).every((d) => d <= 3)).toBe(true);
  });
});
