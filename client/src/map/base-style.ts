import { queryOptions } from '@tanstack/react-query';
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from '@contracts/common';
import { getJson } from '@/api/http';
import type { ThemeColor } from './theme';
import { NO_FEATURES, sourceData } from './layer-style';

export type BasemapKind = 'online' | 'offline';
export interface BaseStyle {
  kind: BasemapKind;
  style: StyleSpecification;
  /** Why the online style was not used (for the console and tests). */
  reason?: string;
}

/** Helsinki's land area with a little sea around it. */
export const HELSINKI_BOUNDS: [number, number, number, number] = [24.78, 60.1, 25.26, 60.3];

/** A style server slower than this is as good as down: the map must not stay blank. */
export const ONLINE_STYLE_TIMEOUT_MS = 4000;

export const OFFLINE_COLORS = {
  sea: { token: '--color-fog-medium-light', fallback: '#d0e6f7' },
  land: { token: '--color-silver-light', fallback: '#f7f7f8' },
  shore: { token: '--color-fog-dark', fallback: '#72a5cf' },
} as const satisfies Record<string, ThemeColor>;

export const LAND_SOURCE = 'basemap-land';

/**
 * The project's own base map: sea as background, land polygons over it. Nothing in it needs
 * glyphs or sprites (district labels are HTML markers), so it works without any tile server.
 */
export function buildOfflineStyle(
  land: FeatureCollection<unknown> | null,
  colors: Record<keyof typeof OFFLINE_COLORS, string> = {
    sea: OFFLINE_COLORS.sea.fallback,
    land: OFFLINE_COLORS.land.fallback,
    shore: OFFLINE_COLORS.shore.fallback,
  },
): StyleSpecification {
  return {
    version: 8,
    name: 'Kaupunki kartalla offline',
    sources: {
      [LAND_SOURCE]: {
        type: 'geojson',
        data: land ? sourceData(land) : NO_FEATURES,
      },
    },
    layers: [
      { id: 'basemap-sea', type: 'background', paint: { 'background-color': colors.sea } },
      { id: 'basemap-land', type: 'fill', source: LAND_SOURCE, paint: { 'fill-color': colors.land } },
      {
        id: 'basemap-shore',
        type: 'line',
        source: LAND_SOURCE,
        paint: { 'line-color': colors.shore, 'line-width': 0.6, 'line-opacity': 0.6 },
      },
    ],
  };
}

/** Enough of a style to hand to MapLibre; anything less is treated as a failed load. */
export function isStyleSpecification(v: unknown): v is StyleSpecification {
  const s = v as Partial<StyleSpecification> | null;
  return (
    !!s && typeof s === 'object' && s.version === 8 && !!s.sources && typeof s.sources === 'object' && Array.isArray(s.layers)
  );
}

export async function loadOnlineStyle(
  url: string,
  { timeoutMs = ONLINE_STYLE_TIMEOUT_MS, fetchImpl = fetch }: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<StyleSpecification> {
  const signal = AbortSignal.timeout(timeoutMs);
  const res = await fetchImpl(url, { signal });
  if (!res.ok) throw new Error(`style ${url}: HTTP ${res.status}`);
  // The body can stall after the headers, so the same deadline covers reading it.
  const json: unknown = await res.json();
  if (!isStyleSpecification(json)) throw new Error(`style ${url}: not a MapLibre style (version 8)`);
  return json;
}

/**
 * Decides the base map before the map exists, so it never flashes from one style to another:
 * the configured online style if it loads in time, otherwise the offline style.
 */
export async function resolveBaseStyle(opts: {
  styleUrl: string;
  loadLand: () => Promise<FeatureCollection<unknown>>;
  colors?: Parameters<typeof buildOfflineStyle>[1];
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): Promise<BaseStyle> {
  try {
    return { kind: 'online', style: await loadOnlineStyle(opts.styleUrl, opts) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.warn(`Online base map unavailable, using the offline style (${reason})`);
    const land = await opts.loadLand().catch(() => null); // sea colour alone still beats a blank map
    return { kind: 'offline', style: buildOfflineStyle(land, opts.colors), reason };
  }
}

export const baseStyleQuery = (styleUrl: string, colors?: Parameters<typeof buildOfflineStyle>[1]) =>
  queryOptions({
    queryKey: ['basemap', { styleUrl, colors }] as const,
    queryFn: () =>
      resolveBaseStyle({
        styleUrl,
        colors,
        loadLand: () => getJson<FeatureCollection<unknown>>('/api/basemap/land'),
      }),
    staleTime: Infinity,
    retry: false,
  });
