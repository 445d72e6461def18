import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AreaPicker } from '@/ui/AreaPicker';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useSelectedAreaId } from '@/state/url-state';
import { IdeaFilters } from './IdeaFilters';
import { IdeaList } from './IdeaList';
import { NotificationsPanel } from './NotificationsPanel';
import { TrackingCodeLookup } from './TrackingCodeLookup';
import { Panel } from '@/ui/Panel';
import { usePageTitle } from '@/ui/use-page-title';

/** /ideas: submit, look up by code, filter, and the list of ideas on the map. */
export function IdeasPanel() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.ideas'));
  const { search } = useLocation();
  const { index } = useAreaIndex();
  const [areaId, selectArea] = useSelectedAreaId();
  return (
    <>
      <Panel id="ideas-heading" heading={t('ideas.heading')}>
        <p className="panel-help">{t('ideas.intro')}</p>
        <Link className="kk-button-link" to={{ pathname: '/ideas/new', search }}>
          {t('ideas.submitLink')}
        </Link>
      </Panel>
      <Panel id="idea-lookup-heading" heading={t('ideas.lookup.heading')}>
        <TrackingCodeLookup />
      </Panel>
      <NotificationsPanel />
      <IdeaFilters />
      <AreaPicker index={index} selectedId={areaId} onSelect={selectArea} />
      <IdeaList />
    </>
  );
}
