import type { MapGeoJSONFeature } from 'maplibre-gl';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { MapLayerMouseEvent } from 'react-map-gl/maplibre';

/**
 * The declarative half of map clicks: a layer says which of its sublayers take clicks and what a
 * click on a feature of one does; MapView hands react-map-gl the union as `interactiveLayerIds`
 * and routes each click to the interaction that owns the topmost feature's layer. Tools that take
 * every click (drawing, "choose on the map") claim clicks before this, in map-clicks.ts.
 */
export interface MapInteraction {
  /** Sublayer ids a click can hit; a sublayer not on the map now is skipped. */
  layers: readonly string[];
  onClick(feature: MapGeoJSONFeature, e: MapLayerMouseEvent): void;
}

const interactions = new Set<MapInteraction>();
let snapshot: readonly MapInteraction[] = [];
const listeners = new Set<() => void>();
const changed = () => {
  snapshot = [...interactions];
  for (const l of listeners) l();
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Registers the layer's interaction while `layers` is non-empty; `onClick` may change every render. */
export function useMapInteraction(layers: readonly string[], onClick: MapInteraction['onClick']): void {
  const click = useRef(onClick);
  click.current = onClick;
  const key = layers.join('\n');
  useEffect(() => {
    if (!key) return;
    const interaction: MapInteraction = { layers: key.split('\n'), onClick: (f, e) => click.current(f, e) };
    interactions.add(interaction);
    changed();
    return () => {
      interactions.delete(interaction);
      changed();
    };
  }, [key]);
}

/** Every registered interaction, for MapView. */
export const useMapInteractions = (): readonly MapInteraction[] => useSyncExternalStore(subscribe, () => snapshot);

/** The layer ids react-map-gl should query on pointer events. */
export const interactiveLayerIds = (all: readonly MapInteraction[]): string[] => [...new Set(all.flatMap((i) => i.layers))];

/** Hands a click to the interaction owning its topmost feature's layer; false when none took it. */
export function routeFeatureClick(all: readonly MapInteraction[], e: MapLayerMouseEvent): boolean {
  const feature = e.features?.[0];
  if (!feature) return false;
  const owner = all.find((i) => i.layers.includes(feature.layer.id));
  if (!owner) return false;
  owner.onClick(feature, e);
  return true;
}
