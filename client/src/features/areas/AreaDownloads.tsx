import { useTranslation } from 'react-i18next';
import { AREA_LEVELS } from '@contracts/areas';
import { Panel } from '@/ui/Panel';

/** Open data: each division level as GeoJSON and as a table (with areas in km²), and the OGC API. */
export function AreaDownloads() {
  const { t } = useTranslation();
  return (
    <Panel id="area-downloads-heading" heading={t('areaDownloads.heading')}>
      <ul className="activity-exports" data-testid="area-downloads">
        {AREA_LEVELS.map((level) => (
          <li key={level}>
            {t(`levels.${level}`)}:{' '}
            <a href={`/api/areas.geojson?level=${level}`} download={`districts-${level}.geojson`}>
              GeoJSON
            </a>
            {' · '}
            <a href={`/api/areas.csv?level=${level}`} download={`districts-${level}.csv`}>
              CSV
            </a>
            {' · '}
            <a href={`/api/areas/statistics.csv?level=${level}`} download={`district-statistics-${level}.csv`}>
              {t('statistics.heading')} (CSV)
            </a>
          </li>
        ))}
        <li>
          <a href="/ogc">{t('areaDownloads.ogc')}</a>
        </li>
      </ul>
      <p className="panel-help">{t('areaDownloads.licence')}</p>
    </Panel>
  );
}
