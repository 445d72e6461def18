import { bbox as turfBbox } from '@turf/turf';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { Layer, Source, useMap } from 'react-map-gl/maplibre';
import { useMatch, useNavigate } from 'react-router';
import { IDEA_STAGES, type IdeaStage } from '@contracts/ideas';
import type { Feature, GeoJsonGeometry } from '@contracts/common';
import { useMapInteraction } from '@/map/interaction';
import { applyPaint, collectionOf, featureOf, NO_FEATURES, type LayerStyle, type PaintSetting } from '@/map/layer-style';
import { resolveColor } from '@/map/theme';
import { useIdeaFilter } from './filters';
import { ideaDetailQuery, ideasQuery } from './query';
import {
  FIXED_COLORED,
  IDEA_COLORS,
  IDEAS_CLUSTER_MAX_ZOOM,
  IDEAS_HIGHLIGHT_SOURCE,
  IDEAS_POINT_SOURCE,
  IDEAS_SHAPE_SOURCE,
  ideasCluster,
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

const CLICKABLE = [ideasPoint.id, ideasLine.id, ideasFill.id];

/** The layers in the theme's token values (a theme may override the HDS defaults in CSS). */
function useThemedLayers() {
  return useMemo(() => {
    const stages = Object.fromEntries(IDEA_STAGES.map((s) => [s, resolveColor(STAGE_COLORS[s])])) as Record<IdeaStage, string>;
    const settings: PaintSetting[] = [
      ...STAGE_COLORED.map(({ layer, property }) => ({ layer, property, value: stageColorExpression(stages) })),
      ...FIXED_COLORED.map(({ layer, property, color }) => ({ layer, property, value: resolveColor(IDEA_COLORS[color]) })),
    ];
    return <L extends LayerStyle>(layer: L) => applyPaint(layer, settings);
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

function fitToGeometry(map: NonNullable<ReturnType<typeof useMap>['current']>, geometry: GeoJsonGeometry) {
  const [w, s, e, n] = turfBbox(featureOf(geometry));
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

/** A click on an idea opens it; on a cluster, zooms in. */
function useOpenOnClick() {
  const navigate = useNavigate();
  useMapInteraction([...CLICKABLE, ideasCluster.id], (f, e) => {
    if (f.layer.id === ideasCluster.id) {
      e.target.easeTo({ center: e.lngLat, zoom: Math.min(e.target.getZoom() + 2, IDEAS_CLUSTER_MAX_ZOOM + 1) });
      return;
    }
    const id = f.properties?.id;
    if (id != null) void navigate({ pathname: `/ideas/${id}`, search: window.location.search });
  });
}

export function IdeasLayer() {
  useTrackViewport();
  useOpenOnClick();
  const filter = useIdeaFilter();
  const ideas = useQuery({ ...ideasQuery(filter), enabled: filter.bbox != null });
  const themed = useThemedLayers();
  const highlighted = useHighlightedIdea();
  useFitTo(highlighted);
  const highlightedSource = useMemo(() => (highlighted ? collectionOf([highlighted]) : NO_FEATURES), [highlighted]);

  const { points, shapes } = useMemo(() => {
    const features = ideas.data?.features ?? [];
    return {
      points: collectionOf(features.filter((f) => f.geometry.type === 'Point')),
      shapes: collectionOf(features.filter((f) => f.geometry.type !== 'Point')),
    };
  }, [ideas.data]);

  return (
    <>
      <Source id={IDEAS_SHAPE_SOURCE} type="geojson" data={shapes}>
        <Layer {...themed(ideasFill)} />
        <Layer {...themed(ideasLine)} />
      </Source>
      <Source
        id={IDEAS_POINT_SOURCE}
        type="geojson"
        data={points}
        cluster
        clusterMaxZoom={IDEAS_CLUSTER_MAX_ZOOM}
        clusterRadius={40}
      >
        <Layer {...themed(ideasCluster)} />
        <Layer {...themed(ideasPoint)} />
      </Source>
      <Source id={IDEAS_HIGHLIGHT_SOURCE} type="geojson" data={highlightedSource}>
        <Layer {...themed(ideasHighlightLine)} />
        <Layer {...themed(ideasHighlightPoint)} />
      </Source>
    </>
  );
}
