import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AreaPicker } from '@/features/areas/AreaPicker';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useSelectedAreaId } from '@/state/url-state';
import { IdeaFilters } from './IdeaFilters';
import { IdeaList } from './IdeaList';
import { NotificationsPanel } from './NotificationsPanel';
import { TrackingCodeLookup } from './TrackingCodeLookup';

/** /ideas: submit, look up by code, filter, and the list of ideas on the map. */
export function IdeasPanel() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { index } = useAreaIndex();
  const [areaId, selectArea] = useSelectedAreaId();
  return (
    <>
      <section className="panel" aria-labelledby="ideas-heading">
        <h2 id="ideas-heading" className="panel-heading">
          {t('ideas.heading')}
        </h2>
        <p className="panel-help">{t('ideas.intro')}</p>
        <Link className="kk-button-link" to={{ pathname: '/ideas/new', search }}>
          {t('ideas.submitLink')}
        </Link>
      </section>
      <section className="panel" aria-labelledby="idea-lookup-heading">
        <h2 id="idea-lookup-heading" className="panel-heading">
          {t('ideas.lookup.heading')}
        </h2>
        <TrackingCodeLookup />
      </section>
      <NotificationsPanel />
      <IdeaFilters />
      <AreaPicker index={index} selectedId={areaId} onSelect={selectArea} />
      <IdeaList />
    </>
  );
}
