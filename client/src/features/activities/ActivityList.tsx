import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link, useLocation } from 'react-router';
import type { ActivityProperties, Department } from '@contracts/activities';
import { activityTitle } from '@/layers/activities/names';
import { formatSpan } from '@/ui/format';
import { VirtualList } from '@/ui/VirtualList';

interface Props {
  /** The rows loaded so far, in the server's order. */
  items: ActivityProperties[];
  /** Every activity matching in the view. */
  total: number;
  departments: Department[] | undefined;
  /** Changes with the view and the filters: a new view's list starts at its top. */
  viewKey: string;
  /** True while a newer viewport or filter answer is on its way. */
  updating: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/**
 * The map's accessible twin: the filtered activities in the view as links, the count first, then
 * a window of rows that pages in as the reader scrolls or moves on by keyboard (VirtualList).
 * The department is a colour *and* its name.
 */
export function ActivityList({ items, total, viewKey, departments, updating, hasMore, loadingMore, onLoadMore }: Props) {
  const { t, i18n } = useTranslation();
  const departmentName = useDepartmentName();
  const { search } = useLocation();
  const byDept = new Map(departments?.map((d) => [d.slug, d]));

  return (
    <section
      className="panel activity-list"
      aria-labelledby="activity-list-heading"
      data-testid="activity-list"
      data-activities-ready={updating ? 'false' : 'true'}
      aria-busy={updating}
    >
      <h2 id="activity-list-heading" className="panel-heading">
        {t('activities.list.heading')}
      </h2>
      <p className="panel-help" aria-live="polite" data-testid="activity-count">
        {t('activities.list.count', { count: total })}
      </p>
      {total === 0 ? (
        <p>{t('activities.list.empty')}</p>
      ) : (
        <VirtualList
          key={viewKey}
          items={items}
          total={total}
          itemKey={(a) => a.id}
          labelledBy="activity-list-heading"
          className="activity-items"
          estimateSize={92}
          hasMore={hasMore}
          loadingMore={loadingMore}
          onLoadMore={onLoadMore}
          renderItem={(a) => {
            const dept = byDept.get(a.department);
            return (
              <Link className="activity-item" to={{ pathname: `/activities/${a.id}`, search }}>
                <span className="activity-item-title">
                  {activityTitle(a, i18n.language)}
                  {a.isDemo && <span className="activity-badge">{t('activities.demo')}</span>}
                </span>
                <span className="activity-item-meta">
                  <span aria-hidden="true" className="activity-swatch" style={{ background: dept?.color ?? a.departmentColor }} />
                  {departmentName(a.department)}
                </span>
                <span className="activity-item-meta">
                  {t(`activities.kind.${a.kind}`)} · {t(`activities.status.${a.status}`)} ·{' '}
                  {formatSpan(a.startsAt, a.endsAt, i18n.language, t)}
                </span>
              </Link>
            );
          }}
        />
      )}
    </section>
  );
}
