import { useTranslation } from 'react-i18next';

/** Open data: the filtered set as files, and the OGC API for GIS tools. */
export function Exports({ filter }: { filter: string }) {
  const { t } = useTranslation();
  const q = filter ? `?${filter}` : '';
  return (
    <section className="panel" aria-labelledby="activity-exports-heading">
      <h2 id="activity-exports-heading" className="panel-heading">
        {t('activities.exports.heading')}
      </h2>
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
    </section>
  );
}
