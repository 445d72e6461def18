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

/**
 * `locale` is read once, when the map is made; a language switch swaps the table that controls
 * read when they are added (MapLibre has no setter), and the controls are re-added by their key.
 */
export function setMapLocale(map: maplibregl.Map, locale: Record<string, string>): void {
  map._locale = { ...map._locale, ...locale };
}
