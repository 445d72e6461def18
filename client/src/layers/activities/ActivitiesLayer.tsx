import { useQuery } from '@tanstack/react-query';
import { bbox as turfBbox, pointOnFeature } from '@turf/turf';
import type { FilterSpecification, GeoJSONSource, MapGeoJSONFeature, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Marker, Source, useMap } from 'react-map-gl/maplibre';
import { useLocation, useNavigate } from 'react-router';
import type { ActivityCollection } from '@contracts/activities';
import { draftStore } from '@/layers/ideas/draft';
import type { MapLayerProps } from '@/map/layer-props';
import { resolveColor } from '@/map/theme';
import { useActivityFilters, useOverlapDistance } from '@/state/url-state';
import { activityTitle } from './names';
import { activitiesQuery, activityClustersQuery, activityDetailQuery, departmentsQuery, type Bbox } from './query';
import {
  ACTIVITIES_CELLS_SOURCE,
  ACTIVITIES_POINTS_SOURCE,
  ACTIVITIES_SELECTION_SOURCE,
  ACTIVITIES_SHAPES_SOURCE,
  ACTIVITY_CELL_LAYERS,
  ACTIVITY_COLORS,
  ACTIVITY_POINT_LAYERS,
  ACTIVITY_SELECTION_LAYERS,
  ACTIVITY_SHAPE_LAYERS,
  activitiesCells,
  activitiesCluster,
  cellRadius,
  cellRing,
  CLICKABLE_LAYERS,
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS,
  DEPARTMENT_COLORED,
  departmentColor,
  departmentFilter,
} from './style';
import { useActivityFilterString, useActivityRoute } from './use-activity-view';
import { setViewport } from '@/state/viewport';

type Collection = Pick<ActivityCollection, 'type' | 'features'>;
const EMPTY: Collection = { type: 'FeatureCollection', features: [] };
/** Titles of lines and polygons are HTML (no glyphs offline); only when zoomed in and few. */
const LABEL_MIN_ZOOM = 12.5;
const MAX_LABELS = 60;
/** Room one label needs on screen (px); a label closer than this to a kept one is skipped. */
const LABEL_BOX = { w: 150, h: 36 };

const boundsOf = (map: MapLibreMap): Bbox => {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
};

export function ActivitiesLayer({ zoom }: MapLayerProps) {
  const { current: mapRef } = useMap();
  const map = mapRef?.getMap();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { active, detailId } = useActivityRoute();
  const [filters] = useActivityFilters();
  const [distance] = useOverlapDistance();
  const filter = useActivityFilterString();
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const departments = useQuery({ ...departmentsQuery(), enabled: active });
  const list = useQuery({ ...activitiesQuery(bbox ?? [0, 0, 0, 0], filter), enabled: active && !!bbox });
  // More here than the map fetches one by one: show the server's counts per cell instead of a first page.
  const truncated = !!list.data && list.data.numberReturned < list.data.numberMatched;
  const cells = useQuery({
    ...activityClustersQuery(bbox ?? [0, 0, 0, 0], zoom, filter),
    enabled: active && !!bbox && truncated,
  });
  const cellData = truncated ? cells.data : undefined;
  const detail = useQuery({ ...activityDetailQuery(detailId ?? 0, distance), enabled: detailId !== null });

  // Viewport by moveend only: panning never refetches mid-gesture.
  useEffect(() => {
    if (!map) return;
    const update = () => {
      const b = boundsOf(map);
      setBbox(b);
      setViewport(b);
    };
    update();
    map.on('moveend', update);
    return () => void map.off('moveend', update);
  }, [map]);

  const { points, shapes } = useMemo(() => {
    const fc = active ? list.data : undefined;
    if (!fc || cellData) return { points: EMPTY, shapes: EMPTY };
    const isPoint = (t: string) => t === 'Point' || t === 'MultiPoint';
    return {
      points: { type: 'FeatureCollection', features: fc.features.filter((f) => isPoint(f.geometry.type)) } as Collection,
      shapes: { type: 'FeatureCollection', features: fc.features.filter((f) => !isPoint(f.geometry.type)) } as Collection,
    };
  }, [active, list.data, cellData]);

  const selection = useMemo(
    () => (active && detail.data && detail.data.id === detailId ? { type: 'FeatureCollection', features: [detail.data] } : EMPTY),
    [active, detail.data, detailId],
  );

  // Colours come from /api/departments; the same expression on every department-coloured layer.
  const colour = useMemo(() => departmentColor(departments.data), [departments.data]);
  const paint = (layer: (typeof DEPARTMENT_COLORED)[number]['layer'] | typeof activitiesCells) => {
    const entry = DEPARTMENT_COLORED.find((d) => d.layer.id === layer.id);
    const themed = { ...layer.paint } as Record<string, unknown>;
    if (layer.id === activitiesCluster.id || layer.id === activitiesCells.id)
      themed['circle-color'] = resolveColor(ACTIVITY_COLORS.cluster);
    return (entry ? { ...themed, [entry.property]: colour } : themed) as never;
  };
  const byDepartment = (layer: { filter?: FilterSpecification }) => departmentFilter(layer.filter!, filters.department);

  useOpenOnClick(map, (id) => navigate({ pathname: `/activities/${id}`, search }), active);
  const clusters = useClusterMarkers(map, points);
  useFitToSelection(map, detailId, detail.data);
  useTestHook(map);

  const labels = useMemo(() => {
    if (zoom < LABEL_MIN_ZOOM) return [];
    const shown = shapes.features.filter(
      (f) => filters.department === null || filters.department.includes(f.properties.department),
    );
    if (shown.length > MAX_LABELS) return [];
    // Greedy collision check in screen space (it depends on zoom only, not on panning).
    const kept: { x: number; y: number }[] = [];
    return shown.flatMap((f) => {
      const [lon, lat] = pointOnFeature(f as never).geometry.coordinates;
      const p = map?.project([lon, lat]);
      if (p && kept.some((k) => Math.abs(k.x - p.x) < LABEL_BOX.w && Math.abs(k.y - p.y) < LABEL_BOX.h)) return [];
      if (p) kept.push(p);
      return [{ id: f.properties.id, lon, lat, title: activityTitle(f.properties, i18n.language) }];
    });
  }, [map, zoom, shapes, filters.department, i18n.language]);

  // Until the first answer the sources stay unmounted, so the map's readiness waits for them.
  if (active && !list.data) return null;
  return (
    <>
      <Source id={ACTIVITIES_SHAPES_SOURCE} type="geojson" data={shapes as never}>
        {ACTIVITY_SHAPE_LAYERS.map((l) => (
          <Layer key={l.id} {...l} filter={byDepartment(l)} paint={paint(l)} />
        ))}
      </Source>
      <Source
        id={ACTIVITIES_POINTS_SOURCE}
        type="geojson"
        data={points as never}
        cluster
        clusterMaxZoom={CLUSTER_MAX_ZOOM}
        clusterRadius={CLUSTER_RADIUS}
      >
        {ACTIVITY_POINT_LAYERS.map((l) => (
          <Layer key={l.id} {...l} filter={l.id === activitiesCluster.id ? l.filter : byDepartment(l)} paint={paint(l)} />
        ))}
      </Source>
      <Source id={ACTIVITIES_CELLS_SOURCE} type="geojson" data={(cellData ?? EMPTY) as never}>
        {ACTIVITY_CELL_LAYERS.map((l) => (
          <Layer key={l.id} {...l} paint={paint(l)} />
        ))}
      </Source>
      <Source id={ACTIVITIES_SELECTION_SOURCE} type="geojson" data={selection as never}>
        {ACTIVITY_SELECTION_LAYERS.map((l) => (
          <Layer key={l.id} {...l} paint={{ ...l.paint, ...selectionColour(l.type) } as never} />
        ))}
      </Source>
      {clusters.map((c) => (
        <Marker key={c.id} longitude={c.lon} latitude={c.lat} anchor="center">
          <span className="activity-cluster-count" aria-hidden="true">
            {c.count}
          </span>
        </Marker>
      ))}
      {cellData?.features.map((c) => (
        <Marker
          key={c.geometry.coordinates.join()}
          longitude={c.geometry.coordinates[0]}
          latitude={c.geometry.coordinates[1]}
          anchor="center"
        >
          {/* The ring shows each department's share; the count stays readable on the cluster colour inside. */}
          <span
            className="activity-cell"
            aria-hidden="true"
            style={{
              width: 2 * cellRadius(c.properties.count),
              background: cellRing(c.properties.departments, departments.data),
            }}
          >
            <span className="activity-cluster-count">{c.properties.count}</span>
          </span>
        </Marker>
      ))}
      {labels.map((l) => (
        <Marker key={l.id} longitude={l.lon} latitude={l.lat} anchor="top" offset={[0, 6]}>
          <span className="activity-label" aria-hidden="true">
            {l.title}
          </span>
        </Marker>
      ))}
    </>
  );
}

function selectionColour(type: string): Record<string, string> {
  const c = resolveColor(ACTIVITY_COLORS.selection);
  if (type === 'fill') return { 'fill-color': c };
  if (type === 'line') return { 'line-color': c };
  return { 'circle-stroke-color': c };
}

/** A click on an activity opens it; a click on a cluster zooms in until it splits. */
function useOpenOnClick(map: MapLibreMap | undefined, open: (id: number) => void, active: boolean) {
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (!map || !active) return;
    const existing = (ids: readonly string[]) => ids.filter((id) => map.getLayer(id));
    const hit = (e: MapMouseEvent): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(e.point, {
        layers: existing([activitiesCells.id, activitiesCluster.id, ...CLICKABLE_LAYERS]),
      })[0];
    const onClick = (e: MapMouseEvent) => {
      // While a shape is being drawn a click is its next corner (the ideas layer adds it), not an opening.
      if (draftStore.get().drawing) return;
      const f = hit(e);
      if (!f) return;
      if (f.layer.id === activitiesCells.id) {
        // Two levels closer at the cell's centre: its count splits into finer cells or activities.
        map.easeTo({ center: (f.geometry as GeoJSON.Point).coordinates as [number, number], zoom: map.getZoom() + 2 });
        return;
      }
      if (f.layer.id === activitiesCluster.id) {
        const source = map.getSource<GeoJSONSource>(ACTIVITIES_POINTS_SOURCE);
        const center = (f.geometry as GeoJSON.Point).coordinates as [number, number];
        void source?.getClusterExpansionZoom(f.properties.cluster_id as number).then((z) => map.easeTo({ center, zoom: z }));
        return;
      }
      openRef.current(Number(f.properties.id));
    };
    // The map's own cursor prop is a crosshair (for "which area is this"); features say "open me".
    const onMove = (e: MapMouseEvent) => {
      map.getCanvas().style.cursor = hit(e) ? 'pointer' : 'crosshair';
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
    };
  }, [map, active]);
}

interface ClusterMarker {
  id: number;
  lon: number;
  lat: number;
  count: number;
}

/** Cluster counts as HTML (glyph-free): read the clusters MapLibre made whenever they change. */
function useClusterMarkers(map: MapLibreMap | undefined, points: Collection): ClusterMarker[] {
  const [clusters, setClusters] = useState<ClusterMarker[]>([]);
  useEffect(() => {
    if (!map) return;
    const read = () => {
      if (!map.getSource(ACTIVITIES_POINTS_SOURCE)) return setClusters([]);
      const seen = new Map<number, ClusterMarker>();
      for (const f of map.querySourceFeatures(ACTIVITIES_POINTS_SOURCE, { filter: ['has', 'point_count'] })) {
        const id = f.properties.cluster_id as number;
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
        seen.set(id, { id, lon, lat, count: f.properties.point_count as number });
      }
      setClusters((prev) => {
        const next = [...seen.values()];
        return prev.length === next.length && prev.every((p, i) => p.id === next[i].id && p.count === next[i].count)
          ? prev
          : next;
      });
    };
    const onData = (e: { sourceId?: string; isSourceLoaded?: boolean }) => {
      if (e.sourceId === ACTIVITIES_POINTS_SOURCE && e.isSourceLoaded) read();
    };
    read();
    map.on('sourcedata', onData);
    map.on('moveend', read);
    return () => {
      map.off('sourcedata', onData);
      map.off('moveend', read);
    };
  }, [map, points]);
  return clusters;
}

/** Frames the opened activity once per id, so the reader can pan away from it afterwards. */
function useFitToSelection(
  map: MapLibreMap | undefined,
  id: number | null,
  feature: { id: number; geometry: unknown } | undefined,
) {
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (id === null) done.current = null;
    if (!map || !feature || feature.id !== id || done.current === id) return;
    done.current = id;
    const [w, s, e, n] = turfBbox(feature.geometry as never);
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 15, duration: reduceMotion ? 0 : 700 });
  }, [map, id, feature]);
}

declare global {
  interface Window {
    /** For e2e tests: what the activity layers draw now (read-only). */
    __kkActivities?: { renderedIds(): number[]; filter(layerId: string): unknown };
  }
}

function useTestHook(map: MapLibreMap | undefined) {
  useEffect(() => {
    if (!map) return;
    const hook = {
      renderedIds: () => {
        const layers = CLICKABLE_LAYERS.filter((id) => map.getLayer(id));
        return [...new Set(map.queryRenderedFeatures({ layers: [...layers] }).map((f) => Number(f.properties.id)))].sort(
          (a, b) => a - b,
        );
      },
      filter: (layerId: string) => (map.getLayer(layerId) ? map.getFilter(layerId) : null),
    };
    window.__kkActivities = hook;
    return () => {
      if (window.__kkActivities === hook) delete window.__kkActivities;
    };
  }, [map]);
}
