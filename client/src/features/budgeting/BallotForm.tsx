import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Checkbox, LoadingSpinner } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BallotBody, formatEur, type BallotReceipt, type Plan, type Pot, type RoundDetail } from '@contracts/budgeting';
import { sendJson } from '@/api/http';
import { budgetingKeys, ownBallotQuery } from '@/layers/budgeting/query';
import { SaveError, StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { errorMessage } from '@/ui/format';
import { localName } from './names';

export interface Declared {
  age: number | null;
  residenceAreaId: number | null;
}

interface BallotFormProps {
  round: RoundDetail;
  pot: Pot;
  plans: Plan[];
  declared: Declared;
  userId: number;
}

/** One pot's ballot; it starts from the voter's saved ballot, which they may change until voting closes. */
export function BallotForm(props: BallotFormProps) {
  const { t } = useTranslation();
  const own = useQuery(ownBallotQuery(props.round.id, props.pot.id, props.userId));
  if (own.isPending) return <LoadingSpinner small loadingText={t('budgeting.loading')} />;
  if (own.error) return <p className="form-error">{errorMessage(own.error)}</p>;
  return <BallotChoices {...props} saved={own.data?.planIds ?? null} />;
}

function BallotChoices({ round, pot, plans, declared, userId, saved }: BallotFormProps & { saved: number[] | null }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<number[]>(saved ?? []);
  const [refusal, setRefusal] = useState<string | null>(null);
  const status = useStatusMessage();
  const prefix = `budgeting-ballot-${pot.id}`;
  const total = plans.filter((p) => chosen.includes(p.id)).reduce((x, p) => x + (p.costEur ?? 0), 0);
  const cast = useMutation({
    mutationFn: (body: BallotBody) =>
      sendJson<BallotReceipt>('PUT', `/api/budgeting/rounds/${round.id}/pots/${pot.id}/ballot`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: budgetingKeys.ownBallot(round.id, pot.id, userId) });
      status.announce(t('budgeting.ballot.saved'));
    },
  });

  function toggle(plan: Plan, on: boolean) {
    if (!on) {
      setRefusal(null);
      return setChosen(chosen.filter((x) => x !== plan.id));
    }
    // The same rules as the server's, refused before sending, in the same words.
    if (round.ballot.type === 'knapsack' && total + (plan.costEur ?? 0) > pot.amountEur) {
      return setRefusal(
        t('budgeting.ballot.overBudget', { total: formatEur(total + (plan.costEur ?? 0)), pot: formatEur(pot.amountEur) }),
      );
    }
    if (round.ballot.type === 'approval' && chosen.length >= round.ballot.maxChoices) {
      return setRefusal(t('budgeting.ballot.tooMany', { count: round.ballot.maxChoices }));
    }
    setRefusal(null);
    setChosen([...chosen, plan.id]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { planIds: chosen, declaration: declared };
    if (declared.age == null || !Number.isInteger(declared.age)) return setRefusal(t('budgeting.ballot.errors.age'));
    if (!chosen.length) return setRefusal(t('budgeting.ballot.errors.choose'));
    if (!BallotBody.safeParse(body).success) return setRefusal(t('budgeting.ballot.errors.declaration'));
    setRefusal(null);
    cast.mutate(body as BallotBody);
  }

  const savedTitles = plans.filter((p) => saved?.includes(p.id)).map((p) => p.title);
  return (
    <form
      className="budgeting-form budgeting-ballot"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${prefix}-heading`}
      data-pot-id={pot.id}
    >
      <h4 id={`${prefix}-heading`}>{t('budgeting.ballot.potHeading', { pot: localName(pot, i18n.language) })}</h4>
      {saved && (
        <p className="budgeting-saved" data-testid={`${prefix}-saved`}>
          {t('budgeting.ballot.savedChoices', { plans: savedTitles.join(', ') })}
        </p>
      )}
      <p className="panel-help">
        {round.ballot.type === 'knapsack'
          ? t('budgeting.ballot.knapsackHelp', { pot: formatEur(pot.amountEur) })
          : t('budgeting.ballot.approvalHelp', { count: round.ballot.maxChoices })}
      </p>
      <fieldset>
        <legend>{t('budgeting.ballot.plans')}</legend>
        {plans.map((p) => (
          <Checkbox
            key={p.id}
            id={`${prefix}-plan-${p.id}`}
            label={`${p.title} — ${formatEur(p.costEur ?? 0)}`}
            checked={chosen.includes(p.id)}
            onChange={(e) => toggle(p, e.target.checked)}
          />
        ))}
      </fieldset>
      {round.ballot.type === 'knapsack' ? (
        <p className="budgeting-total" aria-live="polite" data-testid={`${prefix}-total`}>
          {t('budgeting.ballot.runningTotal', { total: formatEur(total), pot: formatEur(pot.amountEur) })}
        </p>
      ) : (
        <p className="budgeting-total" aria-live="polite" data-testid={`${prefix}-total`}>
          {t('budgeting.ballot.chosenCount', { chosen: chosen.length, count: round.ballot.maxChoices })}
        </p>
      )}
      <p className="form-error" role="alert" data-testid={`${prefix}-refusal`}>
        {refusal}
      </p>
      <SaveError error={cast.error} testId={`${prefix}-error`} />
      <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Primary} disabled={cast.isPending}>
        {saved ? t('budgeting.ballot.change') : t('budgeting.ballot.submit')}
      </Button>
      <StatusMessage status={status} testId={`${prefix}-status`} />
    </form>
  );
}
