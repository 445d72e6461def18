import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, type Department } from '@contracts/activities';
import {
  ACTIVITIES_CELLS_SOURCE,
  ACTIVITIES_SELECTION_SOURCE,
  ACTIVITIES_TILES_SOURCE,
  ACTIVITY_CELL_LAYERS,
  cellRadius,
  cellRing,
  ACTIVITY_COLORS,
  ACTIVITY_ITEM_LAYERS,
  ACTIVITY_LAYERS,
  ACTIVITY_SELECTION_LAYERS,
  activitiesCircle,
  activitiesLineCasing,
  departmentColor,
  departmentFilter,
  itemLayer,
  KIND_SYMBOLS,
} from './style';

const dept = (slug: string, color: string): Department => ({ id: 1, slug, nameFi: slug, nameSv: null, nameEn: null, color });

describe('activity layer styles', () => {
  it('have unique ids named <dataset>-<geometry>', () => {
    const ids = ACTIVITY_LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^activities-[a-z-]+$/);
  });

  it('form a valid MapLibre style with the runtime colour and filter in place', () => {
    const colour = departmentColor([dept('kymp', '#00d7a7'), dept('kuva', '#ffc61e')]);
    const style: StyleSpecification = {
      version: 8,
      sources: {
        [ACTIVITIES_TILES_SOURCE]: { type: 'vector', tiles: ['http://localhost/tiles/activities/{z}/{x}/{y}.mvt'] },
        [ACTIVITIES_SELECTION_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        [ACTIVITIES_CELLS_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      },
      layers: [
        ...ACTIVITY_ITEM_LAYERS.map((l) => ({ ...itemLayer(l, colour, ['kymp']), source: ACTIVITIES_TILES_SOURCE })),
        ...ACTIVITY_CELL_LAYERS.map((l) => ({ ...l, source: ACTIVITIES_CELLS_SOURCE })),
        ...ACTIVITY_SELECTION_LAYERS.map((l) => ({ ...l, source: ACTIVITIES_SELECTION_SOURCE })),
      ],
    };
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('draws items in their department colour, except the dark casing under lines', () => {
    const colour = departmentColor([dept('kymp', '#00d7a7')]);
    expect(itemLayer(activitiesCircle, colour, null).paint!['circle-color']).toEqual(colour);
    expect(itemLayer(activitiesLineCasing, colour, null).paint!['line-color']).toBe(ACTIVITY_COLORS.ringDark.fallback);
    expect(itemLayer(activitiesCircle, colour, ['kymp']).filter).toEqual(departmentFilter(activitiesCircle.filter!, ['kymp']));
  });

  it('colours every department listed by the API, with the feature colour as fallback', () => {
    const expr = departmentColor([dept('kymp', '#00d7a7'), dept('kuva', '#ffc61e')]);
    expect(expr.slice(0, 6)).toEqual(['match', ['get', 'department'], 'kymp', '#00d7a7', 'kuva', '#ffc61e']);
    expect(departmentColor(undefined)).toEqual(['literal', ACTIVITY_COLORS.unknown.fallback]);
  });

  it('every kind has a distinct symbol', () => {
    expect(Object.keys(KIND_SYMBOLS).sort()).toEqual([...ACTIVITY_KINDS].sort());
    const looks = Object.values(KIND_SYMBOLS).map((s) => `${s.ring}/${s.ringWidth}/${s.radius}`);
    expect(new Set(looks).size).toBe(looks.length);
  });

  it('department toggles leave the base filter alone when all are shown', () => {
    expect(departmentFilter(['has', 'x'], null)).toEqual(['has', 'x']);
    expect(departmentFilter(['has', 'x'], ['kymp'])).toEqual([
      'all',
      ['has', 'x'],
      ['in', ['get', 'department'], ['literal', ['kymp']]],
    ]);
  });
});

describe('server cells', () => {
  const departments = [
    { slug: 'kasko', color: '#111111' },
    { slug: 'kymp', color: '#222222' },
  ] as Department[];

  it('draw each department as its share of the ring, in the legend order, unknown ones last', () => {
    expect(cellRing({ kymp: 1, kasko: 3 }, departments)).toBe(
      'conic-gradient(#111111 0.00deg 270.00deg, #222222 270.00deg 360.00deg)',
    );
    expect(cellRing({ kymp: 1, gone: 1 }, departments)).toBe(
      `conic-gradient(#222222 0.00deg 180.00deg, ${ACTIVITY_COLORS.unknown.fallback} 180.00deg 360.00deg)`,
    );
  });

  it('grow with the count, but never wider than the 60 px grid they sit on', () => {
    expect([1, 10, 50, 200, 1000, 1e6].map(cellRadius)).toEqual([14, 18, 22, 25, 28, 28]);
    expect(2 * cellRadius(Number.MAX_SAFE_INTEGER) + 4).toBeLessThanOrEqual(60); // the ring's 2 px white edge on each side
  });
});
