import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link, useLocation } from 'react-router';
import type { Department, OverlapItem, OverlapsResponse } from '@contracts/activities';
import { activityTitle } from '@/layers/activities/names';
import { areaOverlapsQuery } from '@/layers/activities/query';
import { DistanceChooser } from './DistanceChooser';
import { formatDistance, formatSpan } from '@/ui/format';

interface Props {
  areaName: string;
  /** area, from, to and distance as the API's query string. */
  filter: string;
  distance: number;
  onDistance: (m: number) => void;
  departments: Department[] | undefined;
}

/**
 * "Who does what here": every department's activity in the chosen area, and the pairs of
 * different departments' activities that meet, with overlapping times flagged.
 */
export function AreaOverlaps({ areaName, filter, distance, onDistance, departments }: Props) {
  const { t } = useTranslation();
  const overlaps = useQuery(areaOverlapsQuery(filter));
  return (
    <OverlapsSection
      id="area-overlaps"
      heading={t('activities.areaOverlaps.heading', { area: areaName })}
      help={t('activities.areaOverlaps.help')}
      distance={distance}
      onDistance={onDistance}
      overlaps={overlaps}
      departments={departments}
    />
  );
}

interface SectionProps {
  /** The section's test id, and the prefix of its element ids. */
  id: string;
  heading: string;
  help: string;
  distance: number;
  onDistance: (m: number) => void;
  /** The answer to show; null while there is nothing to ask about yet (an unfinished drawing). */
  overlaps: UseQueryResult<OverlapsResponse> | null;
  departments: Department[] | undefined;
  /** Controls of the place itself (the drawing tool), between the help and the distance. */
  children?: ReactNode;
}

/** One overlaps view for any place, a chosen district or a drawn area: heading, distance, results. */
export function OverlapsSection({ id, heading, help, distance, onDistance, overlaps, departments, children }: SectionProps) {
  return (
    <section className="panel activity-area-overlaps" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`} className="panel-heading">
        {heading}
      </h2>
      <p className="panel-help">{help}</p>
      {children}
      <DistanceChooser id={`${id}-distance`} value={distance} onChange={onDistance} />
      {overlaps && <OverlapResults overlaps={overlaps} departments={departments} />}
    </section>
  );
}

/** Departments with their counts, and the cross-department pairs with "same time" flags. */
function OverlapResults({
  overlaps,
  departments,
}: {
  overlaps: UseQueryResult<OverlapsResponse>;
  departments: Department[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const byDept = new Map(departments?.map((d) => [d.slug, d]));
  const deptName = useDepartmentName();
  const item = (a: OverlapItem) => (
    <div className="activity-pair-item">
      <Link to={{ pathname: `/activities/${a.id}`, search }}>{activityTitle(a, i18n.language)}</Link>
      <span className="activity-item-meta">
        <span aria-hidden="true" className="activity-swatch" style={{ background: byDept.get(a.department)?.color }} />
        {deptName(a.department)} · {formatSpan(a.startsAt, a.endsAt, i18n.language, t)}
      </span>
    </div>
  );
  const data = overlaps.data;
  // A kept previous answer (another shape or distance) is not this one's yet.
  const updating = overlaps.isFetching || overlaps.isPlaceholderData;

  return (
    <>
      {overlaps.isPending && <LoadingSpinner small loadingText={t('activities.loading')} />}
      {overlaps.error && <p className="form-error">{t('activities.loadError', { message: overlaps.error.message })}</p>}
      {data && (
        <div aria-busy={updating} data-activities-ready={updating ? 'false' : 'true'}>
          <h3 className="legend-subheading">{t('activities.areaOverlaps.departments')}</h3>
          {data.departments.length === 0 ? (
            <p>{t('activities.list.empty')}</p>
          ) : (
            <ul className="activity-dept-counts">
              {data.departments.map((d) => (
                <li key={d.department}>
                  <span aria-hidden="true" className="activity-swatch" style={{ background: byDept.get(d.department)?.color }} />
                  {deptName(d.department)}: {t('activities.areaOverlaps.count', { count: d.count })}
                </li>
              ))}
            </ul>
          )}
          <h3 className="legend-subheading">{t('activities.areaOverlaps.pairs', { count: data.pairs.length })}</h3>
          {data.pairs.length === 0 ? (
            <p>{t('activities.areaOverlaps.noPairs')}</p>
          ) : (
            <ul className="activity-pairs">
              {data.pairs.map((p) => (
                <li key={`${p.a.id}-${p.b.id}`}>
                  {item(p.a)}
                  {item(p.b)}
                  <div className="activity-item-meta">
                    {p.intersects ? t('activities.overlaps.intersects') : formatDistance(p.distanceMetres, i18n.language)}
                    {p.timeOverlaps && <span className="activity-flag">{t('activities.overlaps.timeOverlaps')}</span>}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {data.truncated && <p className="panel-help">{t('activities.areaOverlaps.truncated')}</p>}
        </div>
      )}
    </>
  );
}
