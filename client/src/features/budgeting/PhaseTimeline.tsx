import { useTranslation } from 'react-i18next';
import { PHASES, type RoundSummary } from '@contracts/budgeting';
import { formatDate } from '@/ui/helsinki-time';

/** The six phases in order with their start dates; the current one is marked, for screen readers too. */
export function PhaseTimeline({ round }: { round: RoundSummary }) {
  const { t, i18n } = useTranslation();
  const current = PHASES.indexOf(round.phase as (typeof PHASES)[number]);
  return (
    <ol className="budgeting-timeline" aria-label={t('budgeting.round.phases')} data-testid="budgeting-timeline">
      {PHASES.map((p, i) => (
        <li
          key={p}
          data-phase={p}
          aria-current={i === current ? 'step' : undefined}
          className={i === current ? 'is-current' : i < current ? 'is-past' : undefined}
        >
          <span className="budgeting-timeline-name">{t(`budgeting.phase.${p}`)}</span>{' '}
          <span className="budgeting-meta">
            {t('budgeting.round.from', { date: formatDate(round.phases[p], i18n.language) })}
          </span>
          {i === current && <span className="budgeting-now"> {t('budgeting.round.now')}</span>}
        </li>
      ))}
    </ol>
  );
}
