import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useIdeaFilter } from '@/layers/ideas/filters';
import { ideasSearch } from '@/layers/ideas/query';
import { errorMessage } from '@/ui/format';
import { formatDate } from '@/ui/helsinki-time';
import { DemoBadge } from '@/ui/DemoLabel';
import { VirtualList } from '@/ui/VirtualList';
import { ideaListQuery } from './idea-list-query';
import { StageBadge } from './StageBadge';

/**
 * The ideas in the map's view, newest first: the map's accessible twin. The count first, then a
 * window of rows paged in as the reader scrolls or moves on by keyboard (VirtualList).
 */
export function IdeaList() {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const filter = useIdeaFilter();
  const ideas = useInfiniteQuery({ ...ideaListQuery(filter), enabled: filter.bbox != null });
  const items = useMemo(() => ideas.data?.pages.flatMap((p) => p.features.map((f) => f.properties)) ?? [], [ideas.data]);
  const total = ideas.data?.pages[0].numberMatched;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = ideas;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const { bbox: _bbox, ...cityWide } = filter;

  return (
    <section className="panel idea-list" aria-labelledby="idea-list-heading" id="idea-list" tabIndex={-1}>
      <h2 id="idea-list-heading" className="panel-heading">
        {t('ideas.list.heading')}
      </h2>
      <p className="panel-help" aria-live="polite" data-testid="idea-count">
        {total === undefined ? '' : t('ideas.list.count', { count: total })}
      </p>
      {ideas.isPending && filter.bbox != null && <LoadingSpinner small loadingText={t('ideas.list.loading')} />}
      {ideas.error && <p className="form-error">{t('ideas.list.error', { message: errorMessage(ideas.error) })}</p>}
      {total === 0 && <p className="panel-help">{t('ideas.list.empty')}</p>}
      {items.length > 0 && (
        <VirtualList
          // A new view or filter starts at the top of its list.
          key={JSON.stringify(filter)}
          items={items}
          total={total ?? items.length}
          itemKey={(idea) => idea.id}
          labelledBy="idea-list-heading"
          className="idea-list-items"
          ordered
          estimateSize={76}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          renderItem={(idea) => (
            <Link className="idea-list-link" to={{ pathname: `/ideas/${idea.id}`, search }}>
              <span className="idea-list-title">
                {idea.title}
                {idea.isDemo && <DemoBadge />}
              </span>
              <span className="idea-list-meta">
                <StageBadge stage={idea.stage} />
                <span>{formatDate(idea.submittedAt, i18n.language)}</span>
                <span>{t('ideas.list.votes', { count: idea.votes })}</span>
                {idea.waiting && <span className="idea-waiting">{t('ideas.waiting')}</span>}
              </span>
            </Link>
          )}
        />
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
