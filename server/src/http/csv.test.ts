import { describe, expect, it } from 'vitest';
import { ActivitiesQuery } from '../contracts/activities.js';
import { csvCell, toCsv } from './csv.js';

describe('csvCell', () => {
  it('prefixes formula-looking text with a quote', () => {
    for (const s of ['=1+1', '+358 9 310', '-x', '@SUM(A1)']) expect(csvCell(s).replace(/^"|"$/g, '')).toBe(`'${s}`);
  });
  it('quotes separators, quotes and newlines; keeps numbers numeric', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-24.5)).toBe('-24.5');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', 1],
        ['b', true],
      ]),
    ).toBe('a,1\r\nb,true\r\n');
  });
});

describe('ActivitiesQuery', () => {
  it('parses lists given as commas or repeated parameters', () => {
    const q = ActivitiesQuery.parse({ theme: ['youth', 'culture,elderly'], bbox: '24.9,60.1,25,60.2', from: '2030-01-01' });
    expect(q.theme).toEqual(['youth', 'culture', 'elderly']);
    expect(q.bbox).toEqual([24.9, 60.1, 25, 60.2]);
    expect(q.from).toBe('2030-01-01T00:00:00.000Z');
  });
  it('rejects unknown parameters by name', () => {
    const r = ActivitiesQuery.safeParse({ colour: 'red' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('colour');
  });
});
