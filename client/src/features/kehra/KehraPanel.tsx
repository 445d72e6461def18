import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { moveFocusAmong } from '@/a11y/list-keys';
import { useAccount } from '@/features/account';
import { AreaPicker } from '@/ui/AreaPicker';
import { DemoBadge } from '@/ui/DemoLabel';
import { errorMessage } from '@/ui/format';
import { areaName } from '@/layers/areas/area-name';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useKehraFilter } from '@/layers/kehra/filters';
import { groupsQuery, kehraAreasQuery, kehraSearch, tablesQuery } from '@/layers/kehra/query';
import { useSelectedAreaId } from '@/state/url-state';
import { StatusBadge } from './StatusBadge';
import { useCanEditTables } from './TableEditing';
import { WhoIsActivePanel } from './WhoIsActivePanel';
import { ThemeFilter } from '@/features/ideas';
import { Panel } from '@/ui/Panel';
import './group-editing.css';
import { usePageTitle } from '@/ui/use-page-title';

const moveFocus = moveFocusAmong('a.kehra-list-link');

/** /kehra: filters, who is active here, and the groups, their areas and the partnership tables (the map's list twin). */
export function KehraPanel() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.kehra'));
  const { index } = useAreaIndex();
  const [areaId, selectArea] = useSelectedAreaId();
  return (
    <>
      <Panel id="kehra-heading" heading={t('kehra.heading')}>
        <p className="panel-help">{t('kehra.intro')}</p>
      </Panel>
      <WhoIsActivePanel />
      <KehraFilters />
      <AreaPicker index={index} selectedId={areaId} onSelect={selectArea} />
      <KehraGroupList />
      <TableList />
    </>
  );
}

function KehraFilters() {
  const { t, i18n } = useTranslation();
  const filter = useKehraFilter();
  const { index } = useAreaIndex();
  const [, setArea] = useSelectedAreaId();
  const area = filter.area == null ? undefined : index.byId.get(filter.area);
  return (
    <Panel id="kehra-filters-heading" heading={t('kehra.filters.heading')}>
      <ThemeFilter id="kehra-filter-theme" label={t('kehra.filters.theme')} allLabel={t('kehra.filters.allThemes')} />
      <p className="kehra-filter-area">
        {area ? (
          <>
            {t('kehra.filters.area', { name: areaName(area, i18n.language) })}{' '}
            <button type="button" className="link-button" onClick={() => setArea(null)}>
              {t('kehra.filters.clearArea')}
            </button>
          </>
        ) : (
          t('kehra.filters.noArea')
        )}
      </p>
    </Panel>
  );
}

function KehraGroupList() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { hasRole } = useAccount();
  const filter = useKehraFilter();
  const groups = useQuery(groupsQuery(filter.area));
  const areas = useQuery(kehraAreasQuery(filter));
  const areaFeatures = areas.data?.features;
  const byGroup = useMemo(() => {
    const m = new Map<number, NonNullable<typeof areaFeatures>>();
    for (const f of areaFeatures ?? []) m.set(f.properties.groupId, [...(m.get(f.properties.groupId) ?? []), f]);
    return m;
  }, [areaFeatures]);
  // Groups with development areas matching the filter, plus the groups working in the chosen area.
  const shown = (groups.data ?? []).filter((g) => filter.theme.length === 0 || byGroup.has(g.id));

  return (
    <Panel id="kehra-groups-heading" heading={t('kehra.groups.heading')} testId="kehra-groups">
      {groups.isPending && <LoadingSpinner small loadingText={t('kehra.loading')} />}
      {groups.error && <p className="form-error">{errorMessage(groups.error)}</p>}
      {groups.data && shown.length === 0 && (
        <>
          <p className="panel-help">{t('kehra.groups.none')}</p>
          <p className="panel-help">{t('kehra.groups.emptyHint')}</p>
        </>
      )}
      {shown.length > 0 && (
        <ul className="kehra-list" onKeyDown={moveFocus}>
          {shown.map((g) => (
            <li key={g.id}>
              <Link className="kehra-list-link" to={{ pathname: `/kehra/groups/${g.id}`, search }}>
                {g.name}
              </Link>
              {g.isDemo && <DemoBadge />}
              {(byGroup.get(g.id) ?? []).length > 0 && (
                <ul className="kehra-sublist" aria-label={t('kehra.groups.areasOf', { name: g.name })}>
                  {byGroup.get(g.id)!.map((f) => (
                    <li key={f.properties.id}>
                      {f.properties.name} <StatusBadge status={f.properties.status} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {hasRole('admin') && (
        <p className="kehra-new-link">
          <Link className="kk-button-link" to={{ pathname: '/kehra/groups/new', search }}>
            {t('kehra.newGroup.link')}
          </Link>
        </p>
      )}
      <ExportLinks base="/api/kehra" name="kehra" />
    </Panel>
  );
}

function TableList() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const filter = useKehraFilter();
  const tables = useQuery(tablesQuery(filter));
  const canEdit = useCanEditTables();
  const unique = useMemo(() => {
    const seen = new Map<number, { id: number; name: string; convener: string; isDemo: boolean }>();
    for (const f of tables.data?.features ?? []) seen.set(f.properties.id, f.properties);
    return [...seen.values()];
  }, [tables.data]);
  return (
    <Panel id="kehra-tables-heading" heading={t('kehra.tables.heading')} testId="kehra-tables">
      {tables.error && <p className="form-error">{errorMessage(tables.error)}</p>}
      {tables.data && unique.length === 0 && (
        <>
          <p className="panel-help">{t('kehra.tables.none')}</p>
          <p className="panel-help">{t('kehra.tables.emptyHint')}</p>
        </>
      )}
      {unique.length > 0 && (
        <ul className="kehra-list" onKeyDown={moveFocus}>
          {unique.map((tb) => (
            <li key={tb.id}>
              <Link className="kehra-list-link" to={{ pathname: `/kehra/tables/${tb.id}`, search }}>
                {tb.name}
              </Link>
              {tb.isDemo && <DemoBadge />} <span className="kehra-meta">{t('kehra.tables.convener', { name: tb.convener })}</span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <p>
          <Link className="kk-button-link" to={{ pathname: '/kehra/tables/new', search }}>
            {t('partnershipTable.newLink')}
          </Link>
        </p>
      )}
      <ExportLinks base="/api/partnership-tables" name="partnership-tables" />
    </Panel>
  );
}

function ExportLinks({ base, name }: { base: string; name: string }) {
  const { t } = useTranslation();
  const filter = useKehraFilter();
  const q = kehraSearch(filter);
  return (
    <p className="kehra-export">
      {t('kehra.export')}{' '}
      {(['geojson', 'csv'] as const).map((format, i) => (
        <span key={format}>
          {i > 0 && ' · '}
          <a href={`${base}.${format}${q ? `?${q}` : ''}`} download={`${name}.${format}`}>
            {t(`kehra.exportAs.${format}`, { what: t(`kehra.exportWhat.${name}`) })}
          </a>
        </span>
      ))}
    </p>
  );
}
