import { useTranslation } from 'react-i18next';
import type { IdeaStageEvent } from '@contracts/ideas';
import { formatDateTime } from '@/ui/format';
import { StageBadge } from './StageBadge';

/** Every stage change in the open: who, when, why, funding, and the alternative route. */
export function IdeaTimeline({ events }: { events: IdeaStageEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="idea-section" aria-labelledby="idea-timeline-heading">
      <h3 id="idea-timeline-heading">{t('ideas.timeline.heading')}</h3>
      <ol className="idea-timeline" data-testid="idea-timeline">
        {events.map((e) => (
          <li key={e.id} data-stage={e.to}>
            <div className="idea-timeline-head">
              <StageBadge stage={e.to} />
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            </div>
            <p className="idea-timeline-by">
              {e.from == null
                ? t('ideas.timeline.submittedBy', { name: e.by ?? t('ideas.timeline.visitor') })
                : t('ideas.timeline.movedBy', { name: e.by ?? '—' })}
            </p>
            {e.reason && (
              <p>
                <strong>{t('ideas.timeline.reason')}:</strong> {e.reason}
              </p>
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
