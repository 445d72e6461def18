import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IdeaStageEvent } from '@contracts/ideas';
import { milestoneTitle } from '@/features/budgeting';
import { formatDate, formatDateTime } from '@/ui/helsinki-time';
import { StageBadge } from './StageBadge';

/** Every stage change in the open: who, when, why, funding, the alternative route, and a funded plan's milestones. */
export function IdeaTimeline({ events }: { events: IdeaStageEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="idea-section" aria-labelledby="idea-timeline-heading">
      <h3 id="idea-timeline-heading">{t('ideas.timeline.heading')}</h3>
      <ol className="idea-timeline" data-testid="idea-timeline">
        {events.map((e) => (
          <li key={e.id} data-stage={e.to} data-milestone-id={e.milestone?.id}>
            <div className="idea-timeline-head">
              <StageBadge stage={e.to} />
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            </div>
            <p className="idea-timeline-by">
              {e.from == null
                ? t('ideas.timeline.submittedBy', { name: e.by ?? t('ideas.timeline.visitor') })
                : t('ideas.timeline.movedBy', { name: e.by ?? '—' })}
            </p>
            {e.milestone ? (
              <p className="idea-timeline-milestone">
                <strong>{t('ideas.timeline.milestone')}:</strong> {milestoneTitle(e.milestone, i18n.language)},{' '}
                <time dateTime={e.milestone.date}>{formatDate(e.milestone.date, i18n.language)}</time> —{' '}
                <span data-done={e.milestone.done}>
                  {e.milestone.done ? t('ideas.timeline.milestoneDone') : t('ideas.timeline.milestonePlanned')}
                </span>
                {e.plan && (
                  <>
                    {' '}
                    <Link to={`/budgeting/rounds/${e.plan.roundId}`}>{t('ideas.timeline.plan', { title: e.plan.title })}</Link>
                  </>
                )}
              </p>
            ) : (
              e.reason && (
                <p>
                  <strong>{t('ideas.timeline.reason')}:</strong> {e.reason}
                </p>
              )
            )}
            {e.funding && (
              <p>
                <strong>{t('ideas.timeline.funding')}:</strong> {e.funding}
              </p>
            )}
            {e.alternativeRoute && (
              <p>
                <strong>{t('ideas.timeline.alternative')}:</strong> {t(`ideas.alternativeRoute.${e.alternativeRoute}`)}
                {e.alternativeDetails ? ` — ${e.alternativeDetails}` : ''}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
