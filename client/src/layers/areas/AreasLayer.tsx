import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Marker, Source } from 'react-map-gl/maplibre';
import { AREA_LEVELS, type AreaLevel } from '@contracts/areas';
import type { MapLayerProps } from '@/map/layer-props';
import { resolveColor } from '@/map/theme';
import { useDistrictsShown, useSelectedAreaId } from '@/state/url-state';
import { areaName } from './area-name';
import {
  AREA_COLORS,
  AREA_LAYER_COLORS,
  AREAS_OUTLINE_SOURCE,
  AREAS_SELECTION_SOURCE,
  AREAS_SOURCE,
  areasBoundaryLine,
  areasFill,
  areasHighlight,
  areasHighlightLine,
  areasLine,
  highlightFilter,
  levelForZoom,
} from './style';
import { useAreaIndex } from './use-area-index';

const EMPTY = { type: 'FeatureCollection', features: [] } as const;

const finer = (a: AreaLevel, b: AreaLevel | undefined): AreaLevel =>
  b && AREA_LEVELS.indexOf(b) > AREA_LEVELS.indexOf(a) ? b : a;

/** Paint with the theme's token values (a theme may override the HDS defaults in CSS). */
function useThemedPaint() {
  return useMemo(() => {
    const paint = new Map<string, Record<string, unknown>>();
    for (const { layer, property, color } of AREA_LAYER_COLORS) {
      paint.set(layer.id, { ...layer.paint, [property]: resolveColor(AREA_COLORS[color]) });
    }
    return (id: string) => paint.get(id) as never;
  }, []);
}

export function AreasLayer({ zoom }: MapLayerProps) {
  const { i18n } = useTranslation();
  const [selectedId] = useSelectedAreaId();
  const [districtsShown] = useDistrictsShown();
  const { index } = useAreaIndex();
  const paint = useThemedPaint();
  const selected = selectedId == null ? undefined : index.byId.get(selectedId);
  const level = finer(levelForZoom(zoom), selected?.level);
  const shown = index.collections[level];
  const outline = index.collections.suurpiiri;
  const selection = (selected && index.collections[selected.level]) || EMPTY;
  const filter = highlightFilter(selected ? selected.id : null);
  // Hidden, not unmounted: the sources stay loaded, so the map's readiness and the picker still work.
  const visibility = districtsShown ? 'visible' : 'none';
  const shownLayout = (layer: { layout?: object }) => ({ ...layer.layout, visibility }) as never;

  // All sources mount together so the layer order (highlight on top) never depends on load order.
  if (!shown || !outline) return null;
  return (
    <>
      <Source id={AREAS_SOURCE} type="geojson" data={shown as never}>
        <Layer {...areasFill} layout={shownLayout(areasFill)} paint={paint(areasFill.id)} />
        <Layer {...areasLine} layout={shownLayout(areasLine)} paint={paint(areasLine.id)} />
      </Source>
      <Source id={AREAS_OUTLINE_SOURCE} type="geojson" data={outline as never}>
        <Layer {...areasBoundaryLine} layout={shownLayout(areasBoundaryLine)} paint={paint(areasBoundaryLine.id)} />
      </Source>
      <Source id={AREAS_SELECTION_SOURCE} type="geojson" data={selection as never}>
        <Layer {...areasHighlight} filter={filter} paint={paint(areasHighlight.id)} />
        <Layer {...areasHighlightLine} filter={filter} paint={paint(areasHighlightLine.id)} />
      </Source>
      {/* Labels are HTML, not symbol layers: the offline style has no glyph server. */}
      {districtsShown &&
        shown.features.map((f) => (
          <Marker key={f.properties.id} longitude={f.properties.labelLon} latitude={f.properties.labelLat} anchor="center">
            <span
              className={`area-label area-label--${level}${f.properties.id === selectedId ? ' area-label--selected' : ''}`}
              aria-hidden="true"
            >
              {areaName(f.properties, i18n.language)}
            </span>
          </Marker>
        ))}
    </>
  );
}
