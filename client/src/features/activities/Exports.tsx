import { useTranslation } from 'react-i18next';
import { Panel } from '@/ui/Panel';

/** Open data: the filtered set as files, and the OGC API for GIS tools. */
export function Exports({ filter }: { filter: string }) {
  const { t } = useTranslation();
  const q = filter ? `?${filter}` : '';
  return (
    <Panel id="activity-exports-heading" heading={t('activities.exports.heading')}>
      <p className="panel-help">{t('activities.exports.help')}</p>
      <ul className="activity-exports">
        <li>
          <a href={`/api/activities.geojson${q}`} download data-testid="export-geojson">
            {t('activities.exports.geojson')}
          </a>
        </li>
        <li>
          <a href={`/api/activities.csv${q}`} download data-testid="export-csv">
            {t('activities.exports.csv')}
          </a>
        </li>
        <li>
          <a href="/ogc" data-testid="ogc-link">
            {t('activities.exports.ogc')}
          </a>
        </li>
      </ul>
    </Panel>
  );
}
