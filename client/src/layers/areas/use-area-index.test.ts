import { describe, expect, it } from 'vitest';
import type { AreaCollection, AreaLevel } from '@contracts/areas';
import { sortByName, areaName } from './area-name';
import { areaPath, buildAreaIndex } from './use-area-index';

const feature = (id: number, level: AreaLevel, parentId: number | null, nameFi: string, nameSv: string | null = null) => ({
  type: 'Feature' as const,
  id,
  geometry: { type: 'Point' as const, coordinates: [0, 0] },
  properties: {
    id,
    level,
    code: String(id),
    fullCode: String(id),
    nameFi,
    nameSv,
    parentId,
    labelLon: 0,
    labelLat: 0,
    bbox: [0, 0, 1, 1] as [number, number, number, number],
  },
});
const fc = (...features: ReturnType<typeof feature>[]): AreaCollection => ({ type: 'FeatureCollection', features });

describe('area index', () => {
  const index = buildAreaIndex({
    suurpiiri: fc(feature(2, 'suurpiiri', null, 'Eteläinen', 'Södra')),
    peruspiiri: fc(feature(12, 'peruspiiri', 2, 'Vironniemi', 'Estnäs')),
    osa_alue: fc(feature(80, 'osa_alue', 12, 'Kruununhaka', 'Kronohagen'), feature(81, 'osa_alue', 12, 'Kluuvi', 'Gloet')),
  });

  it('walks from an area up to its suurpiiri', () => {
    expect(areaPath(index, 80).map((a) => a.id)).toEqual([2, 12, 80]);
    expect(areaPath(index, null)).toEqual([]);
  });

  it('lists children under their parent', () => {
    expect(index.children.get(null)?.map((a) => a.id)).toEqual([2]);
    expect(
      index.children
        .get(12)
        ?.map((a) => a.id)
        .sort(),
    ).toEqual([80, 81]);
  });

  it("names and sorts in the reader's language, Finnish when no Swedish name exists", () => {
    const kids = index.children.get(12)!;
    expect(sortByName(kids, 'fi').map((a) => areaName(a, 'fi'))).toEqual(['Kluuvi', 'Kruununhaka']);
    expect(sortByName(kids, 'sv').map((a) => areaName(a, 'sv'))).toEqual(['Gloet', 'Kronohagen']);
    expect(areaName({ nameFi: 'Aluemeri', nameSv: null }, 'sv')).toBe('Aluemeri');
  });
});
