import type { TFunction } from 'i18next';
import type * as maplibregl from 'maplibre-gl';

/**
 * MapLibre's own control labels (zoom, compass, full screen, attribution) in the UI language:
 * the `locale` option patches its English table (maplibre-gl src/ui/default_locale.ts).
 */
export const mapLocale = (t: TFunction): Record<string, string> => ({
  'NavigationControl.ZoomIn': t('map.controls.zoomIn'),
  'NavigationControl.ZoomOut': t('map.controls.zoomOut'),
  'NavigationControl.ResetBearing': t('map.controls.resetBearing'),
  'FullscreenControl.Enter': t('map.controls.fullscreenEnter'),
  'FullscreenControl.Exit': t('map.controls.fullscreenExit'),
  'AttributionControl.ToggleAttribution': t('map.controls.toggleAttribution'),
  'AttributionControl.MapFeedback': t('map.controls.mapFeedback'),
  'GeolocateControl.FindMyLocation': t('map.controls.findMyLocation'),
  'GeolocateControl.LocationNotAvailable': t('map.controls.locationNotAvailable'),
  'Map.Title': t('map.label'),
  'Marker.Title': t('map.controls.marker'),
  'Popup.Close': t('map.controls.popupClose'),
});

/** The buttons MapLibre labels from the table, by their class. */
const LABELLED: [selector: string, key: string][] = [
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
  ['.maplibregl-ctrl-fullscreen', 'FullscreenControl.Enter'],
  ['.maplibregl-ctrl-shrink', 'FullscreenControl.Exit'],
  ['.maplibregl-ctrl-geolocate', 'GeolocateControl.FindMyLocation'],
  ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
];

/**
 * `locale` is read once, when the map is made, and MapLibre has no setter: a language switch swaps
 * the table (for controls added later) and relabels the buttons already on the map in place.
 */
export function setMapLocale(map: maplibregl.Map, locale: Record<string, string>): void {
  map._locale = { ...map._locale, ...locale };
  const container = map.getContainer();
  for (const [selector, key] of LABELLED) {
    for (const button of container.querySelectorAll<HTMLElement>(selector)) {
      button.title = locale[key];
      button.setAttribute('aria-label', locale[key]);
    }
  }
}
