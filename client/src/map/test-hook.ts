import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * The one thing end-to-end tests cannot do through the DOM: turn a coordinate into the pixel to
 * click. Kept tiny on purpose; it exposes no way to change the map.
 */
export interface KkMapTestHook {
  /** Pixel of a coordinate relative to the map canvas' top-left corner. */
  project(lon: number, lat: number): { x: number; y: number };
  highlightFilter(): unknown;
  /** How many features a layer draws in the current view (0 when the layer is missing). */
  renderedCount(layerId: string): number;
}

declare global {
  interface Window {
    __kkMap?: KkMapTestHook;
  }
}

export function installTestHook(map: MapLibreMap): () => void {
  const hook: KkMapTestHook = {
    project: (lon, lat) => {
      const p = map.project([lon, lat]);
      return { x: p.x, y: p.y };
    },
    highlightFilter: () => (map.getLayer('areas-highlight') ? map.getFilter('areas-highlight') : null),
    renderedCount: (layerId) => (map.getLayer(layerId) ? map.queryRenderedFeatures({ layers: [layerId] }).length : 0),
  };
  window.__kkMap = hook;
  return () => {
    if (window.__kkMap === hook) delete window.__kkMap;
  };
}
