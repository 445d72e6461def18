import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link } from 'react-router';
import { useRouteId } from '@/state/route-id';
import type { IdeaDetail } from '@contracts/ideas';
import { ApiError } from '@/api/http';
import { useAccount } from '@/features/account';
import { EnterIdeaIntoRound } from '@/features/budgeting';
import { areaName } from '@/layers/areas/area-name';
import { ideaDetailQuery, themesQuery } from '@/layers/ideas/query';
import { errorMessage, formatEuros, themeName } from '@/ui/format';
import { formatDate } from '@/ui/helsinki-time';
import { HideForm } from './HideForm';
import { IdeaComments } from './IdeaComments';
import { IdeaParticipation } from './IdeaParticipation';
import { IdeaTimeline } from './IdeaTimeline';
import { OfficialActions } from './OfficialActions';
import { ReportForm } from './ReportForm';
import { StageBadge } from './StageBadge';
import { usePageTitle } from '@/ui/use-page-title';
import { DemoTag } from '@/ui/DemoLabel';

/** /ideas/:id — the idea's permalink; the map highlights and fits to it (see IdeasLayer). */
export function IdeaPage() {
  const { t } = useTranslation();
  const id = useRouteId();
  const detail = useQuery({ ...ideaDetailQuery(id ?? 0), enabled: id != null });
  usePageTitle(detail.data?.properties.title ?? t('pageTitle.idea'));

  if (id == null || (detail.error instanceof ApiError && detail.error.status === 404)) {
    return (
      <Notification type="alert" label={t('ideas.page.notFound')}>
        <Link to="/ideas">{t('ideas.backToIdeas')}</Link>
      </Notification>
    );
  }
  if (detail.error) {
    return (
      <Notification type="error" label={t('ideas.page.loadError')}>
        {errorMessage(detail.error)}
      </Notification>
    );
  }
  if (!detail.data) return <LoadingSpinner small loadingText={t('ideas.page.loading')} />;
  return <IdeaView idea={detail.data} />;
}

function IdeaView({ idea }: { idea: IdeaDetail }) {
  const { t, i18n } = useTranslation();
  const departmentName = useDepartmentName();
  const { hasRole } = useAccount();
  const themes = useQuery(themesQuery());
  const p = idea.properties;
  const id = Number(idea.id);
  const themeLabel = (slug: string) => {
    const th = themes.data?.find((x) => x.slug === slug);
    return th ? themeName(th, i18n.language) : slug;
  };

  return (
    <article className="panel idea-page" aria-labelledby="idea-title" data-idea-id={id}>
      <p>
        <Link to="/ideas">{t('ideas.backToIdeas')}</Link>
      </p>
      <h2 id="idea-title" className="idea-title">
        {p.title}
      </h2>
      <div className="idea-badges">
        <StageBadge stage={p.stage} />
        {p.waiting && <span className="idea-waiting">{t('ideas.waitingLong')}</span>}
        {p.isDemo && <DemoTag />}
      </div>
      {p.hidden && (
        <Notification type="alert" label={t('ideas.page.hidden')}>
          {t('ideas.page.hiddenReason', { reason: p.hidden.reason })}
        </Notification>
      )}
      <p className="idea-description">{p.description}</p>
      <dl className="kk-facts">
        <div>
          <dt>{t('ideas.page.code')}</dt>
          <dd className="tracking-code-inline">{p.trackingCode}</dd>
        </div>
        <div>
          <dt>{t('ideas.page.submitted')}</dt>
          <dd>{formatDate(p.submittedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('ideas.page.themes')}</dt>
          <dd>{p.themes.map(themeLabel).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('ideas.page.areas')}</dt>
          <dd>{p.areas.length ? p.areas.map((a) => areaName(a, i18n.language)).join(', ') : t('ideas.page.none')}</dd>
        </div>
        <div>
          <dt>{t('ideas.page.cost')}</dt>
          <dd>{p.costEstimateEur == null ? t('ideas.page.none') : formatEuros(p.costEstimateEur, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('ideas.page.responsible')}</dt>
          <dd data-testid="idea-responsible">
            {p.responsible
              ? `${p.responsible.name}${p.responsible.department ? ` (${departmentName(p.responsible.department)})` : ''}`
              : t('ideas.page.nobodyYet')}
          </dd>
        </div>
        {p.funding && (
          <div>
            <dt>{t('ideas.timeline.funding')}</dt>
            <dd>{p.funding}</dd>
          </div>
        )}
        {p.alternativeRoute && (
          <div>
            <dt>{t('ideas.timeline.alternative')}</dt>
            <dd>
              {t(`ideas.alternativeRoute.${p.alternativeRoute}`)}
              {p.alternativeDetails ? ` — ${p.alternativeDetails}` : ''}
            </dd>
          </div>
        )}
      </dl>

      <IdeaParticipation ideaId={id} />
      <EnterIdeaIntoRound ideaId={id} />
      {hasRole('official') && <OfficialActions idea={idea} />}
      <IdeaTimeline events={idea.timeline} />

      <section className="idea-section" aria-labelledby="idea-nearby-heading">
        <h3 id="idea-nearby-heading">{t('ideas.page.nearby', { distance: idea.nearby.distance })}</h3>
        {idea.nearby.activities.length === 0 ? (
          <p className="panel-help">{t('ideas.page.nearbyNone')}</p>
        ) : (
          <ul className="idea-nearby">
            {idea.nearby.activities.map((a) => (
              <li key={a.id}>
                <span className="stage-badge-dot" aria-hidden="true" style={{ background: a.departmentColor }} />
                <Link to={`/activities/${a.id}`}>{activityTitle(a, i18n.language)}</Link>{' '}
                <span className="panel-help">
                  {a.department}, {t('ideas.page.metres', { n: Math.round(a.distanceMetres) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="idea-section" aria-labelledby="idea-people-heading">
        <h3 id="idea-people-heading">{t('ideas.page.people')}</h3>
        {(idea.localNetworks.kehraGroups.length > 0 || idea.localNetworks.partnershipTables.length > 0) && (
          <ul className="idea-people" aria-label={t('ideas.page.networks')}>
            {idea.localNetworks.kehraGroups.map((g) => (
              <li key={`g${g.id}`}>
                <Link to={`/kehra/groups/${g.id}`}>{g.name}</Link> — {t('ideas.page.kehraGroup')}
              </li>
            ))}
            {idea.localNetworks.partnershipTables.map((tb) => (
              <li key={`t${tb.id}`}>
                <Link to={`/kehra/tables/${tb.id}`}>{tb.name}</Link> —{' '}
                {t('ideas.page.partnershipTable', { convener: tb.convener })}
              </li>
            ))}
          </ul>
        )}
        {idea.activePeople.length === 0 ? (
          <p className="panel-help">{t('ideas.page.peopleNone')}</p>
        ) : (
          <ul className="idea-people">
            {idea.activePeople.map((person, i) => (
              <li key={i}>
                {person.name}
                {person.department ? ` (${person.department})` : ''} — {t(`ideas.page.role.${person.role}`)},{' '}
                {t('ideas.page.ideasCount', { count: person.ideas })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <IdeaComments ideaId={id} />

      <div className="idea-comment-actions">
        <ReportForm targetType="idea" targetId={id} />
        {(hasRole('moderator') || hasRole('admin')) && !p.hidden && <HideForm target={{ type: 'idea', id }} ideaId={id} />}
      </div>
    </article>
  );
}

function activityTitle(a: IdeaDetail['nearby']['activities'][number], language: string) {
  if (language.startsWith('sv') && a.titleSv) return a.titleSv;
  if (language.startsWith('en') && a.titleEn) return a.titleEn;
  return a.titleFi;
}
