import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { ActivityCollection, Department } from '@contracts/activities';
import { activityTitle, byStart, localName } from '@/layers/activities/names';
import { formatSpan } from '@/ui/format';
import { moveFocusAmong } from '@/a11y/list-keys';

const moveFocus = moveFocusAmong('a.activity-item');

interface Props {
  data: ActivityCollection;
  departments: Department[] | undefined;
  /** True while a newer viewport or filter answer is on its way. */
  updating: boolean;
}

/**
 * The map's accessible twin: the same filtered activities in the view, by start time, as links.
 * Arrow keys, Home and End move between them; the department is a colour *and* its name.
 */
export function ActivityList({ data, departments, updating }: Props) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const byDept = new Map(departments?.map((d) => [d.slug, d]));
  const items = data.features.map((f) => f.properties).sort(byStart);

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
      <p className="panel-help" aria-live="polite">
        {data.numberReturned < data.numberMatched
          ? t('activities.list.truncated', { shown: data.numberReturned, total: data.numberMatched })
          : t('activities.list.count', { count: data.numberMatched })}
      </p>
      {items.length === 0 ? (
        <p>{t('activities.list.empty')}</p>
      ) : (
        <ul className="activity-items" onKeyDown={moveFocus}>
          {items.map((a) => {
            const dept = byDept.get(a.department);
            return (
              <li key={a.id}>
                <Link className="activity-item" to={{ pathname: `/activities/${a.id}`, search }}>
                  <span className="activity-item-title">
                    {activityTitle(a, i18n.language)}
                    {a.isDemo && <span className="activity-badge">{t('activities.demo')}</span>}
                  </span>
                  <span className="activity-item-meta">
                    <span
                      aria-hidden="true"
                      className="activity-swatch"
                      style={{ background: dept?.color ?? a.departmentColor }}
                    />
                    {dept ? localName(dept, i18n.language) : a.department}
                  </span>
                  <span className="activity-item-meta">
                    {t(`activities.kind.${a.kind}`)} · {t(`activities.status.${a.status}`)} ·{' '}
                    {formatSpan(a.startsAt, a.endsAt, i18n.language, t)}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
