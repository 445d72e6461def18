import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TrackingCodeLookup } from './TrackingCodeLookup';
import { Panel } from '@/ui/Panel';
import { usePageTitle } from '@/ui/use-page-title';

/** /ideas/lookup: the page a tracking code's owner is sent to. */
export function LookupPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.ideaLookup'));
  return (
    <Panel id="lookup-page-heading" heading={t('ideas.lookup.heading')}>
      <p className="panel-help">{t('ideas.lookup.pageHelp')}</p>
      <TrackingCodeLookup id="idea-lookup-page" />
      <p>
        <Link to="/ideas">{t('ideas.backToIdeas')}</Link>
      </p>
    </Panel>
  );
}
