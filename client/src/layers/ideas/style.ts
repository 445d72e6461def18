import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import { IDEA_STAGES, type IdeaStage } from '@contracts/ideas';
import { matchProperty } from '@/map/layer-style';
import type { ThemeColor } from '@/map/theme';

/** Points cluster at low zoom; lines and polygons are drawn as they are, so they get their own source. */
export const IDEAS_POINT_SOURCE = 'ideas-points';
export const IDEAS_SHAPE_SOURCE = 'ideas-shapes';
export const IDEAS_HIGHLIGHT_SOURCE = 'ideas-highlight';
/** Beyond this zoom every point idea is drawn on its own. */
export const IDEAS_CLUSTER_MAX_ZOOM = 13;

/** One colour per stage, as HDS tokens (https://hds.hel.fi/foundation/design-tokens/colour). */
export const STAGE_COLORS = {
  submitted: { token: '--color-coat-of-arms', fallback: '#0072c6' },
  connected: { token: '--color-copper-dark', fallback: '#00a17d' },
  refining: { token: '--color-summer-dark', fallback: '#cc9200' },
  decision: { token: '--color-bus', fallback: '#0000bf' },
  implemented: { token: '--color-tram-dark', fallback: '#006631' },
  not_taken_forward: { token: '--color-suomenlinna-dark', fallback: '#e673a5' },
} as const satisfies Record<IdeaStage, ThemeColor>;

export const IDEA_COLORS = {
  cluster: { token: '--color-coat-of-arms-dark', fallback: '#005799' },
  halo: { token: '--color-white', fallback: '#ffffff' },
  highlight: { token: '--color-black', fallback: '#000000' },
} as const satisfies Record<string, ThemeColor>;

/** ['match', stage, 'submitted', colour, …, fallback]; `colors` lets the layer use themed values. */
export function stageColorExpression(colors: Record<IdeaStage, string> = fallbackStageColors()): ExpressionSpecification {
  return matchProperty(
    'stage',
    IDEA_STAGES.map((s) => [s, colors[s]] as const),
    STAGE_COLORS.submitted.fallback,
  );
}
export const fallbackStageColors = () =>
  Object.fromEntries(IDEA_STAGES.map((s) => [s, STAGE_COLORS[s].fallback])) as Record<IdeaStage, string>;

type Circle = Omit<CircleLayerSpecification, 'source'>;
type Fill = Omit<FillLayerSpecification, 'source'>;
type Line = Omit<LineLayerSpecification, 'source'>;

/** Size says how many ideas a cluster holds (no numbers: the offline base map has no glyphs). */
export const ideasCluster: Circle = {
  id: 'ideas-cluster',
  type: 'circle',
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': IDEA_COLORS.cluster.fallback,
    'circle-opacity': 0.85,
    'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 50, 22],
    'circle-stroke-color': IDEA_COLORS.halo.fallback,
    'circle-stroke-width': 2,
  },
};

export const ideasPoint: Circle = {
  id: 'ideas-point',
  type: 'circle',
  filter: ['!', ['has', 'point_count']],
  paint: {
    'circle-color': stageColorExpression(),
    'circle-radius': 7,
    'circle-stroke-color': IDEA_COLORS.halo.fallback,
    'circle-stroke-width': 2,
  },
};

export const ideasFill: Fill = {
  id: 'ideas-fill',
  type: 'fill',
  filter: ['==', ['geometry-type'], 'Polygon'],
  paint: { 'fill-color': stageColorExpression(), 'fill-opacity': 0.25 },
};

/** Outlines of polygons and the lines themselves, in the stage colour. */
export const ideasLine: Line = {
  id: 'ideas-line',
  type: 'line',
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': stageColorExpression(), 'line-width': 3 },
};

export const ideasHighlightLine: Line = {
  id: 'ideas-highlight-line',
  type: 'line',
  filter: ['!=', ['geometry-type'], 'Point'],
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': IDEA_COLORS.highlight.fallback, 'line-width': 5, 'line-dasharray': [2, 1] },
};

export const ideasHighlightPoint: Circle = {
  id: 'ideas-highlight-point',
  type: 'circle',
  filter: ['==', ['geometry-type'], 'Point'],
  paint: {
    'circle-color': 'rgba(0,0,0,0)',
    'circle-radius': 14,
    'circle-stroke-color': IDEA_COLORS.highlight.fallback,
    'circle-stroke-width': 3,
  },
};

/** Bottom to top. */
export const IDEA_LAYERS = [ideasFill, ideasLine, ideasCluster, ideasPoint, ideasHighlightLine, ideasHighlightPoint] as const;

/** Paint properties coloured by stage; the legend and the style test read this. */
export const STAGE_COLORED: { layer: Circle | Fill | Line; property: string }[] = [
  { layer: ideasPoint, property: 'circle-color' },
  { layer: ideasFill, property: 'fill-color' },
  { layer: ideasLine, property: 'line-color' },
];

/** Fixed-colour paint properties, by colour name. */
export const FIXED_COLORED: { layer: Circle | Fill | Line; property: string; color: keyof typeof IDEA_COLORS }[] = [
  { layer: ideasCluster, property: 'circle-color', color: 'cluster' },
  { layer: ideasHighlightLine, property: 'line-color', color: 'highlight' },
  { layer: ideasHighlightPoint, property: 'circle-stroke-color', color: 'highlight' },
];
