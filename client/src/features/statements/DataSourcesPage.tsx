import { useTranslation } from 'react-i18next';
import { SERVICE_PROFILE } from './service-profile';
import { StatementPage } from './StatementPage';

/** The sources the importers and the base maps read (README "Data sources and licences"). */
const SOURCES = ['districts', 'services', 'events', 'land', 'basemap'] as const;

/** /data-sources — where the map's data come from and under which licence. */
export function DataSourcesPage() {
  const { t } = useTranslation();
  const d = (key: string) => t(`dataSources.${key}`);
  return (
    <StatementPage id="data-sources-heading" title={d('heading')}>
      <p>{d('intro')}</p>
      <ul data-testid="data-sources">
        {SOURCES.map((s) => (
          <li key={s}>{d(s)}</li>
        ))}
      </ul>
      <p>{d('openData')}</p>
      <ul>
        <li>
          <a href="/ogc">{d('ogcLink')}</a>
        </li>
        <li>
          <a href={SERVICE_PROFILE.ccBy}>{d('licenceLink')}</a>
        </li>
      </ul>
    </StatementPage>
  );
}
