import { useEffect, useRef } from 'react';
import { useMap } from 'react-map-gl/maplibre';
import type { AreaProperties } from '@contracts/areas';

/** Moves the camera to a newly chosen area (once per choice, so panning away is respected). */
export function ZoomToArea({ area }: { area: AreaProperties | undefined }) {
  const { current: map } = useMap();
  const shown = useRef<number | null>(null);
  useEffect(() => {
    if (!map || !area) {
      shown.current = null;
      return;
    }
    if (shown.current === area.id) return;
    shown.current = area.id;
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    map.fitBounds(area.bbox, { padding: 48, maxZoom: 15, duration: reduceMotion ? 0 : 700 });
  }, [map, area]);
  return null;
}
