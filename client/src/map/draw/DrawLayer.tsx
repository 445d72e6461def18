import { bbox as turfBbox } from '@turf/turf';
import { useEffect, useMemo } from 'react';
import { Layer, Marker, Source, useMap } from 'react-map-gl/maplibre';
import type { GeoJsonGeometry } from '@contracts/common';
import { featureOf, geometryData, NO_FEATURES, withColor } from '@/map/layer-style';
import { claimMapClicks } from '@/map/map-clicks';
import { resolveColor } from '@/map/theme';
import { draftPreview, draftStore, toVertex, useDraft } from './draft';
import { DRAW_COLOR, DRAW_SOURCE, drawFill, drawLine } from './style';

/**
 * The map's one drawing tool: every form that takes a place (an idea, an activity, a Kehrä area,
 * an area to search) edits the shared draft (draft.ts) and lists its corners for keyboard users;
 * this draws it, takes map clicks as corners while drawing, and lets corners be dragged.
 */
export function DrawLayer() {
  const draft = useDraft();
  useDrawingClicks();
  useFitToDraftBase(draft.base);
  useNoDoubleClickZoomWhileDrawing(draft.drawing);
  const layers = useMemo(() => {
    const c = resolveColor(DRAW_COLOR);
    return [withColor(drawFill, c), withColor(drawLine, c)];
  }, []);
  const data = useMemo(() => {
    const preview = draftPreview(draft);
    return preview ? geometryData(preview) : NO_FEATURES;
  }, [draft]);

  return (
    <>
      <Source id={DRAW_SOURCE} type="geojson" data={data}>
        {layers.map((l) => (
          <Layer key={l.id} {...l} />
        ))}
      </Source>
      {/* Corners are HTML markers that drag to move; the form lists the same corners for keyboard and screen reader users. */}
      {draft.vertices.map(([lon, lat], i) => (
        <Marker
          key={`${i}-${lon}-${lat}`}
          longitude={lon}
          latitude={lat}
          anchor="center"
          draggable
          onDragEnd={(e) => draftStore.move(i, toVertex(e.lngLat))}
          // A click on a corner (or the end of its drag) is not a click on the map: no new corner.
          onClick={(e) => e.originalEvent.stopPropagation()}
        >
          <span className={`draw-vertex${i === 0 ? ' draw-vertex--first' : ''}`} aria-hidden="true" />
        </Marker>
      ))}
    </>
  );
}

/** While drawing, a click is the next corner: a tool, so it takes the click before any layer. */
function useDrawingClicks() {
  useEffect(
    () =>
      claimMapClicks((e) => {
        if (!draftStore.get().drawing) return false;
        draftStore.add(toVertex(e.lngLat));
        return true;
      }),
    [],
  );
}

/** Shows the whole of a shape a form starts from (a picked district, an area of several parts), once per shape. */
function useFitToDraftBase(base: GeoJsonGeometry | null) {
  const { current: map } = useMap();
  useEffect(() => {
    if (!map || !base) return;
    const [w, s, e, n] = turfBbox(featureOf(base));
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 16, duration: reduceMotion ? 0 : 700 });
  }, [map, base]);
}

/** While corners are being placed, a quick second click is another corner, not a zoom. */
function useNoDoubleClickZoomWhileDrawing(drawing: boolean) {
  const { current: map } = useMap();
  useEffect(() => {
    if (!map) return;
    const zoom = map.getMap().doubleClickZoom;
    if (drawing) zoom.disable();
    else zoom.enable();
    return () => zoom.enable();
  }, [map, drawing]);
}
