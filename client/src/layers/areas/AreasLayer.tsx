import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Marker, Source } from 'react-map-gl/maplibre';
import { AREA_LEVELS, type AreaLevel } from '@contracts/areas';
import type { MapLayerProps } from '@/map/layer-props';
import { applyPaint, sourceData, withVisibility, type LayerStyle, type PaintSetting } from '@/map/layer-style';
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

/** A stable empty collection (a new one each render would set the source again). */
const EMPTY_AREAS = { type: 'FeatureCollection' as const, features: [] };

const finer = (a: AreaLevel, b: AreaLevel | undefined): AreaLevel =>
  b && AREA_LEVELS.indexOf(b) > AREA_LEVELS.indexOf(a) ? b : a;

/** The layers in the theme's token values (a theme may override the HDS defaults in CSS). */
function useThemedLayers() {
  return useMemo(() => {
    const settings: PaintSetting[] = AREA_LAYER_COLORS.map(({ layer, property, color }) => ({
      layer,
      property,
      value: resolveColor(AREA_COLORS[color]),
    }));
    return <L extends LayerStyle>(layer: L) => applyPaint(layer, settings);
  }, []);
}

export function AreasLayer({ zoom }: MapLayerProps) {
  const { i18n } = useTranslation();
  const [selectedId] = useSelectedAreaId();
  const [districtsShown] = useDistrictsShown();
  const { index } = useAreaIndex();
  const themed = useThemedLayers();
  const selected = selectedId == null ? undefined : index.byId.get(selectedId);
  const level = finer(levelForZoom(zoom), selected?.level);
  const shown = index.collections[level];
  const outline = index.collections.suurpiiri;
  const selection = (selected && index.collections[selected.level]) || EMPTY_AREAS;
  const filter = highlightFilter(selected ? selected.id : null);
  // Hidden, not unmounted: the sources stay loaded, so the map's readiness and the picker still work.
  const shownLayer = <L extends LayerStyle>(layer: L) => withVisibility(themed(layer), districtsShown);

  // All sources mount together so the layer order (highlight on top) never depends on load order.
  if (!shown || !outline) return null;
  return (
    <>
      <Source id={AREAS_SOURCE} type="geojson" data={sourceData(shown)}>
        <Layer {...shownLayer(areasFill)} />
        <Layer {...shownLayer(areasLine)} />
      </Source>
      <Source id={AREAS_OUTLINE_SOURCE} type="geojson" data={sourceData(outline)}>
        <Layer {...shownLayer(areasBoundaryLine)} />
      </Source>
      <Source id={AREAS_SELECTION_SOURCE} type="geojson" data={sourceData(selection)}>
        <Layer {...themed(areasHighlight)} filter={filter} />
        <Layer {...themed(areasHighlightLine)} filter={filter} />
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
