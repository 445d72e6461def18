import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCallback, useEffect, useMemo } from 'react';
import { StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { AreaPicker } from '@/ui/AreaPicker';
import { useActivityFilterString } from '@/layers/activities/use-activity-view';
import { activityFilterParams, effectiveFrom, localDate } from '@/layers/activities/filters';
import { departmentsQuery } from '@/layers/activities/query';
import { useViewport } from '@/state/viewport';
import { areaName } from '@/layers/areas/area-name';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { endOfDay } from '@/state/url-dates';
import { useActivityFilters, useOverlapDistance, useSelectedAreaId } from '@/state/url-state';
import { ActivityFilters } from './ActivityFilters';
import { ActivityList } from './ActivityList';
import { activityListQuery } from './activity-list-query';
import { AreaOverlaps } from './AreaOverlaps';
import { DrawnAreaOverlaps } from './DrawnAreaOverlaps';
import { Exports } from './Exports';
import { useActivityAuthority } from './activity-editing';
import { TableMeetings } from './TableMeetings';
import { Panel } from '@/ui/Panel';
import { SubscribeLinks } from '@/ui/SubscribeLinks';
import { usePageTitle } from '@/ui/use-page-title';

/**
 * /activities: the area (any level; it also zooms the map), the department layers and filters,
 * the list of what is in view, cross-department overlaps in the chosen or a drawn area, and downloads.
 */
export function ActivitiesPanel() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('pageTitle.activities'));
  const { index, isPending: areasPending } = useAreaIndex();
  const [areaId, selectArea] = useSelectedAreaId();
  const [filters, setFilters] = useActivityFilters();
  const [distance, setDistance] = useOverlapDistance();
  const filter = useActivityFilterString();
  const viewport = useViewport();
  // The list's own pages of the view: the map draws from tiles and never holds every activity.
  const list = useInfiniteQuery({ ...activityListQuery(viewport ?? [0, 0, 0, 0], filter), enabled: !!viewport });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.features.map((f) => f.properties)) ?? [], [list.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const departments = useQuery(departmentsQuery());
  const area = areaId == null ? undefined : index.byId.get(areaId);
  const anyDemo = items.some((a) => a.isDemo);
  const { mayCreate } = useActivityAuthority();
  const { search, state } = useLocation();
  const removed = (state as { activityRemoved?: string } | null)?.activityRemoved;
  // After removing an activity its page is gone: say so here, and put the reader at the message.
  const status = useStatusMessage();
  const { announce } = status;
  useEffect(() => {
    if (removed) announce(t('activities.form.removed', { title: removed }));
  }, [removed, announce, t]);

  const from = effectiveFrom(filters, localDate());
  // The overlaps' time window, for the chosen district's query string and a drawn area's body alike.
  const span = { ...(from && { from }), ...(filters.to && { to: endOfDay(filters.to) }) };
  const overlapFilter = new URLSearchParams();
  if (areaId != null) overlapFilter.set('area', String(areaId));
  if (span.from) overlapFilter.set('from', span.from);
  if (span.to) overlapFilter.set('to', span.to);
  overlapFilter.set('distance', String(distance));

  // The partnership tables' meetings in the same time window and area ('all' = no lower bound).
  const meetingFilter = new URLSearchParams();
  if (areaId != null) meetingFilter.set('area', String(areaId));
  meetingFilter.set('from', from ?? '1970-01-01');
  if (span.to) meetingFilter.set('to', span.to);

  // A subscription follows the view's filter, but "from today" moves with the days: the feed has no fixed start.
  const feedFilter = activityFilterParams(filters.from === 'upcoming' ? { ...filters, from: 'all' } : filters, {
    area: areaId,
    today: localDate(),
  });
  // The calendar takes the map's filters (district, theme, department) and its own rolling window.
  const calendarFilter = new URLSearchParams();
  for (const k of ['area', 'theme', 'department']) {
    const v = feedFilter.get(k);
    if (v) calendarFilter.set(k, v);
  }

  return (
    <>
      <Panel id="activities-heading" heading={t('activities.heading')}>
        <p className="panel-help">{t('activities.intro')}</p>
        <StatusMessage status={status} testId="activity-removed" />
        {mayCreate && (
          <Link className="kk-button-link" to={{ pathname: '/activities/new', search }}>
            {t('activities.form.add')}
          </Link>
        )}
      </Panel>
      {anyDemo && (
        <Notification type="info" label={t('activities.demoTitle')} className="sidebar-notice" data-testid="demo-notice">
          {t('activities.demoBody')}
        </Notification>
      )}
      {/* HDS Select keeps the value of its first render: mount it once the areas are known. */}
      {!areasPending && <AreaPicker index={index} selectedId={areaId} onSelect={selectArea} />}
      <ActivityFilters filters={filters} onChange={setFilters} />
      {list.error ? (
        <Notification type="error" label={t('activities.loadErrorTitle')}>
          {t('activities.loadError', { message: list.error.message })}
        </Notification>
      ) : list.data ? (
        <ActivityList
          items={items}
          total={list.data.pages[0].numberMatched}
          viewKey={`${viewport?.join(',')}?${filter}`}
          departments={departments.data}
          // A new view or filter is on its way; a further page of this one is not.
          updating={list.isPlaceholderData || (list.isFetching && !isFetchingNextPage)}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
        />
      ) : (
        <LoadingSpinner small loadingText={t('activities.loading')} />
      )}
      <SubscribeLinks
        testId="activities-subscribe"
        feeds={[
          { kind: 'activities', filter: feedFilter.toString() },
          { kind: 'events', filter: calendarFilter.toString() },
        ]}
      />
      {area && (
        <AreaOverlaps
          areaName={areaName(area, i18n.language)}
          filter={overlapFilter.toString()}
          distance={distance}
          onDistance={setDistance}
          departments={departments.data}
        />
      )}
      <DrawnAreaOverlaps
        areaId={areaId}
        span={span}
        distance={distance}
        onDistance={setDistance}
        departments={departments.data}
      />
      <TableMeetings filter={meetingFilter.toString()} />
      <Exports filter={filter} />
    </>
  );
}
