import { useQuery } from '@tanstack/react-query';
import { bbox as turfBbox, pointOnFeature } from '@turf/turf';
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Marker, Source, useMap } from 'react-map-gl/maplibre';
import { useLocation, useNavigate } from 'react-router';
import type { Department } from '@contracts/activities';
import type { GeoJsonGeometry } from '@contracts/common';
import { useMapInteraction } from '@/map/interaction';
import type { MapLayerProps } from '@/map/layer-props';
import { collectionOf, featureOf, NO_FEATURES, sourceData, withPaint, withVisibility, type LayerStyle } from '@/map/layer-style';
import { resolveColor } from '@/map/theme';
import { useActivityFilters, useOverlapDistance } from '@/state/url-state';
import { setViewport } from '@/state/viewport';
import { activityClustersQuery, activityDetailQuery, activityTilesQuery, departmentsQuery, type Bbox } from './query';
import {
  ACTIVITIES_CELLS_SOURCE,
  ACTIVITIES_SELECTION_SOURCE,
  ACTIVITIES_TILE_LAYER,
  ACTIVITIES_TILES_SOURCE,
  ACTIVITY_CELL_LAYERS,
  ACTIVITY_COLORS,
  ACTIVITY_ITEM_LAYERS,
  ACTIVITY_SELECTION_LAYERS,
  activitiesCells,
  cellRadius,
  cellRing,
  CLICKABLE_LAYERS,
  departmentColor,
  itemLayer,
  ITEMS_MAX,
  ITEMS_ZOOM,
} from './style';
import { useActivityFilterString, useActivityRoute } from './use-activity-view';

/** Lines and areas are labelled (HTML: no glyphs offline) when the tiles carry labels, and only a few. */
const LABEL_MIN_ZOOM = 14;
const MAX_LABELS = 60;
/** Room one label needs on screen (px); a label closer than this to a kept one is skipped. */
const LABEL_BOX = { w: 150, h: 36 };

const boundsOf = (map: MapLibreMap): Bbox => {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
};

/**
 * Activities in /activities: counts per cell (ringed by department) while the view holds more than
 * the map draws one by one, else the activities themselves from vector tiles. Both follow the
 * filters; a click on a cell zooms in, a click on an activity opens it.
 */
export function ActivitiesLayer({ zoom }: MapLayerProps) {
  const { current: mapRef } = useMap();
  const map = mapRef?.getMap();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { active, detailId } = useActivityRoute();
  const [filters] = useActivityFilters();
  const [distance] = useOverlapDistance();
  const filter = useActivityFilterString();
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const departments = useQuery({ ...departmentsQuery(), enabled: active });
  const tiles = useQuery({ ...activityTilesQuery(filter), enabled: active });
  // Counts first: they also say whether the view is small enough for the items themselves.
  const counting = active && !!bbox && zoom < ITEMS_ZOOM;
  const cells = useQuery({ ...activityClustersQuery(bbox ?? [0, 0, 0, 0], zoom, filter), enabled: counting });
  const showItems = !counting || (!!cells.data && cells.data.numberMatched <= ITEMS_MAX);
  const cellData = active && !showItems ? cells.data : undefined;
  const cellSource = useMemo(() => (cellData ? sourceData(cellData) : NO_FEATURES), [cellData]);
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

  const selection = useMemo(
    () => (active && detail.data && detail.data.id === detailId ? collectionOf([detail.data]) : NO_FEATURES),
    [active, detail.data, detailId],
  );

  // Colours come from /api/departments; the same expression on every department-coloured layer.
  const colour = useMemo(() => departmentColor(departments.data), [departments.data]);
  const items = useMemo(
    () => ACTIVITY_ITEM_LAYERS.map((l) => withVisibility(itemLayer(l, colour, filters.department), active && showItems)),
    [colour, filters.department, active, showItems],
  );
  const cellDisc = useMemo(() => withPaint(activitiesCells, { 'circle-color': resolveColor(ACTIVITY_COLORS.cluster) }), []);

  useMapInteraction(active ? [activitiesCells.id, ...CLICKABLE_LAYERS] : [], (f, e) => {
    if (f.layer.id === activitiesCells.id) {
      // Two levels closer at the cell's centre: its count splits into finer cells or activities.
      const center = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      e.target.easeTo({ center, zoom: e.target.getZoom() + 2 });
      return;
    }
    void navigate({ pathname: `/activities/${Number(f.properties.id)}`, search });
  });
  useFitToSelection(map, detailId, detail.data);
  useTestHook(map);
  const labels = useShapeLabels(map, zoom, active && showItems && !!tiles.data);

  // Until the first answers the sources stay unmounted, so the map's readiness waits for them.
  if (active && (!tiles.data || (counting && !cells.data))) return null;
  return (
    <>
      {tiles.data && (
        // Keyed by the template: a new filter or revision is a new source, never a mix of old and new tiles.
        <Source
          key={tiles.data.tiles[0]}
          id={ACTIVITIES_TILES_SOURCE}
          type="vector"
          tiles={tiles.data.tiles}
          minzoom={tiles.data.minzoom}
          maxzoom={tiles.data.maxzoom}
        >
          {items.map((l) => (
            <Layer key={l.id} {...l} />
          ))}
        </Source>
      )}
      <Source id={ACTIVITIES_CELLS_SOURCE} type="geojson" data={cellSource}>
        {ACTIVITY_CELL_LAYERS.map((l) => (
          <Layer key={l.id} {...(l.id === cellDisc.id ? cellDisc : l)} />
        ))}
      </Source>
      <Source id={ACTIVITIES_SELECTION_SOURCE} type="geojson" data={selection}>
        {ACTIVITY_SELECTION_LAYERS.map((l) => (
          <Layer key={l.id} {...selectionLayer(l)} />
        ))}
      </Source>
      {cellData?.features.map((c) => (
        <Marker
          key={c.geometry.coordinates.join()}
          longitude={c.geometry.coordinates[0]}
          latitude={c.geometry.coordinates[1]}
          anchor="center"
        >
          <CellRing count={c.properties.count} byDepartment={c.properties.departments} departments={departments.data} />
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

/** The ring shows each department's share; the count stays readable on the cluster colour inside. */
function CellRing(props: { count: number; byDepartment: Record<string, number>; departments: Department[] | undefined }) {
  return (
    <span
      className="activity-cell"
      aria-hidden="true"
      style={{ width: 2 * cellRadius(props.count), background: cellRing(props.byDepartment, props.departments) }}
    >
      <span className="activity-cluster-count">{props.count}</span>
    </span>
  );
}

/** The opened activity in the theme's selection colour: fill, outline or the ring around a point. */
function selectionLayer<L extends LayerStyle>(layer: L): L {
  const c = resolveColor(ACTIVITY_COLORS.selection);
  if (layer.type === 'fill') return withPaint(layer, { 'fill-color': c } as NonNullable<L['paint']>);
  if (layer.type === 'line') return withPaint(layer, { 'line-color': c } as NonNullable<L['paint']>);
  return withPaint(layer, { 'circle-stroke-color': c } as NonNullable<L['paint']>);
}

interface Label {
  id: number;
  lon: number;
  lat: number;
  title: string;
}

/** The label property of the tiles in the reader's language (the tiles fall back to Finnish). */
const labelProperty = (language: string) =>
  language.startsWith('sv') ? 'labelSv' : language.startsWith('en') ? 'labelEn' : 'label';

/** Titles of the lines and areas the tiles hold in view, when few enough to read, without overlaps. */
function useShapeLabels(map: MapLibreMap | undefined, zoom: number, shown: boolean): Label[] {
  const { i18n } = useTranslation();
  const [labels, setLabels] = useState<Label[]>([]);
  useEffect(() => {
    if (!map || !shown || zoom < LABEL_MIN_ZOOM) return setLabels([]);
    const property = labelProperty(i18n.language);
    const read = () => {
      if (!map.getSource(ACTIVITIES_TILES_SOURCE)) return setLabels([]);
      const byId = new Map<number, MapGeoJSONFeature>();
      for (const f of map.queryRenderedFeatures({
        layers: ['activities-line', 'activities-fill'].filter((id) => map.getLayer(id)),
      })) {
        if (f.sourceLayer === ACTIVITIES_TILE_LAYER && !byId.has(Number(f.properties.id))) byId.set(Number(f.properties.id), f);
      }
      if (byId.size > MAX_LABELS) return setLabels([]);
      // Greedy collision check in screen space.
      const kept: { x: number; y: number }[] = [];
      const next = [...byId.values()].flatMap((f) => {
        const title = f.properties[property] ?? f.properties.label;
        if (typeof title !== 'string') return [];
        const [lon, lat] = pointOnFeature(f.geometry).geometry.coordinates;
        const p = map.project([lon, lat]);
        if (kept.some((k) => Math.abs(k.x - p.x) < LABEL_BOX.w && Math.abs(k.y - p.y) < LABEL_BOX.h)) return [];
        kept.push(p);
        return [{ id: Number(f.properties.id), lon, lat, title }];
      });
      setLabels((prev) =>
        prev.length === next.length && prev.every((l, i) => l.id === next[i].id && l.title === next[i].title) ? prev : next,
      );
    };
    const onData = (e: { sourceId?: string; isSourceLoaded?: boolean }) => {
      if (e.sourceId === ACTIVITIES_TILES_SOURCE && e.isSourceLoaded) read();
    };
    read();
    map.on('sourcedata', onData);
    map.on('moveend', read);
    return () => {
      map.off('sourcedata', onData);
      map.off('moveend', read);
    };
  }, [map, zoom, shown, i18n.language]);
  return labels;
}

/** Frames the opened activity once per id, so the reader can pan away from it afterwards. */
function useFitToSelection(
  map: MapLibreMap | undefined,
  id: number | null,
  feature: { id: number; geometry: GeoJsonGeometry } | undefined,
) {
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (id === null) done.current = null;
    if (!map || !feature || feature.id !== id || done.current === id) return;
    done.current = id;
    const [w, s, e, n] = turfBbox(featureOf(feature.geometry));
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
        const layers = CLICKABLE_LAYERS.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
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
