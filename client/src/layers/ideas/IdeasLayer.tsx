import { bbox as turfBbox } from '@turf/turf';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { Layer, Marker, Source, useMap } from 'react-map-gl/maplibre';
import { useMatch, useNavigate } from 'react-router';
import { IDEA_STAGES, type IdeaStage } from '@contracts/ideas';
import type { Feature, GeoJsonGeometry } from '@contracts/common';
import { claimMapClicks } from '@/map/map-clicks';
import { resolveColor } from '@/map/theme';
import { draftPreview, draftStore, toVertex, useDraft } from './draft';
import { useIdeaFilter } from './filters';
import { ideaDetailQuery, ideasQuery } from './query';
import {
  FIXED_COLORED,
  IDEA_COLORS,
  IDEAS_CLUSTER_MAX_ZOOM,
  IDEAS_DRAFT_SOURCE,
  IDEAS_HIGHLIGHT_SOURCE,
  IDEAS_POINT_SOURCE,
  IDEAS_SHAPE_SOURCE,
  ideasCluster,
  ideasDraftFill,
  ideasDraftLine,
  ideasFill,
  ideasHighlightLine,
  ideasHighlightPoint,
  ideasLine,
  ideasPoint,
  STAGE_COLORED,
  STAGE_COLORS,
  stageColorExpression,
} from './style';
import { setViewport } from '@/state/viewport';

const EMPTY = { type: 'FeatureCollection', features: [] } as const;
const CLICKABLE = [ideasPoint.id, ideasLine.id, ideasFill.id];

/** Paint with the theme's token values (a theme may override the HDS defaults in CSS). */
function useThemedPaint() {
  return useMemo(() => {
    const stages = Object.fromEntries(IDEA_STAGES.map((s) => [s, resolveColor(STAGE_COLORS[s])])) as Record<IdeaStage, string>;
    const paint = new Map<string, Record<string, unknown>>();
    const get = (id: string, base: unknown) => paint.get(id) ?? { ...(base as object) };
    for (const { layer, property } of STAGE_COLORED) {
      paint.set(layer.id, { ...get(layer.id, layer.paint), [property]: stageColorExpression(stages) });
    }
    for (const { layer, property, color } of FIXED_COLORED) {
      paint.set(layer.id, { ...get(layer.id, layer.paint), [property]: resolveColor(IDEA_COLORS[color]) });
    }
    return (id: string) => paint.get(id) as never;
  }, []);
}

/** Keeps the shared view box in step with the camera. */
function useTrackViewport() {
  const { current: map } = useMap();
  useEffect(() => {
    if (!map) return;
    const update = () => {
      const b = map.getBounds();
      setViewport([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [map]);
}

function useHighlightedIdea() {
  const match = useMatch('/ideas/:id');
  const id = match && /^\d+$/.test(match.params.id ?? '') ? Number(match.params.id) : null;
  const detail = useQuery({ ...ideaDetailQuery(id ?? 0), enabled: id != null });
  return id == null ? undefined : detail.data;
}

function fitToGeometry(map: NonNullable<ReturnType<typeof useMap>['current']>, geometry: unknown) {
  const [w, s, e, n] = turfBbox(geometry as never);
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 16, duration: reduceMotion ? 0 : 700 });
}

/** Fits the camera to the idea once per idea, so panning away afterwards is respected. */
function useFitTo(feature: Feature<unknown> | undefined) {
  const { current: map } = useMap();
  const shown = useRef<number | string | null>(null);
  useEffect(() => {
    if (!map || !feature) {
      shown.current = null;
      return;
    }
    if (shown.current === feature.id) return;
    shown.current = feature.id;
    fitToGeometry(map, feature.geometry);
  }, [map, feature]);
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

/** Shows the whole of a shape a form starts from (a picked district, an area of several parts), once per shape. */
function useFitToDraftBase(base: GeoJsonGeometry | null) {
  const { current: map } = useMap();
  useEffect(() => {
    if (map && base) fitToGeometry(map, base);
  }, [map, base]);
}

/** Opens an idea clicked on the map and zooms into a clicked cluster; while drawing, clicks add vertices. */
function useMapClicks() {
  const { current: map } = useMap();
  const navigate = useNavigate();
  useEffect(() => {
    if (!map) return;
    return claimMapClicks((e) => {
      if (draftStore.get().drawing) {
        draftStore.add(toVertex(e.lngLat));
        return true;
      }
      const layers = [...CLICKABLE, ideasCluster.id].filter((id) => map.getLayer(id));
      const hit = map.queryRenderedFeatures(e.point, { layers })[0];
      if (!hit) return false;
      if (hit.layer.id === ideasCluster.id) {
        map.easeTo({ center: e.lngLat, zoom: Math.min(map.getZoom() + 2, IDEAS_CLUSTER_MAX_ZOOM + 1) });
        return true;
      }
      const id = hit.properties?.id;
      if (id == null) return false;
      void navigate({ pathname: `/ideas/${id}`, search: window.location.search });
      return true;
    });
  }, [map, navigate]);
}

export function IdeasLayer() {
  useTrackViewport();
  useMapClicks();
  const filter = useIdeaFilter();
  const ideas = useQuery({ ...ideasQuery(filter), enabled: filter.bbox != null });
  const paint = useThemedPaint();
  const highlighted = useHighlightedIdea();
  useFitTo(highlighted);
  const draft = useDraft();
  const preview = draftPreview(draft);
  useFitToDraftBase(draft.base);
  useNoDoubleClickZoomWhileDrawing(draft.drawing);

  const { points, shapes } = useMemo(() => {
    const features = ideas.data?.features ?? [];
    return {
      points: { type: 'FeatureCollection', features: features.filter((f) => f.geometry.type === 'Point') },
      shapes: { type: 'FeatureCollection', features: features.filter((f) => f.geometry.type !== 'Point') },
    };
  }, [ideas.data]);

  return (
    <>
      <Source id={IDEAS_SHAPE_SOURCE} type="geojson" data={shapes as never}>
        <Layer {...ideasFill} paint={paint(ideasFill.id)} />
        <Layer {...ideasLine} paint={paint(ideasLine.id)} />
      </Source>
      <Source
        id={IDEAS_POINT_SOURCE}
        type="geojson"
        data={points as never}
        cluster
        clusterMaxZoom={IDEAS_CLUSTER_MAX_ZOOM}
        clusterRadius={40}
      >
        <Layer {...ideasCluster} paint={paint(ideasCluster.id)} />
        <Layer {...ideasPoint} paint={paint(ideasPoint.id)} />
      </Source>
      <Source id={IDEAS_HIGHLIGHT_SOURCE} type="geojson" data={(highlighted ?? EMPTY) as never}>
        <Layer {...ideasHighlightLine} paint={paint(ideasHighlightLine.id)} />
        <Layer {...ideasHighlightPoint} paint={paint(ideasHighlightPoint.id)} />
      </Source>
      <Source id={IDEAS_DRAFT_SOURCE} type="geojson" data={(preview ?? EMPTY) as never}>
        <Layer {...ideasDraftFill} paint={paint(ideasDraftFill.id)} />
        <Layer {...ideasDraftLine} paint={paint(ideasDraftLine.id)} />
      </Source>
      {/* Vertices are HTML markers that drag to move; the form lists the same vertices for keyboard and screen reader users. */}
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
          <span className={`idea-vertex${i === 0 ? ' idea-vertex--first' : ''}`} aria-hidden="true" />
        </Marker>
      ))}
    </>
  );
}
