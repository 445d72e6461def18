import type { MapLayerMouseEvent } from 'react-map-gl/maplibre';

/**
 * Features that need map clicks (drawing a new idea, opening an idea) claim them; a claim returns
 * true when it used the click. Unclaimed clicks go to the map's onMapClick. Apart from MapView so
 * that the layers MapView renders can claim clicks without importing MapView back.
 */
export type MapClickClaim = (e: MapLayerMouseEvent) => boolean;
const clickClaims = new Set<MapClickClaim>();

export function claimMapClicks(claim: MapClickClaim): () => void {
  clickClaims.add(claim);
  return () => clickClaims.delete(claim);
}

/** Offers a click to the claims in the order they were made; true when one used it. */
export function offerMapClick(e: MapLayerMouseEvent): boolean {
  return [...clickClaims].some((claim) => claim(e));
}
