import type { FillStyle } from '@/map/layer-style';

export const STATISTICS_SOURCE = 'statistics';
/** ColorBrewer "Blues", five classes: light to dark reads as less to more, also in greyscale. */
export const CLASS_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOUR = '#bdbdbd';

/** Coloured by `class` (0–4, -1 without a value), set on each feature from the figure's breaks. */
export const statisticsFill: FillStyle = {
  id: 'statistics-fill',
  type: 'fill',
  paint: {
    'fill-color': ['match', ['get', 'class'], ...CLASS_COLOURS.flatMap((c, i) => [i, c]), NO_DATA_COLOUR] as never,
    'fill-opacity': 0.7,
  },
};

/** Four breaks that split the values into five classes of about equal size (quantiles). */
export function quantileBreaks(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return [];
  return [1, 2, 3, 4].map((q) => sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 5))]);
}

export const classOf = (v: number | null, breaks: number[]): number => (v === null ? -1 : breaks.filter((b) => v >= b).length);
