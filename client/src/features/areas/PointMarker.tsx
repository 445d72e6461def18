import { useTranslation } from 'react-i18next';
import { Marker } from 'react-map-gl/maplibre';
import { AREA_COLORS } from '@/layers/areas/style';
import { cssColor } from '@/map/theme';
import type { PointParam } from '@/state/url-state';

export function PointMarker({ point }: { point: PointParam | null }) {
  const { t } = useTranslation();
  const lon = Number(point?.lon);
  const lat = Number(point?.lat);
  if (!point || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return (
    <Marker longitude={lon} latitude={lat} anchor="bottom">
      <svg className="point-marker" width="28" height="38" viewBox="0 0 28 38" role="img" aria-label={t('map.point')}>
        <path
          d="M14 1C7 1 1.5 6.4 1.5 13.3 1.5 22.5 14 37 14 37s12.5-14.5 12.5-23.7C26.5 6.4 21 1 14 1z"
          fill={cssColor(AREA_COLORS.point)}
          stroke="#fff"
          strokeWidth="2"
        />
        <circle cx="14" cy="13.5" r="4.5" fill="#fff" />
      </svg>
    </Marker>
  );
}
