import { useTranslation } from 'react-i18next';
import { NearMe } from './NearMe';
import { PlaceSearch } from './PlaceSearch';
import './search.css';

/**
 * The map's search toolbar: a place, address or district, and "near me". Rendered inside the map
 * (it moves the camera); self-contained, so it can move to the header as it is.
 */
export function MapSearch() {
  const { t } = useTranslation();
  return (
    <div className="map-search" role="search" aria-label={t('search.region')}>
      <PlaceSearch />
      <NearMe />
    </div>
  );
}
