import { describe, expect, it } from 'vitest';
import { sectorBalance } from '../contracts/kehra.js';
import { TABLE_PARTICIPANT_RANGE } from '../contracts/partnership-tables.js';

describe('sectorBalance', () => {
  it('counts the three sectors and warns for each missing one', () => {
    const b = sectorBalance(['residents', 'residents', 'businesses']);
    expect(b.counts).toEqual({ residents: 2, businesses: 1, city: 0 });
    expect(b.missing).toEqual(['city']);
    expect(b.warnings).toEqual([{ code: 'sector_missing', sector: 'city' }]);
  });

  it('has no warnings for equal thirds', () => {
    expect(sectorBalance(['residents', 'businesses', 'city']).warnings).toEqual([]);
  });

  it('warns when a sector is under half of its third', () => {
    const b = sectorBalance([...Array(6).fill('residents'), ...Array(6).fill('businesses'), 'city']);
    expect(b.warnings).toEqual([{ code: 'sector_underrepresented', sector: 'city' }]);
  });

  it('warns outside the size range of a partnership table, inclusive at both ends', () => {
    const of = (n: number) =>
      sectorBalance(
        Array.from({ length: n }, (_, i) => (['residents', 'businesses', 'city'] as const)[i % 3]),
        TABLE_PARTICIPANT_RANGE,
      );
    expect(of(4).warnings).toContainEqual({ code: 'too_few_participants', min: 5, count: 4 });
    expect(of(5).warnings).toEqual([]);
    expect(of(15).warnings).toEqual([]);
    expect(of(16).warnings).toEqual([{ code: 'too_many_participants', max: 15, count: 16 }]);
  });
});
