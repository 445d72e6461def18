import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Department, OverlapItem } from '@contracts/activities';
import { activityTitle, localName } from '@/layers/activities/names';
import { areaOverlapsQuery } from '@/layers/activities/query';
import { DistanceChooser } from './DistanceChooser';
import { formatDistance, formatSpan } from './format';

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
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const overlaps = useQuery(areaOverlapsQuery(filter));
  const byDept = new Map(departments?.map((d) => [d.slug, d]));
  const deptName = (slug: string) => {
    const d = byDept.get(slug);
    return d ? localName(d, i18n.language) : slug;
  };
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

  return (
    <section className="panel activity-area-overlaps" aria-labelledby="area-overlaps-heading" data-testid="area-overlaps">
      <h2 id="area-overlaps-heading" className="panel-heading">
        {t('activities.areaOverlaps.heading', { area: areaName })}
      </h2>
      <p className="panel-help">{t('activities.areaOverlaps.help')}</p>
      <DistanceChooser id="area-distance" value={distance} onChange={onDistance} />
      {overlaps.isPending && <LoadingSpinner small loadingText={t('activities.loading')} />}
      {overlaps.error && <p className="form-error">{t('activities.loadError', { message: overlaps.error.message })}</p>}
      {data && (
        <div aria-busy={overlaps.isFetching} data-activities-ready={overlaps.isFetching ? 'false' : 'true'}>
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
    </section>
  );
}
