import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TrackingCodeLookup } from './TrackingCodeLookup';

/** /ideas/lookup: the page a tracking code's owner is sent to. */
export function LookupPage() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="lookup-page-heading">
      <h2 id="lookup-page-heading" className="panel-heading">
        {t('ideas.lookup.heading')}
      </h2>
      <p className="panel-help">{t('ideas.lookup.pageHelp')}</p>
      <TrackingCodeLookup id="idea-lookup-page" />
      <p>
        <Link to="/ideas">{t('ideas.backToIdeas')}</Link>
      </p>
    </section>
  );
}
