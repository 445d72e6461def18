import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { RoundDetail } from '@contracts/budgeting';
import { ApiError } from '@/api/http';
import { useAccount } from '@/features/account';
import { formatPerResident } from '@/layers/budgeting/pots';
import { roundQuery } from '@/layers/budgeting/query';
import { useRouteId } from '@/state/route-id';
import { errorMessage, formatEuros } from '@/ui/format';
import { usePageTitle } from '@/ui/use-page-title';
import { BallotSection } from './BallotSection';
import { MergePlanForm } from './MergePlanForm';
import { localName } from './names';
import { PhaseBadge } from './PhaseBadge';
import { PhaseTimeline } from './PhaseTimeline';
import { PlanList } from './PlanList';
import { ProposalsSection } from './ProposalsSection';
import { ResultsSection } from './ResultsSection';
import './budgeting.css';

/** /budgeting/rounds/:id — a round: what it is for, its phases and pots, its plans (the map's list twin), and what the phase allows. */
export function RoundPage() {
  const { t, i18n } = useTranslation();
  const id = useRouteId();
  const round = useQuery({ ...roundQuery(id ?? 0), enabled: id != null });
  usePageTitle(round.data ? localName(round.data, i18n.language) : t('budgeting.pageTitle'));
  if (id == null || (round.error instanceof ApiError && round.error.status === 404)) {
    return (
      <Notification type="alert" label={t('budgeting.round.notFound')}>
        <Link to="/budgeting">{t('budgeting.back')}</Link>
      </Notification>
    );
  }
  if (round.error) {
    return (
      <Notification type="error" label={t('budgeting.round.loadError')}>
        {errorMessage(round.error)}
      </Notification>
    );
  }
  if (!round.data) return <LoadingSpinner small loadingText={t('budgeting.loading')} />;
  return <RoundView round={round.data} />;
}

function RoundView({ round }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const { hasRole } = useAccount();
  const official = hasRole('official') || hasRole('admin');
  const eur = (n: number) => formatEuros(n, i18n.language);
  const pots = [...round.pots].sort((a, b) =>
    localName(a, i18n.language).localeCompare(localName(b, i18n.language), i18n.language),
  );
  return (
    <article className="panel budgeting-round" aria-labelledby="budgeting-round-title" data-round-id={round.id}>
      <p>
        <Link to={{ pathname: '/budgeting', search }}>{t('budgeting.back')}</Link>
      </p>
      <h2 id="budgeting-round-title" className="panel-heading">
        {localName(round, i18n.language)}
      </h2>
      <p>
        <PhaseBadge phase={round.phase} />
      </p>
      <dl className="kk-facts">
        <div>
          <dt>{t('budgeting.round.purpose')}</dt>
          <dd>{t(`budgeting.purpose.${round.purpose}`)}</dd>
        </div>
        <div>
          <dt>{t('budgeting.round.allocation')}</dt>
          <dd>{t(`budgeting.allocation.${round.allocation}`)}</dd>
        </div>
        <div>
          <dt>{t('budgeting.round.totalLabel')}</dt>
          <dd>{eur(round.totalEur)}</dd>
        </div>
        <div>
          <dt>{t('budgeting.round.ballot')}</dt>
          <dd>
            {round.ballot.type === 'knapsack'
              ? t('budgeting.ballotType.knapsack')
              : t('budgeting.ballotType.approval', { count: round.ballot.maxChoices })}
          </dd>
        </div>
        <div>
          <dt>{t('budgeting.round.eligibility')}</dt>
          <dd>{t('budgeting.round.minAge', { age: round.eligibility.minAge })}</dd>
        </div>
      </dl>

      <section className="budgeting-section" aria-labelledby="budgeting-phases-heading">
        <h3 id="budgeting-phases-heading">{t('budgeting.round.phases')}</h3>
        <PhaseTimeline round={round} />
      </section>

      <section className="budgeting-section" aria-labelledby="budgeting-pots-heading">
        <h3 id="budgeting-pots-heading">{t('budgeting.round.pots', { count: round.pots.length })}</h3>
        <ul className="budgeting-pots" data-testid="budgeting-pots">
          {pots.map((p) => (
            <li key={p.id}>
              {localName(p, i18n.language)}: <strong>{eur(p.amountEur)}</strong>
              {p.eurPerResident != null && (
                <span className="budgeting-meta" data-testid="pot-per-resident">
                  {' '}
                  ({formatPerResident(p.eurPerResident, i18n.language, t('budgeting.perResident'))})
                </span>
              )}
              {p.sharePercent != null && p.lineAmountEur != null && (
                <span className="budgeting-meta">
                  {' '}
                  {t('budgeting.round.share', { percent: p.sharePercent, amount: eur(p.lineAmountEur) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <ProposalsSection round={round} />
      {official && round.phase === 'co_creation' && <MergePlanForm round={round} />}
      <PlanList round={round} />
      {round.phase === 'voting' && <BallotSection round={round} />}
      {(round.phase === 'results' || round.phase === 'implementation') && <ResultsSection round={round} />}
    </article>
  );
}
