import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AreaPicker } from '@/ui/AreaPicker';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useSelectedAreaId } from '@/state/url-state';
import { useIdeaFilter } from '@/layers/ideas/filters';
import { ideasSearch } from '@/layers/ideas/query';
import { SubscribeLinks } from '@/ui/SubscribeLinks';
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
  // The feed follows the filter city-wide: the map's view is where one looks, not what one follows.
  const { bbox: _bbox, ...filter } = useIdeaFilter();
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
      <SubscribeLinks testId="ideas-subscribe" feeds={[{ kind: 'ideas', filter: ideasSearch({ ...filter, bbox: null }) }]} />
    </>
  );
}
