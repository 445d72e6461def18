import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useIdeaFilter } from '@/layers/ideas/filters';
import { ideasQuery, ideasSearch } from '@/layers/ideas/query';
import { errorMessage, formatDate } from '@/ui/format';
import { StageBadge } from './StageBadge';
import { moveFocusAmong } from '@/a11y/list-keys';

const moveFocus = moveFocusAmong('a.idea-list-link');

/**
 * The ideas in the map's view, newest first: the map's accessible twin. Same query as the map
 * layer (one cache entry). Arrow keys, Home and End move between the ideas.
 */
export function IdeaList() {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const filter = useIdeaFilter();
  const ideas = useQuery({ ...ideasQuery(filter), enabled: filter.bbox != null });
  const sorted = useMemo(
    () => [...(ideas.data?.features ?? [])].sort((a, b) => b.properties.submittedAt.localeCompare(a.properties.submittedAt)),
    [ideas.data],
  );
  const { bbox: _bbox, ...cityWide } = filter;

  return (
    <section className="panel idea-list" aria-labelledby="idea-list-heading" id="idea-list" tabIndex={-1}>
      <h2 id="idea-list-heading" className="panel-heading">
        {t('ideas.list.heading')}
      </h2>
      <p className="panel-help" aria-live="polite" data-testid="idea-count">
        {ideas.data ? t('ideas.list.count', { count: ideas.data.numberMatched }) : ''}
      </p>
      {ideas.isPending && filter.bbox != null && <LoadingSpinner small loadingText={t('ideas.list.loading')} />}
      {ideas.error && <p className="form-error">{t('ideas.list.error', { message: errorMessage(ideas.error) })}</p>}
      {sorted.length > 0 && (
        <ol className="idea-list-items" onKeyDown={moveFocus}>
          {sorted.map((f) => (
            <li key={f.id}>
              <Link className="idea-list-link" to={{ pathname: `/ideas/${f.properties.id}`, search }}>
                <span className="idea-list-title">{f.properties.title}</span>
                <span className="idea-list-meta">
                  <StageBadge stage={f.properties.stage} />
                  <span>{formatDate(f.properties.submittedAt, i18n.language)}</span>
                  <span>{t('ideas.list.votes', { count: f.properties.votes })}</span>
                  {f.properties.waiting && <span className="idea-waiting">{t('ideas.waiting')}</span>}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      )}
      <p className="idea-export">
        {t('ideas.list.export')}{' '}
        {(['geojson', 'csv'] as const).map((format) => (
          <span key={format}>
            <a href={`/api/ideas?${ideasSearch(filter, { format })}`} download={`ideas.${format}`}>
              {t('ideas.list.exportView', { format: format === 'csv' ? 'CSV' : 'GeoJSON' })}
            </a>
            {' · '}
            <a href={`/api/ideas?${ideasSearch({ ...cityWide, bbox: null }, { format })}`} download={`ideas.${format}`}>
              {t('ideas.list.exportAll', { format: format === 'csv' ? 'CSV' : 'GeoJSON' })}
            </a>{' '}
          </span>
        ))}
      </p>
    </section>
  );
}
