import type { MapRef } from 'react-map-gl/maplibre';

const duration = () => (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : 700);

/** Moves the map to a found place: a district's bounds, or a point close enough to see its street. */
export function flyToResult(map: MapRef, to: { lon: number; lat: number; bbox?: [number, number, number, number] | null }) {
  if (to.bbox) map.fitBounds(to.bbox, { padding: 48, maxZoom: 15, duration: duration() });
  else map.flyTo({ center: [to.lon, to.lat], zoom: Math.max(map.getZoom(), 16), duration: duration() });
}
