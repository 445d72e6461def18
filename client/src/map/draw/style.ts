import type { ThemeColor } from '@/map/theme';
import type { FillStyle, LineStyle } from '@/map/layer-style';

/** The shape being drawn, whichever form draws it (an idea, an activity, a Kehrä area, a drawn search area). */
export const DRAW_SOURCE = 'draw';

export const DRAW_COLOR = { token: '--color-metro', fallback: '#fd4f00' } as const satisfies ThemeColor;

export const drawFill: FillStyle = {
  id: 'draw-fill',
  type: 'fill',
  filter: ['==', ['geometry-type'], 'Polygon'],
  paint: { 'fill-color': DRAW_COLOR.fallback, 'fill-opacity': 0.2 },
};

export const drawLine: LineStyle = {
  id: 'draw-line',
  type: 'line',
  filter: ['!=', ['geometry-type'], 'Point'],
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint: { 'line-color': DRAW_COLOR.fallback, 'line-width': 3 },
};
