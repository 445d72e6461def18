import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, TextArea, TextInput } from 'hds-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEASIBILITIES, PlanPatchBody, type Feasibility, type Plan } from '@contracts/budgeting';
import { ALTERNATIVE_ROUTES, type AlternativeRoute } from '@contracts/ideas';
import { sendJson } from '@/api/http';
import { budgetingKeys } from '@/layers/budgeting/query';
import { SaveError, StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { NativeSelect } from '@/ui/NativeSelect';
import { useFormErrors } from '@/ui/use-form-errors';

/** Co-creation and review, for officials: a plan's cost estimate and feasibility, with a public reason when it is infeasible. */
export function PlanReviewForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = `budgeting-plan-${plan.id}`;
  const targets = useMemo(
    () => ({
      costEur: `#${prefix}-cost`,
      feasibility: `#${prefix}-feasibility`,
      reason: `#${prefix}-reason`,
      alternativeRoute: `#${prefix}-route`,
      form: `#${prefix}-cost`,
    }),
    [prefix],
  );
  const form = useFormErrors(targets);
  const status = useStatusMessage();
  const [cost, setCost] = useState(plan.costEur == null ? '' : String(plan.costEur));
  const [feasibility, setFeasibility] = useState<Feasibility>(plan.feasibility);
  const [reason, setReason] = useState(plan.reason ?? '');
  const [route, setRoute] = useState<AlternativeRoute | ''>((plan.alternativeRoute as AlternativeRoute | null) ?? '');
  const [details, setDetails] = useState(plan.alternativeDetails ?? '');
  const save = useMutation({
    mutationFn: (body: PlanPatchBody) => sendJson<Plan>('PATCH', `/api/budgeting/plans/${plan.id}`, body),
    onSuccess: (saved) => {
      form.reset();
      status.announce(t('budgeting.review.saved', { title: saved.title }));
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.plans(saved.roundId) });
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.planFeatures(saved.roundId) });
    },
    onError: (err) => form.fromServer(err),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const infeasible = feasibility === 'infeasible';
    const body = {
      ...(cost.trim() ? { costEur: Number(cost.replace(/\s/g, '')) } : {}),
      feasibility,
      ...(infeasible && reason.trim() ? { reason: reason.trim() } : {}),
      ...(infeasible && route ? { alternativeRoute: route } : {}),
      ...(infeasible && details.trim() ? { alternativeDetails: details.trim() } : {}),
    };
    if (form.check(PlanPatchBody, body, { say: { costEur: t('budgeting.review.errors.cost') } }))
      save.mutate(body as PlanPatchBody);
  }
  return (
    <form
      className="budgeting-form budgeting-review"
      onSubmit={submit}
      noValidate
      aria-label={t('budgeting.review.label', { title: plan.title })}
    >
      <TextInput
        id={`${prefix}-cost`}
        label={t('budgeting.review.cost')}
        inputMode="numeric"
        value={cost}
        onChange={(e) => setCost(e.target.value)}
        invalid={!!form.errors.costEur}
        errorText={form.errors.costEur}
      />
      <NativeSelect
        id={`${prefix}-feasibility`}
        label={t('budgeting.review.feasibility')}
        value={feasibility}
        options={FEASIBILITIES.map((f) => ({ value: f, label: t(`budgeting.feasibility.${f}`) }))}
        onChange={setFeasibility}
        error={form.errors.feasibility}
      />
      {feasibility === 'infeasible' && (
        <>
          <TextArea
            id={`${prefix}-reason`}
            label={t('budgeting.review.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            invalid={!!form.errors.reason}
            errorText={form.errors.reason}
          />
          <NativeSelect
            id={`${prefix}-route`}
            label={t('budgeting.review.route')}
            value={route}
            placeholder={t('budgeting.review.chooseRoute')}
            options={ALTERNATIVE_ROUTES.map((r) => ({ value: r, label: t(`ideas.alternativeRoute.${r}`) }))}
            onChange={setRoute}
            error={form.errors.alternativeRoute}
          />
          <TextArea
            id={`${prefix}-details`}
            label={t('budgeting.review.details')}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
          />
        </>
      )}
      <SaveError error={save.error} />
      <Button type="submit" size={ButtonSize.Small} disabled={save.isPending}>
        {t('budgeting.review.save')}
      </Button>
      <StatusMessage status={status} testId={`${prefix}-status`} />
    </form>
  );
}
