import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlanResult, RoundDetail, RoundResults } from '@contracts/budgeting';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { budgetingKeys, resultsQuery } from '@/layers/budgeting/query';
import { SaveError, StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { errorMessage, formatEuros } from '@/ui/format';
import { formatDateTime } from '@/ui/helsinki-time';
import { localName } from './names';

/** The server's skip reasons in the reader's language; anything else as the server wrote it. */
export function skipReason(reason: string, t: TFunction): string {
  if (reason === 'no votes') return t('budgeting.results.noVotes');
  const m = /^costs (.+) but only (.+) of the pot remain$/.exec(reason);
  return m ? t('budgeting.results.doesNotFit', { cost: m[1], left: m[2] }) : reason;
}

/** After voting: per pot, the funded and the skipped plans with why; officials compute and publish them. */
export function ResultsSection({ round }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAccount();
  const queryClient = useQueryClient();
  const results = useQuery(resultsQuery(round.id));
  const status = useStatusMessage();
  const publish = useMutation({
    mutationFn: () => sendJson<RoundResults>('POST', `/api/budgeting/rounds/${round.id}/results`),
    onSuccess: (r) => {
      queryClient.setQueryData(budgetingKeys.results(round.id), r);
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.planFeatures(round.id) });
      status.announce(t('budgeting.results.published'));
    },
  });
  const official = hasRole('official') || hasRole('admin');
  const eur = (n: number) => formatEuros(n, i18n.language);
  return (
    <section className="budgeting-section" aria-labelledby="budgeting-results-heading" data-testid="budgeting-results">
      <h3 id="budgeting-results-heading">{t('budgeting.results.heading')}</h3>
      {results.error && <p className="form-error">{errorMessage(results.error)}</p>}
      {results.data === null && <p className="panel-help">{t('budgeting.results.notYet')}</p>}
      {official && results.data !== undefined && (
        <>
          <Button
            size={ButtonSize.Small}
            variant={ButtonVariant.Primary}
            onClick={() => publish.mutate()}
            disabled={publish.isPending}
          >
            {results.data ? t('budgeting.results.recompute') : t('budgeting.results.compute')}
          </Button>
          <SaveError error={publish.error} />
        </>
      )}
      <StatusMessage status={status} testId="budgeting-results-status" />
      {results.data && (
        <>
          <p className="panel-help">
            {t('budgeting.results.computedAt', { at: formatDateTime(results.data.computedAt, i18n.language) })}{' '}
            {t('budgeting.results.rule')}
          </p>
          {results.data.pots
            .filter((p) => p.plans.length > 0)
            .map((pr) => {
              const pot = round.pots.find((x) => x.id === pr.potId);
              return (
                <div key={pr.potId} className="budgeting-pot-result" data-pot-id={pr.potId}>
                  <h4>{pot ? localName(pot, i18n.language) : pr.potId}</h4>
                  <p>
                    {t('budgeting.results.potSummary', {
                      funded: eur(pr.fundedEur),
                      amount: eur(pr.amountEur),
                      remaining: eur(pr.remainingEur),
                      count: pr.ballots,
                    })}
                  </p>
                  <ol className="budgeting-result-plans">
                    {pr.plans.map((p) => (
                      <ResultRow key={p.planId} plan={p} />
                    ))}
                  </ol>
                </div>
              );
            })}
        </>
      )}
    </section>
  );
}

function ResultRow({ plan }: { plan: PlanResult }) {
  const { t, i18n } = useTranslation();
  return (
    <li data-plan-id={plan.planId} data-funded={plan.funded}>
      <strong>{plan.title}</strong> — {t('budgeting.results.votes', { count: plan.votes })},{' '}
      {formatEuros(plan.costEur, i18n.language)}:{' '}
      {plan.funded ? (
        <span className="budgeting-funded">{t('budgeting.results.funded')}</span>
      ) : (
        <span className="budgeting-skipped">{t('budgeting.results.skipped', { reason: skipReason(plan.reason ?? '', t) })}</span>
      )}
    </li>
  );
}
