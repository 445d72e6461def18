import type { CircleLayerSpecification } from 'maplibre-gl';
import type { ThemeColor } from '@/map/theme';

/** Shared city spaces: one point per space, in the Spaces section. */
export const SPACES_SOURCE = 'spaces';

export const SPACE_COLORS = {
  space: { token: '--color-tram', fallback: '#008741' },
  halo: { token: '--color-white', fallback: '#ffffff' },
} as const satisfies Record<string, ThemeColor>;

export const spacesPoint: Omit<CircleLayerSpecification, 'source'> = {
  id: 'spaces-point',
  type: 'circle',
  paint: {
    'circle-color': SPACE_COLORS.space.fallback,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 5, 15, 9],
    'circle-stroke-width': 2,
    'circle-stroke-color': SPACE_COLORS.halo.fallback,
  },
};
