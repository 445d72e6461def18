import type { ExpressionSpecification } from 'maplibre-gl';
import type { CircleStyle, FillStyle, LineStyle } from '@/map/layer-style';
import type { ThemeColor } from '@/map/theme';

/** A budgeting round's pots (district polygons shaded by euros) and its plans (funded ones highlighted). */
export const BUDGETING_POTS_SOURCE = 'budgeting-pots';
export const BUDGETING_PLANS_SOURCE = 'budgeting-plans';

/** A plan before results, a funded plan, a plan the results skipped. */
export const PLAN_COLORS = {
  plan: { token: '--color-coat-of-arms', fallback: '#0072c6' },
  funded: { token: '--color-tram-dark', fallback: '#006631' },
  skipped: { token: '--color-black-50', fallback: '#808080' },
  halo: { token: '--color-white', fallback: '#ffffff' },
} as const satisfies Record<string, ThemeColor>;

/** Light to dark: the pots' euros in four classes (a sequential scheme, HDS blues). */
export const POT_CLASS_COLORS = ['#e8f3fc', '#9fc9eb', '#4a94cf', '#00478c'] as const;

/**
 * Class breaks over the pots' shaded values (€ per resident or per pot), by rank: each class holds
 * about a quarter of the districts, so one outlier (a district of few residents) does not leave all
 * the others in one class. Each break is a pot's own value, so a legend can name the ranges; fewer
 * distinct values give fewer classes, one value none.
 */
export function potBreaks(values: readonly number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const n = sorted.length;
  if (n < 2) return [];
  const classes = POT_CLASS_COLORS.length;
  const at = [1, 2, 3].map((i) => sorted[Math.min(n - 1, Math.max(1, Math.round((i * n) / classes)))]);
  return [...new Set(at)];
}

/** ['step', shade, c₀, b₁, c₁, …]: a pot's colour by the class of its shaded value. */
export function potColorExpression(
  breaks: readonly number[],
  colors: readonly string[] = POT_CLASS_COLORS,
): ExpressionSpecification {
  if (!breaks.length) return ['literal', colors[1]] as unknown as ExpressionSpecification;
  return [
    'step',
    ['get', 'shade'],
    colors[0],
    ...breaks.flatMap((b, i) => [b, colors[i + 1]]),
  ] as unknown as ExpressionSpecification;
}

/** funded true → funded, false → skipped, null (no results yet) → plan. */
export function planColorExpression(
  colors: { plan: string; funded: string; skipped: string } = {
    plan: PLAN_COLORS.plan.fallback,
    funded: PLAN_COLORS.funded.fallback,
    skipped: PLAN_COLORS.skipped.fallback,
  },
): ExpressionSpecification {
  return ['case', ['==', ['get', 'funded'], true], colors.funded, ['==', ['get', 'funded'], false], colors.skipped, colors.plan];
}

export const potsFill: FillStyle = {
  id: 'budgeting-pots-fill',
  type: 'fill',
  paint: { 'fill-color': potColorExpression([]), 'fill-opacity': 0.55 },
};

export const potsLine: LineStyle = {
  id: 'budgeting-pots-line',
  type: 'line',
  layout: { 'line-join': 'round' },
  paint: { 'line-color': POT_CLASS_COLORS[3], 'line-width': 1 },
};

const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isFunded: ExpressionSpecification = ['==', ['get', 'funded'], true];

export const plansArea: FillStyle = {
  id: 'budgeting-plans-area',
  type: 'fill',
  filter: ['==', ['geometry-type'], 'Polygon'],
  paint: { 'fill-color': planColorExpression(), 'fill-opacity': 0.35 },
};

export const plansLine: LineStyle = {
  id: 'budgeting-plans-line',
  type: 'line',
  filter: ['all', ['!', isPoint], ['!', isFunded]],
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': planColorExpression(), 'line-width': 3 },
};

export const plansPoint: CircleStyle = {
  id: 'budgeting-plans-point',
  type: 'circle',
  filter: ['all', isPoint, ['!', isFunded]],
  paint: {
    'circle-color': planColorExpression(),
    'circle-radius': 7,
    'circle-stroke-color': PLAN_COLORS.halo.fallback,
    'circle-stroke-width': 2,
  },
};

/** Funded plans have layers of their own, drawn on top and wider: the highlight of the results. */
export const plansFundedLine: LineStyle = {
  id: 'budgeting-plans-funded-line',
  type: 'line',
  filter: ['all', ['!', isPoint], isFunded],
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': PLAN_COLORS.funded.fallback, 'line-width': 7 },
};

export const plansFundedPoint: CircleStyle = {
  id: 'budgeting-plans-funded-point',
  type: 'circle',
  filter: ['all', isPoint, isFunded],
  paint: {
    'circle-color': PLAN_COLORS.funded.fallback,
    'circle-radius': 11,
    'circle-stroke-color': PLAN_COLORS.halo.fallback,
    'circle-stroke-width': 3,
  },
};

/** Bottom to top. */
export const BUDGETING_LAYERS = [
  potsFill,
  potsLine,
  plansArea,
  plansLine,
  plansPoint,
  plansFundedLine,
  plansFundedPoint,
] as const;
