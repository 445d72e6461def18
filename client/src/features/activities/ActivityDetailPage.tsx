import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification, Tag } from 'hds-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link, useLocation } from 'react-router';
import { useRouteId } from '@/state/route-id';
import { AREA_LEVELS } from '@contracts/areas';
import { ApiError } from '@/api/http';
import { activityTitle, localName, localText } from '@/layers/activities/names';
import { activityDetailQuery, departmentsQuery } from '@/layers/activities/query';
import { areaName } from '@/layers/areas/area-name';
import { useOverlapDistance } from '@/state/url-state';
import { StatusMessage, useFocusById, useStatusMessage } from '@/ui/Feedback';
import { ActivityActions, EDIT_BUTTON_ID } from './ActivityActions';
import { useActivityAuthority } from './activity-editing';
import { ActivityForm } from './ActivityForm';
import { DistanceChooser } from './DistanceChooser';
import { formatDistance, formatSpan } from '@/ui/format';
import { formatDate } from '@/ui/helsinki-time';
import { usePageTitle } from '@/ui/use-page-title';

/** /activities/:id — every field, and "what else happens here" from other departments. */
export function ActivityDetailPage() {
  const { t, i18n } = useTranslation();
  const departmentName = useDepartmentName();
  const lang = i18n.language;
  const { search, state } = useLocation();
  const id = useRouteId();
  const [distance, setDistance] = useOverlapDistance();
  const detail = useQuery({ ...activityDetailQuery(id ?? 0, distance), enabled: id !== null });
  const departments = useQuery(departmentsQuery());
  const shown = detail.data;
  usePageTitle(shown?.id === id ? activityTitle(shown.properties, lang) : t('pageTitle.activity'));
  const deptOf = (slug: string) => departments.data?.find((d) => d.slug === slug);
  const heading = useRef<HTMLHeadingElement>(null);
  const { mayEdit } = useActivityAuthority();
  const [editing, setEditing] = useState(false);
  const status = useStatusMessage();
  const focusById = useFocusById();
  const created = (state as { activitySaved?: string } | null)?.activitySaved === 'created';
  const { announce } = status;
  useEffect(() => {
    if (created) announce(t('activities.form.created'), false);
  }, [created, announce, t]);
  const back = { pathname: '/activities', search };
  const withArea = (areaId: number) => {
    const q = new URLSearchParams(search);
    q.set('area', String(areaId));
    return { pathname: '/activities', search: `?${q.toString()}` };
  };

  // Moving from the list to an item: put the reader at its title, as a page load would.
  const loadedId = detail.data?.id;
  useEffect(() => {
    if (loadedId !== undefined) heading.current?.focus();
  }, [loadedId]);

  const backLink = (
    <Link className="activity-back" to={back}>
      ← {t('activities.detail.back')}
    </Link>
  );
  if (id === null || (detail.error instanceof ApiError && detail.error.status === 404)) {
    return (
      <section className="panel">
        {backLink}
        <p>{t('activities.detail.notFound')}</p>
      </section>
    );
  }
  if (detail.error) {
    return (
      <Notification type="error" label={t('activities.loadErrorTitle')}>
        {t('activities.loadError', { message: detail.error.message })}
      </Notification>
    );
  }
  const a = detail.data;
  if (!a || a.id !== id) return <LoadingSpinner small loadingText={t('activities.loading')} />;
  const p = a.properties;
  const description = localText(p.descriptionFi, p.descriptionSv, p.descriptionEn, lang);
  const areas = [...p.areas].sort((x, y) => AREA_LEVELS.indexOf(x.level) - AREA_LEVELS.indexOf(y.level));

  if (editing) {
    return (
      <section className="panel">
        <ActivityForm
          activity={a}
          onSaved={() => {
            setEditing(false);
            status.announce(t('activities.form.savedEdit'));
          }}
          onCancel={() => {
            setEditing(false);
            focusById(EDIT_BUTTON_ID);
          }}
        />
      </section>
    );
  }

  return (
    <>
      <article
        className="panel activity-detail"
        aria-labelledby="activity-title"
        data-testid="activity-detail"
        data-activity-id={a.id}
      >
        {backLink}
        <h2 id="activity-title" className="activity-title" tabIndex={-1} ref={heading}>
          {activityTitle(p, lang)}
        </h2>
        <StatusMessage status={status} testId="activity-status" />
        {mayEdit(p.department) && <ActivityActions activity={a} onEdit={() => (status.announce(null), setEditing(true))} />}
        {p.isDemo && (
          <Tag className="activity-demo-tag" data-testid="demo-tag">
            {t('activities.demoTag')}
          </Tag>
        )}
        <dl className="kk-facts">
          <div>
            <dt>{t('activities.detail.department')}</dt>
            <dd>
              <span aria-hidden="true" className="activity-swatch" style={{ background: p.departmentInfo.color }} />
              {localName(p.departmentInfo, lang)}
            </dd>
          </div>
          <div>
            <dt>{t('activities.detail.kind')}</dt>
            <dd>{t(`activities.kind.${p.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('activities.detail.status')}</dt>
            <dd>{t(`activities.status.${p.status}`)}</dd>
          </div>
          <div>
            <dt>{t('activities.detail.time')}</dt>
            <dd>{formatSpan(p.startsAt, p.endsAt, lang, t)}</dd>
          </div>
          {p.themeInfo.length > 0 && (
            <div>
              <dt>{t('activities.detail.themes')}</dt>
              <dd>{p.themeInfo.map((th) => localName(th, lang)).join(', ')}</dd>
            </div>
          )}
          {p.contact && (
            <div>
              <dt>{t('activities.detail.contact')}</dt>
              <dd>{p.contact}</dd>
            </div>
          )}
          {p.url && (
            <div>
              <dt>{t('activities.detail.url')}</dt>
              <dd>
                <a href={p.url} rel="noreferrer" target="_blank">
                  {p.url}
                </a>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('activities.detail.source')}</dt>
            <dd>
              {p.source} / {p.sourceId}
            </dd>
          </div>
          <div>
            <dt>{t('activities.detail.updated')}</dt>
            <dd>{formatDate(p.updatedAt)}</dd>
          </div>
        </dl>
        {description && <p className="activity-description">{description}</p>}
        {areas.length > 0 && (
          <>
            <h3 className="legend-subheading">{t('activities.detail.areas')}</h3>
            <ul className="activity-areas">
              {areas.map((ar) => (
                <li key={ar.id}>
                  <Link to={withArea(ar.id)}>
                    {areaName(ar, lang)}
                    <span className="visually-hidden">, </span>
                    <span className="activity-area-level"> ({t(`levels.${ar.level}`)})</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </article>

      <section className="panel activity-overlaps" aria-labelledby="activity-overlaps-heading" data-testid="activity-overlaps">
        <h2 id="activity-overlaps-heading" className="panel-heading">
          {t('activities.overlaps.heading')}
        </h2>
        <p className="panel-help">{t('activities.overlaps.help')}</p>
        <DistanceChooser id="activity-distance" value={distance} onChange={setDistance} />
        {/* The distance the shown list was computed for: a navigation commits after the URL changes. */}
        <div
          aria-live="polite"
          aria-busy={detail.isFetching}
          data-activities-ready={detail.isFetching ? 'false' : 'true'}
          data-overlaps-distance={a.overlaps.distance}
        >
          {a.overlaps.items.length === 0 ? (
            <p>{t('activities.overlaps.none')}</p>
          ) : (
            <ul className="activity-items">
              {a.overlaps.items.map((o) => (
                <li key={o.id}>
                  <Link className="activity-item" to={{ pathname: `/activities/${o.id}`, search }}>
                    <span className="activity-item-title">
                      {activityTitle(o, lang)}
                      {o.isDemo && <span className="activity-badge">{t('activities.demo')}</span>}
                    </span>
                    <span className="activity-item-meta">
                      <span aria-hidden="true" className="activity-swatch" style={{ background: deptOf(o.department)?.color }} />
                      {departmentName(o.department)}
                    </span>
                    <span className="activity-item-meta">
                      {t(`activities.kind.${o.kind}`)} · {formatSpan(o.startsAt, o.endsAt, lang, t)}
                    </span>
                    <span className="activity-item-meta">
                      {o.intersects ? t('activities.overlaps.intersects') : formatDistance(o.distanceMetres, lang)}
                      {o.timeOverlaps && <span className="activity-flag">{t('activities.overlaps.timeOverlaps')}</span>}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </>
  );
}
