import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Map, {
  AttributionControl,
  NavigationControl,
  ScaleControl,
  type MapLayerMouseEvent,
  type MapRef,
  type ViewStateChangeEvent,
} from 'react-map-gl/maplibre';
import { MAP_LAYERS } from '@/layers';
import type { BaseStyle } from './base-style';
import { HELSINKI_BOUNDS } from './base-style';
import { DrawLayer } from './draw/DrawLayer';
import { interactiveLayerIds, routeFeatureClick, useMapInteractions } from './interaction';
import { offerMapClick } from './map-clicks';
import { mapLocale, setMapLocale } from './map-locale';
import { installTestHook } from './test-hook';
import { useIsPhone } from '@/ui/use-media-query';

// Bundled MapLibre cannot locate its worker by itself and would paint nothing.
maplibregl.setWorkerUrl(workerUrl);

interface MapViewProps {
  baseStyle: BaseStyle;
  onMapClick?: (lngLat: { lng: number; lat: number }) => void;
  /** Map-bound overlays (markers, camera control); rendered inside the map. */
  children?: ReactNode;
  /** Id of the highlighted area, mirrored on the container for tests and debugging. */
  selectedAreaId?: number | null;
}

const round = (v: number) => v.toFixed(4);
// Once, not per render: the ready check below keeps its identity.
const VISIBLE_LAYERS = MAP_LAYERS.filter((l) => l.defaultVisible);

export function MapView({ baseStyle, onMapClick, children, selectedAreaId }: MapViewProps) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const mapRef = useRef<MapRef>(null);
  const [zoom, setZoom] = useState(11);
  const [ready, setReady] = useState(false);
  const [bounds, setBounds] = useState('');
  const interactions = useMapInteractions();
  const layerIds = useMemo(() => interactiveLayerIds(interactions), [interactions]);
  const [hovering, setHovering] = useState(false);

  const track = useCallback((e: ViewStateChangeEvent | { target: maplibregl.Map }) => {
    const map = e.target;
    setZoom(map.getZoom());
    const b = map.getBounds();
    setBounds([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(round).join(','));
  }, []);

  // Ready = the map is idle *after* every layer's source has data (idle alone fires on an empty map).
  const onIdle = useCallback((e: { target: maplibregl.Map }) => {
    const map = e.target;
    const loaded = VISIBLE_LAYERS.every((l) => l.readySources.every((id) => map.getSource(id) && map.isSourceLoaded(id)));
    if (loaded) setReady(true);
  }, []);

  useEffect(() => {
    const map = mapRef.current?.getMap();
    if (map) return installTestHook(map);
  }, [ready]);

  const locale = useMemo(() => mapLocale(t), [t]);
  // The controls below keep their buttons across a language switch: relabelled in place.
  useLayoutEffect(() => {
    const map = mapRef.current?.getMap();
    if (map) setMapLocale(map, locale);
  }, [locale]);

  // A compact attribution starts unfolded and folds only on the first drag; on a phone it would
  // cover the bottom of the map until then, so it starts folded behind its (i) button.
  useEffect(() => {
    if (!isPhone || !ready) return;
    mapRef.current
      ?.getContainer()
      .querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show')
      ?.classList.remove('maplibregl-compact-show');
  }, [isPhone, ready, i18n.language]);

  // MapLibre names its canvas once, in English ("Map"); say what this map is, in the UI language.
  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', t('map.label'));
  }, [ready, t, i18n.language]);

  return (
    <div
      className="map-container"
      data-testid="map"
      data-map-ready={ready ? 'true' : 'false'}
      data-basemap={baseStyle.kind}
      data-zoom={zoom.toFixed(2)}
      data-bounds={bounds}
      data-selected-area={selectedAreaId ?? ''}
    >
      <Map
        ref={mapRef}
        mapLib={maplibregl}
        mapStyle={baseStyle.style}
        initialViewState={{ bounds: HELSINKI_BOUNDS, fitBoundsOptions: { padding: 20 } }}
        minZoom={8}
        maxZoom={18}
        attributionControl={false}
        locale={locale}
        onLoad={track}
        onMoveEnd={track}
        onIdle={onIdle}
        interactiveLayerIds={layerIds}
        // A tool (drawing, choosing a place) takes every click; else the topmost clickable feature's
        // layer; else the map itself ("which area is this").
        onClick={(e: MapLayerMouseEvent) => offerMapClick(e) || routeFeatureClick(interactions, e) || onMapClick?.(e.lngLat)}
        onMouseEnter={() => setHovering(true)}
        onMouseLeave={() => setHovering(false)}
        // Crosshair for "which area is this"; over a feature, "open me".
        cursor={hovering ? 'pointer' : 'crosshair'}
        style={{ width: '100%', height: '100%' }}
      >
        {VISIBLE_LAYERS.map(({ id, Component }) => (
          <Component key={id} zoom={zoom} />
        ))}
        <DrawLayer />
        {children}
        <NavigationControl position="top-right" showCompass={false} />
        {/* Clear of the search (top left) and the attribution: under the zoom buttons, or on a phone,
            where the attribution folds to its (i) button, at the bottom left. */}
        <ScaleControl key={String(isPhone)} position={isPhone ? 'bottom-left' : 'top-right'} />
        {/* Keyed by language (MapLibre builds the text once per control) and by width: on a phone the
            attribution folds behind its (i) button instead of covering a third of the map. */}
        <AttributionControl
          key={`${i18n.language}-${isPhone}`}
          position="bottom-right"
          compact={isPhone}
          customAttribution={[
            t('map.attributionDistricts'),
            t('map.attributionActivities'),
            ...(baseStyle.kind === 'offline' ? [t('map.attributionLand')] : []),
          ]}
        />
      </Map>
    </div>
  );
}
