import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { ActivityKind, Department } from '@contracts/activities';
import {
  matchProperty,
  stepProperty,
  withColor,
  type CircleStyle,
  type ColorValue,
  type FillStyle,
  type LayerStyle,
  type LineStyle,
} from '@/map/layer-style';
import type { ThemeColor } from '@/map/theme';

/**
 * Activities themselves come as vector tiles (one source, every geometry); the server's counts per
 * cell, for a view holding more than the map draws one by one, and the opened activity each have
 * a GeoJSON source. Ids follow <dataset>-<what>.
 */
export const ACTIVITIES_TILES_SOURCE = 'activities-tiles';
/** The layer name inside the tiles (the dataset id, as /tiles/activities.json says). */
export const ACTIVITIES_TILE_LAYER = 'activities';
export const ACTIVITIES_SELECTION_SOURCE = 'activities-selection';
export const ACTIVITIES_CELLS_SOURCE = 'activities-cells';

/**
 * Below this zoom a view holding more activities than ITEMS_MAX shows the server's counts per
 * cell; from it on the items always show (a tile then holds a few streets' worth).
 */
export const ITEMS_ZOOM = 14;
export const ITEMS_MAX = 2000;

export const ACTIVITY_COLORS = {
  /** Before /api/departments answers, or for a department it does not list. */
  unknown: { token: '--color-black-50', fallback: '#808080' },
  cluster: { token: '--color-bus', fallback: '#0000bf' },
  selection: { token: '--color-metro', fallback: '#fd4f00' },
  ringLight: { token: '--color-white', fallback: '#ffffff' },
  ringDark: { token: '--color-black-90', fallback: '#1a1a1a' },
} as const satisfies Record<string, ThemeColor>;

/**
 * The symbol of each kind: the map has no glyphs or sprites offline, so a kind is told by the
 * ring around its department-coloured circle (light or dark, thin or thick) and its size.
 */
export const KIND_SYMBOLS: Record<ActivityKind, { ring: 'ringLight' | 'ringDark'; ringWidth: number; radius: number }> = {
  project: { ring: 'ringLight', ringWidth: 2, radius: 7 },
  service: { ring: 'ringDark', ringWidth: 2, radius: 7 },
  event: { ring: 'ringLight', ringWidth: 4, radius: 7 },
  construction: { ring: 'ringDark', ringWidth: 4, radius: 7 },
  planning: { ring: 'ringLight', ringWidth: 1.5, radius: 5 },
  participation: { ring: 'ringDark', ringWidth: 1.5, radius: 9 },
};

const byKind = (pick: (s: (typeof KIND_SYMBOLS)[ActivityKind]) => string | number, fallback: string | number) =>
  matchProperty(
    'kind',
    Object.entries(KIND_SYMBOLS).map(([kind, s]) => [kind, pick(s)] as const),
    fallback,
  );

/** Department colour from /api/departments; before it answers, the one colour of unknown departments. */
export function departmentColor(departments: readonly Department[] | undefined): ExpressionSpecification {
  return matchProperty(
    'department',
    (departments ?? []).map((d) => [d.slug, d.color] as const),
    ACTIVITY_COLORS.unknown.fallback,
  );
}

const POLYGON: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const LINE: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const POINT: FilterSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

/** Department toggles: null shows every department, a list only those. */
export function departmentFilter(base: FilterSpecification, shown: readonly string[] | null): FilterSpecification {
  if (shown === null) return base;
  return ['all', base, ['in', ['get', 'department'], ['literal', [...shown]]]] as FilterSpecification;
}

type Fill = FillStyle;
type Line = LineStyle;
type Circle = CircleStyle;
/** A layer over the tiles' activities layer. */
const onTiles = { 'source-layer': ACTIVITIES_TILE_LAYER } as const;

export const activitiesFill: Fill = {
  ...onTiles,
  id: 'activities-fill',
  type: 'fill',
  filter: POLYGON,
  paint: { 'fill-color': ACTIVITY_COLORS.unknown.fallback, 'fill-opacity': 0.12 },
};

export const activitiesOutline: Line = {
  ...onTiles,
  id: 'activities-outline',
  type: 'line',
  filter: POLYGON,
  layout: { 'line-join': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.unknown.fallback, 'line-width': 2 },
};

/** A light casing under each line keeps a pale department colour visible on any background. */
export const activitiesLineCasing: Line = {
  ...onTiles,
  id: 'activities-line-casing',
  type: 'line',
  filter: LINE,
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.ringDark.fallback, 'line-width': 6, 'line-opacity': 0.55 },
};

export const activitiesLine: Line = {
  ...onTiles,
  id: 'activities-line',
  type: 'line',
  filter: LINE,
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.unknown.fallback, 'line-width': 4 },
};

/**
 * A server cell's radius (px) by its count: [radius below the first step, step, radius, …]. At most
 * 28 px, so a cell (the grid is 60 px, cells sit at the squares' centres) never overlaps the next one.
 */
export const CELL_RADIUS_STEPS = [14, 10, 18, 50, 22, 200, 25, 1000, 28] as const;

export function cellRadius(count: number): number {
  let r: number = CELL_RADIUS_STEPS[0];
  for (let i = 1; i < CELL_RADIUS_STEPS.length; i += 2) if (count >= CELL_RADIUS_STEPS[i]) r = CELL_RADIUS_STEPS[i + 1];
  return r;
}

/**
 * A cell's ring: each department's share of its count as an arc in the department's colour,
 * clockwise from the top in the order of the departments list (the legend's order).
 */
export function cellRing(byDepartment: Readonly<Record<string, number>>, departments: readonly Department[] | undefined): string {
  const total = Object.values(byDepartment).reduce((a, b) => a + b, 0);
  if (!total) return ACTIVITY_COLORS.unknown.fallback;
  const known = (departments ?? []).filter((d) => byDepartment[d.slug]);
  const other = total - known.reduce((a, d) => a + byDepartment[d.slug], 0);
  const arcs = [
    ...known.map((d) => ({ color: d.color, n: byDepartment[d.slug] })),
    { color: ACTIVITY_COLORS.unknown.fallback, n: other },
  ];
  let from = 0;
  const stops = arcs
    .filter((a) => a.n > 0)
    .map((a) => {
      const to = from + (a.n / total) * 360;
      const stop = `${a.color} ${from.toFixed(2)}deg ${to.toFixed(2)}deg`;
      from = to;
      return stop;
    });
  return `conic-gradient(${stops.join(', ')})`;
}

/** A server-counted cell: a disc sized by its count, under the HTML ring and count. */
export const activitiesCells: Circle = {
  id: 'activities-cells',
  type: 'circle',
  filter: ['has', 'count'],
  paint: {
    'circle-color': ACTIVITY_COLORS.cluster.fallback,
    'circle-opacity': 0.85,
    'circle-radius': stepProperty('count', CELL_RADIUS_STEPS),
    'circle-stroke-color': ACTIVITY_COLORS.ringLight.fallback,
    'circle-stroke-width': 2,
  },
};

export const activitiesCircle: Circle = {
  ...onTiles,
  id: 'activities-circle',
  type: 'circle',
  filter: POINT,
  paint: {
    'circle-color': ACTIVITY_COLORS.unknown.fallback,
    'circle-radius': byKind((s) => s.radius, 7),
    'circle-stroke-color': byKind((s) => ACTIVITY_COLORS[s.ring].fallback, ACTIVITY_COLORS.ringLight.fallback),
    'circle-stroke-width': byKind((s) => s.ringWidth, 2),
  },
};

export const activitiesSelectionFill: Fill = {
  id: 'activities-selection-fill',
  type: 'fill',
  filter: POLYGON,
  paint: { 'fill-color': ACTIVITY_COLORS.selection.fallback, 'fill-opacity': 0.2 },
};

export const activitiesSelectionLine: Line = {
  id: 'activities-selection-line',
  type: 'line',
  filter: ['!', POINT],
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.selection.fallback, 'line-width': 5 },
};

export const activitiesSelectionCircle: Circle = {
  id: 'activities-selection-circle',
  type: 'circle',
  filter: POINT,
  paint: {
    'circle-color': 'rgba(0,0,0,0)',
    'circle-radius': 13,
    'circle-stroke-color': ACTIVITY_COLORS.selection.fallback,
    'circle-stroke-width': 4,
  },
};

/** Bottom to top: the items (on the tiles), the cells, the opened one. */
export const ACTIVITY_ITEM_LAYERS = [
  activitiesFill,
  activitiesOutline,
  activitiesLineCasing,
  activitiesLine,
  activitiesCircle,
] as const;
export const ACTIVITY_SELECTION_LAYERS = [activitiesSelectionFill, activitiesSelectionLine, activitiesSelectionCircle] as const;
export const ACTIVITY_CELL_LAYERS = [activitiesCells] as const;
export const ACTIVITY_LAYERS = [...ACTIVITY_ITEM_LAYERS, ...ACTIVITY_CELL_LAYERS, ...ACTIVITY_SELECTION_LAYERS] as const;

/** Layers a click opens an activity from (a cell zooms in instead). */
export const CLICKABLE_LAYERS = [activitiesCircle.id, activitiesLine.id, activitiesFill.id] as const;

/** Layers drawn in their department's colour (the casing stays dark, under the line). */
const DEPARTMENT_COLORED: ReadonlySet<string> = new Set([
  activitiesFill.id,
  activitiesOutline.id,
  activitiesLine.id,
  activitiesCircle.id,
]);

/** An item layer as drawn: in the departments' colours, showing only the departments shown (null: all). */
export function itemLayer<L extends LayerStyle>(layer: L, colour: ColorValue, departments: readonly string[] | null): L {
  const coloured = DEPARTMENT_COLORED.has(layer.id) ? withColor(layer, colour) : layer;
  return { ...coloured, filter: departmentFilter(layer.filter!, departments) };
}
