import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  FilterSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import type { ActivityKind, Department } from '@contracts/activities';
import type { ThemeColor } from '@/map/theme';

/**
 * Points cluster in their own source; lines and polygons share one; the opened activity has a
 * third. Ids follow <dataset>-<geometry>.
 */
export const ACTIVITIES_POINTS_SOURCE = 'activities-points';
export const ACTIVITIES_SHAPES_SOURCE = 'activities-shapes';
export const ACTIVITIES_SELECTION_SOURCE = 'activities-selection';
/** Cells counted by the server, for a view holding more activities than the map fetches. */
export const ACTIVITIES_CELLS_SOURCE = 'activities-cells';

/** Points merge into clusters up to this zoom; beyond it every point is its own circle. */
export const CLUSTER_MAX_ZOOM = 13;
export const CLUSTER_RADIUS = 40;

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
  [
    'match',
    ['get', 'kind'],
    ...Object.entries(KIND_SYMBOLS).flatMap(([kind, s]) => [kind, pick(s)]),
    fallback,
  ] as unknown as ExpressionSpecification;

/** Department colour from /api/departments; features also carry their colour as a fallback. */
export function departmentColor(departments: readonly Department[] | undefined): ExpressionSpecification {
  const fallback = ['coalesce', ['get', 'departmentColor'], ACTIVITY_COLORS.unknown.fallback];
  if (!departments?.length) return fallback as ExpressionSpecification;
  return [
    'match',
    ['get', 'department'],
    ...departments.flatMap((d) => [d.slug, d.color]),
    fallback,
  ] as unknown as ExpressionSpecification;
}

const POLYGON: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const LINE: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const CLUSTER: FilterSpecification = ['has', 'point_count'];
const NOT_CLUSTER: FilterSpecification = ['!', ['has', 'point_count']];

/** Department toggles: null shows every department, a list only those. */
export function departmentFilter(base: FilterSpecification, shown: readonly string[] | null): FilterSpecification {
  if (shown === null) return base;
  return ['all', base, ['in', ['get', 'department'], ['literal', [...shown]]]] as FilterSpecification;
}

type Fill = Omit<FillLayerSpecification, 'source'>;
type Line = Omit<LineLayerSpecification, 'source'>;
type Circle = Omit<CircleLayerSpecification, 'source'>;

export const activitiesFill: Fill = {
  id: 'activities-fill',
  type: 'fill',
  filter: POLYGON,
  paint: { 'fill-color': ACTIVITY_COLORS.unknown.fallback, 'fill-opacity': 0.12 },
};

export const activitiesOutline: Line = {
  id: 'activities-outline',
  type: 'line',
  filter: POLYGON,
  layout: { 'line-join': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.unknown.fallback, 'line-width': 2 },
};

/** A light casing under each line keeps a pale department colour visible on any background. */
export const activitiesLineCasing: Line = {
  id: 'activities-line-casing',
  type: 'line',
  filter: LINE,
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.ringDark.fallback, 'line-width': 6, 'line-opacity': 0.55 },
};

export const activitiesLine: Line = {
  id: 'activities-line',
  type: 'line',
  filter: LINE,
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.unknown.fallback, 'line-width': 4 },
};

/** Cluster size shows as radius too, since counts need glyphs (they are HTML markers here). */
export const activitiesCluster: Circle = {
  id: 'activities-cluster',
  type: 'circle',
  filter: CLUSTER,
  paint: {
    'circle-color': ACTIVITY_COLORS.cluster.fallback,
    'circle-opacity': 0.85,
    'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 23, 200, 28],
    'circle-stroke-color': ACTIVITY_COLORS.ringLight.fallback,
    'circle-stroke-width': 2,
  },
};

/** A server-counted cell looks like a cluster, sized by its count. */
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

export const activitiesCells: Circle = {
  id: 'activities-cells',
  type: 'circle',
  filter: ['has', 'count'],
  paint: {
    ...activitiesCluster.paint,
    'circle-radius': ['step', ['get', 'count'], ...CELL_RADIUS_STEPS] as unknown as ExpressionSpecification,
  },
};

export const activitiesCircle: Circle = {
  id: 'activities-circle',
  type: 'circle',
  filter: NOT_CLUSTER,
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
  filter: ['!', ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]],
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': ACTIVITY_COLORS.selection.fallback, 'line-width': 5 },
};

export const activitiesSelectionCircle: Circle = {
  id: 'activities-selection-circle',
  type: 'circle',
  filter: ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false],
  paint: {
    'circle-color': 'rgba(0,0,0,0)',
    'circle-radius': 13,
    'circle-stroke-color': ACTIVITY_COLORS.selection.fallback,
    'circle-stroke-width': 4,
  },
};

/** Bottom to top, by source. */
export const ACTIVITY_SHAPE_LAYERS = [activitiesFill, activitiesOutline, activitiesLineCasing, activitiesLine] as const;
export const ACTIVITY_POINT_LAYERS = [activitiesCluster, activitiesCircle] as const;
export const ACTIVITY_SELECTION_LAYERS = [activitiesSelectionFill, activitiesSelectionLine, activitiesSelectionCircle] as const;
export const ACTIVITY_CELL_LAYERS = [activitiesCells] as const;
export const ACTIVITY_LAYERS = [
  ...ACTIVITY_SHAPE_LAYERS,
  ...ACTIVITY_POINT_LAYERS,
  ...ACTIVITY_CELL_LAYERS,
  ...ACTIVITY_SELECTION_LAYERS,
] as const;

/** Layers a click opens an activity from (clusters zoom in instead). */
export const CLICKABLE_LAYERS = [activitiesCircle.id, activitiesLine.id, activitiesFill.id] as const;

/** Layers whose colour is the department's (paint property per layer). */
export const DEPARTMENT_COLORED: { layer: Fill | Line | Circle; property: string }[] = [
  { layer: activitiesFill, property: 'fill-color' },
  { layer: activitiesOutline, property: 'line-color' },
  { layer: activitiesLine, property: 'line-color' },
  { layer: activitiesCircle, property: 'circle-color' },
];
