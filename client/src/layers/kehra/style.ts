import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import { DEV_AREA_STATUSES, type DevAreaStatus } from '@contracts/kehra';
import { matchProperty } from '@/map/layer-style';
import type { ThemeColor } from '@/map/theme';

/** Kehrä development areas (polygons) and partnership tables (meeting points and area outlines). */
export const KEHRA_AREAS_SOURCE = 'kehra-areas';
export const KEHRA_TABLES_SOURCE = 'kehra-tables';

/** One colour per development-area status, as HDS tokens. */
export const STATUS_COLORS = {
  idea: { token: '--color-summer-dark', fallback: '#cc9200' },
  planning: { token: '--color-coat-of-arms', fallback: '#0072c6' },
  active: { token: '--color-tram-dark', fallback: '#006631' },
  done: { token: '--color-black-60', fallback: '#666666' },
} as const satisfies Record<DevAreaStatus, ThemeColor>;

export const TABLE_COLORS = {
  table: { token: '--color-suomenlinna-dark', fallback: '#bd2719' },
  halo: { token: '--color-white', fallback: '#ffffff' },
} as const satisfies Record<string, ThemeColor>;

export function statusColorExpression(
  colors: Record<DevAreaStatus, string> = Object.fromEntries(
    DEV_AREA_STATUSES.map((s) => [s, STATUS_COLORS[s].fallback]),
  ) as Record<DevAreaStatus, string>,
): ExpressionSpecification {
  return matchProperty(
    'status',
    DEV_AREA_STATUSES.map((s) => [s, colors[s]] as const),
    STATUS_COLORS.idea.fallback,
  );
}

type Circle = Omit<CircleLayerSpecification, 'source'>;
type Fill = Omit<FillLayerSpecification, 'source'>;
type Line = Omit<LineLayerSpecification, 'source'>;

export const kehraFill: Fill = {
  id: 'kehra-areas-fill',
  type: 'fill',
  paint: { 'fill-color': statusColorExpression(), 'fill-opacity': 0.2 },
};

export const kehraLine: Line = {
  id: 'kehra-areas-line',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: { 'line-color': statusColorExpression(), 'line-width': 2.5 },
};

export const tablesArea: Line = {
  id: 'kehra-tables-area',
  type: 'line',
  filter: ['==', ['get', 'role'], 'area'],
  layout: { 'line-join': 'round' },
  paint: { 'line-color': TABLE_COLORS.table.fallback, 'line-width': 2, 'line-dasharray': [3, 2] },
};

export const tablesPoint: Circle = {
  id: 'kehra-tables-point',
  type: 'circle',
  filter: ['==', ['get', 'role'], 'meeting_place'],
  paint: {
    'circle-color': TABLE_COLORS.table.fallback,
    'circle-radius': 7,
    'circle-stroke-color': TABLE_COLORS.halo.fallback,
    'circle-stroke-width': 2,
  },
};

/** Bottom to top. */
export const KEHRA_LAYERS = [kehraFill, kehraLine, tablesArea, tablesPoint] as const;
