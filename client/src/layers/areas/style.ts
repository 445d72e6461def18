import type { FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl';
import type { AreaLevel } from '@contracts/areas';
import type { ThemeColor } from '@/map/theme';

/** Source ids: the level on show, the coarse outline for context, and the selected area's level. */
export const AREAS_SOURCE = 'areas';
export const AREAS_OUTLINE_SOURCE = 'areas-outline';
export const AREAS_SELECTION_SOURCE = 'areas-selection';

/** Colours as HDS tokens (https://hds.hel.fi/foundation/design-tokens/colour). */
export const AREA_COLORS = {
  fill: { token: '--color-coat-of-arms', fallback: '#0072c6' },
  line: { token: '--color-coat-of-arms-dark', fallback: '#005799' },
  boundary: { token: '--color-bus-dark', fallback: '#00005e' },
  selectedFill: { token: '--color-metro', fallback: '#fd4f00' },
  selectedLine: { token: '--color-metro-dark', fallback: '#bd2f00' },
  point: { token: '--color-brick', fallback: '#bd2719' },
} as const satisfies Record<string, ThemeColor>;
export type AreaColorName = keyof typeof AREA_COLORS;

type Fill = Omit<FillLayerSpecification, 'source'>;
type Line = Omit<LineLayerSpecification, 'source'>;

export const areasFill: Fill = {
  id: 'areas-fill',
  type: 'fill',
  paint: { 'fill-color': AREA_COLORS.fill.fallback, 'fill-opacity': 0.08 },
};

export const areasLine: Line = {
  id: 'areas-line',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: { 'line-color': AREA_COLORS.line.fallback, 'line-width': 1.2, 'line-opacity': 0.9 },
};

export const areasBoundaryLine: Line = {
  id: 'areas-boundary-line',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: { 'line-color': AREA_COLORS.boundary.fallback, 'line-width': 2.5, 'line-opacity': 0.8 },
};

/** Matches nothing until an area is chosen; the id filter is the only runtime variation. */
export const NO_AREA = -1;
export const highlightFilter = (areaId: number | null) => ['==', ['id'], areaId ?? NO_AREA] as FillLayerSpecification['filter'];

export const areasHighlight: Fill = {
  id: 'areas-highlight',
  type: 'fill',
  filter: highlightFilter(null),
  paint: { 'fill-color': AREA_COLORS.selectedFill.fallback, 'fill-opacity': 0.22 },
};

export const areasHighlightLine: Line = {
  id: 'areas-highlight-line',
  type: 'line',
  filter: highlightFilter(null),
  layout: { 'line-join': 'round' },
  paint: { 'line-color': AREA_COLORS.selectedLine.fallback, 'line-width': 3.5 },
};

/** Bottom to top. */
export const AREA_LAYERS = [areasFill, areasLine, areasBoundaryLine, areasHighlight, areasHighlightLine] as const;

/** Which paint property of which layer shows which colour: the legend and the test read this. */
export const AREA_LAYER_COLORS: { layer: Fill | Line; property: string; color: AreaColorName }[] = [
  { layer: areasFill, property: 'fill-color', color: 'fill' },
  { layer: areasLine, property: 'line-color', color: 'line' },
  { layer: areasBoundaryLine, property: 'line-color', color: 'boundary' },
  { layer: areasHighlight, property: 'fill-color', color: 'selectedFill' },
  { layer: areasHighlightLine, property: 'line-color', color: 'selectedLine' },
];

/** The finest level worth drawing at a zoom: whole major districts when the city fits the screen. */
export function levelForZoom(zoom: number): AreaLevel {
  if (zoom < 11.5) return 'suurpiiri';
  if (zoom < 13) return 'peruspiiri';
  return 'osa_alue';
}
