import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Plan, RoundDetail } from '@contracts/budgeting';
import { useAccount } from '@/features/account';
import { plansQuery, resultsQuery } from '@/layers/budgeting/query';
import { errorMessage, formatEuros } from '@/ui/format';
import { localName } from './names';
import { PlanImplementation } from './PlanImplementation';
import { PlanReviewForm } from './PlanReviewForm';

/** The round's plans: the list alternative to the map, and for officials the place to review them. */
export function PlanList({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const { hasRole } = useAccount();
  const plans = useQuery(plansQuery(round.id));
  const reviewing = (hasRole('official') || hasRole('admin')) && ['co_creation', 'feasibility_review'].includes(round.phase);
  // Once the results are out, the funded plans show (and officials carry out) their implementation.
  const after = round.phase === 'results' || round.phase === 'implementation';
  const results = useQuery({ ...resultsQuery(round.id), enabled: after });
  const funded = new Set(results.data?.pots.flatMap((p) => p.plans.filter((x) => x.funded).map((x) => x.planId)) ?? []);
  return (
    <section className="budgeting-section" aria-labelledby="budgeting-plans-heading">
      <h3 id="budgeting-plans-heading">{t('budgeting.plans.heading')}</h3>
      <p className="panel-help">{t('budgeting.plans.listAlternative')}</p>
      {plans.error && <p className="form-error">{errorMessage(plans.error)}</p>}
      {plans.data?.length === 0 && <p className="panel-help">{t('budgeting.plans.none')}</p>}
      {!!plans.data?.length && (
        <ul className="budgeting-plans" data-testid="budgeting-plans">
          {plans.data.map((p) => (
            <li key={p.id} data-plan-id={p.id}>
              <PlanFacts plan={p} round={round} />
              {reviewing && <PlanReviewForm plan={p} />}
              {after && (funded.has(p.id) || p.activityId != null) && <PlanImplementation plan={p} />}
            </li>
          ))}
        </ul>
      )}
      <p className="kehra-export">
        {t('budgeting.plans.export')}{' '}
        <a href={`/api/budgeting/plans.geojson?round=${round.id}`} download="budgeting-plans.geojson">
          GeoJSON
        </a>
        {' · '}
        <a href={`/api/budgeting/plans.csv?round=${round.id}`} download="budgeting-plans.csv">
          CSV
        </a>
      </p>
    </section>
  );
}

function PlanFacts({ plan, round }: { plan: Plan; round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const pot = round.pots.find((x) => x.id === plan.potId);
  return (
    <>
      <h4 className="budgeting-plan-title">{plan.title}</h4>
      {plan.description && <p>{plan.description}</p>}
      <dl className="kk-facts">
        <div>
          <dt>{t('budgeting.plans.pot')}</dt>
          <dd>{pot ? localName(pot, i18n.language) : plan.potId}</dd>
        </div>
        <div>
          <dt>{t('budgeting.plans.cost')}</dt>
          <dd>{plan.costEur == null ? t('budgeting.plans.noCost') : formatEuros(plan.costEur, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('budgeting.plans.feasibility')}</dt>
          <dd data-feasibility={plan.feasibility}>{t(`budgeting.feasibility.${plan.feasibility}`)}</dd>
        </div>
        {plan.reason && (
          <div>
            <dt>{t('budgeting.plans.reason')}</dt>
            <dd>{plan.reason}</dd>
          </div>
        )}
        {plan.alternativeRoute && (
          <div>
            <dt>{t('budgeting.plans.alternative')}</dt>
            <dd>
              {t(`ideas.alternativeRoute.${plan.alternativeRoute}`)}
              {plan.alternativeDetails ? ` — ${plan.alternativeDetails}` : ''}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('budgeting.plans.ideas')}</dt>
          <dd>
            {plan.ideas.map((idea, i) => (
              <span key={idea.id}>
                {i > 0 && ', '}
                <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
              </span>
            ))}
          </dd>
        </div>
      </dl>
    </>
  );
}
