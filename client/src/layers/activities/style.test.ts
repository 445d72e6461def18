import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, type Department } from '@contracts/activities';
import {
  ACTIVITIES_CELLS_SOURCE,
  ACTIVITIES_POINTS_SOURCE,
  ACTIVITIES_SELECTION_SOURCE,
  ACTIVITIES_SHAPES_SOURCE,
  ACTIVITY_CELL_LAYERS,
  cellRadius,
  cellRing,
  ACTIVITY_COLORS,
  ACTIVITY_LAYERS,
  ACTIVITY_POINT_LAYERS,
  ACTIVITY_SELECTION_LAYERS,
  ACTIVITY_SHAPE_LAYERS,
  DEPARTMENT_COLORED,
  departmentColor,
  departmentFilter,
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
    const layer = (l: (typeof ACTIVITY_LAYERS)[number], source: string) => {
      const entry = DEPARTMENT_COLORED.find((d) => d.layer.id === l.id);
      return {
        ...l,
        source,
        filter: departmentFilter(l.filter!, ['kymp']),
        paint: entry ? { ...l.paint, [entry.property]: colour } : l.paint,
      };
    };
    const style = {
      version: 8,
      sources: {
        [ACTIVITIES_SHAPES_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        [ACTIVITIES_POINTS_SOURCE]: { type: 'geojson', cluster: true, data: { type: 'FeatureCollection', features: [] } },
        [ACTIVITIES_SELECTION_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        [ACTIVITIES_CELLS_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      },
      layers: [
        ...ACTIVITY_SHAPE_LAYERS.map((l) => layer(l, ACTIVITIES_SHAPES_SOURCE)),
        ...ACTIVITY_POINT_LAYERS.map((l) => layer(l, ACTIVITIES_POINTS_SOURCE)),
        ...ACTIVITY_CELL_LAYERS.map((l) => ({ ...l, source: ACTIVITIES_CELLS_SOURCE })),
        ...ACTIVITY_SELECTION_LAYERS.map((l) => ({ ...l, source: ACTIVITIES_SELECTION_SOURCE })),
      ],
    };
    expect(validateStyleMin(style as never)).toEqual([]);
  });

  it('colours every department listed by the API, with the feature colour as fallback', () => {
    const expr = departmentColor([dept('kymp', '#00d7a7'), dept('kuva', '#ffc61e')]);
    expect(expr.slice(0, 6)).toEqual(['match', ['get', 'department'], 'kymp', '#00d7a7', 'kuva', '#ffc61e']);
    expect(departmentColor(undefined)).toEqual(['coalesce', ['get', 'departmentColor'], ACTIVITY_COLORS.unknown.fallback]);
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
