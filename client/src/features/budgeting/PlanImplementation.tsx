import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Checkbox, TextInput } from 'hds-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivityMilestone } from '@contracts/activities';
import { ImplementationBody, MilestoneBody, type Plan } from '@contracts/budgeting';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { departmentsQuery } from '@/layers/activities/query';
import { budgetingKeys } from '@/layers/budgeting/query';
import { SaveError, StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { formatDate } from '@/ui/helsinki-time';
import { NativeSelect } from '@/ui/NativeSelect';
import { useFormErrors } from '@/ui/use-form-errors';
import { localName, milestoneTitle } from './names';

/**
 * A funded plan's implementation: whether it has started, the activity it became (on the map) and
 * its milestones, for everyone; officials start it and keep its milestones.
 */
export function PlanImplementation({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAccount();
  const official = hasRole('official') || hasRole('admin');
  const headingId = `budgeting-plan-${plan.id}-implementation`;
  return (
    <section className="budgeting-implementation" aria-labelledby={headingId} data-testid="budgeting-implementation">
      <h5 id={headingId}>{t('budgeting.implementation.heading')}</h5>
      {plan.activityId == null ? (
        <p data-implementation="not_started">{t('budgeting.implementation.notStarted')}</p>
      ) : (
        <p data-implementation="started">
          {t('budgeting.implementation.started')}{' '}
          <Link to={`/activities/${plan.activityId}`}>{t('budgeting.implementation.activity')}</Link>
        </p>
      )}
      {plan.milestones.length > 0 && (
        <ol className="budgeting-milestones" aria-label={t('budgeting.implementation.milestones')}>
          {plan.milestones.map((m) => (
            <li key={m.id} data-milestone-id={m.id} data-done={m.done}>
              <strong>{milestoneTitle(m, i18n.language)}</strong> —{' '}
              <time dateTime={m.date}>{formatDate(m.date, i18n.language)}</time>
              {': '}
              <span className={m.done ? 'budgeting-funded' : undefined}>
                {m.done ? t('budgeting.implementation.done') : t('budgeting.implementation.planned')}
              </span>
              {official && !m.done && <MarkDone plan={plan} milestone={m} />}
            </li>
          ))}
        </ol>
      )}
      {official && (plan.activityId == null ? <StartForm plan={plan} /> : <MilestoneForm plan={plan} />)}
    </section>
  );
}

/** After a write: the plans (with their milestones) and the map's features read again. */
function useRefreshPlans(roundId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: budgetingKeys.plans(roundId) });
    void queryClient.invalidateQueries({ queryKey: budgetingKeys.planFeatures(roundId) });
  };
}

function StartForm({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const { departments: own, hasRole } = useAccount();
  const departments = useQuery(departmentsQuery());
  const refresh = useRefreshPlans(plan.roundId);
  const prefix = `budgeting-plan-${plan.id}-start`;
  const targets = useMemo(() => ({ department: `#${prefix}-department`, form: `#${prefix}-submit` }), [prefix]);
  const form = useFormErrors(targets);
  const status = useStatusMessage();
  // An official starts it for their own department; an admin for any.
  const choices = (departments.data ?? []).filter((d) => hasRole('admin') || own.some((o) => o.slug === d.slug));
  const [department, setDepartment] = useState(plan.department ?? '');
  const start = useMutation({
    mutationFn: (body: ImplementationBody) => sendJson<Plan>('POST', `/api/budgeting/plans/${plan.id}/implementation`, body),
    onSuccess: () => {
      form.reset();
      status.announce(t('budgeting.implementation.startedNow', { title: plan.title }));
      refresh();
    },
    onError: (err) => form.fromServer(err),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = department ? { department } : {};
    if (form.check(ImplementationBody, body)) start.mutate(body);
  }
  return (
    <form
      className="budgeting-form"
      onSubmit={submit}
      noValidate
      aria-label={t('budgeting.implementation.startLabel', { title: plan.title })}
    >
      <NativeSelect
        id={`${prefix}-department`}
        label={t('budgeting.implementation.department')}
        value={department}
        placeholder={t('budgeting.implementation.chooseDepartment')}
        options={choices.map((d) => ({ value: d.slug, label: localName(d, i18n.language) }))}
        onChange={(v) => {
          form.clear('department');
          setDepartment(v);
        }}
        error={form.errors.department}
      />
      {/* A refusal naming a field shows at that field; any other as a notification. */}
      <SaveError error={form.errors.department ? null : start.error} />
      <Button
        id={`${prefix}-submit`}
        type="submit"
        size={ButtonSize.Small}
        variant={ButtonVariant.Primary}
        disabled={start.isPending}
      >
        {t('budgeting.implementation.start')}
      </Button>
      <StatusMessage status={status} testId={`${prefix}-status`} />
    </form>
  );
}

function MilestoneForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const refresh = useRefreshPlans(plan.roundId);
  const prefix = `budgeting-plan-${plan.id}-milestone`;
  const targets = useMemo(
    () => ({
      titleFi: `#${prefix}-title-fi`,
      titleSv: `#${prefix}-title-sv`,
      titleEn: `#${prefix}-title-en`,
      date: `#${prefix}-date`,
      form: `#${prefix}-title-fi`,
    }),
    [prefix],
  );
  const form = useFormErrors(targets);
  const status = useStatusMessage();
  const [titleFi, setTitleFi] = useState('');
  const [titleSv, setTitleSv] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [date, setDate] = useState('');
  const [done, setDone] = useState(false);
  const add = useMutation({
    mutationFn: (body: MilestoneBody) => sendJson<ActivityMilestone>('POST', `/api/budgeting/plans/${plan.id}/milestones`, body),
    onSuccess: (m) => {
      setTitleFi('');
      setTitleSv('');
      setTitleEn('');
      setDate('');
      setDone(false);
      form.reset();
      status.announce(t('budgeting.implementation.added', { title: m.titleFi }));
      refresh();
    },
    onError: (err) => form.fromServer(err),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      titleFi: titleFi.trim(),
      ...(titleSv.trim() ? { titleSv: titleSv.trim() } : {}),
      ...(titleEn.trim() ? { titleEn: titleEn.trim() } : {}),
      date,
      done,
    };
    if (form.check(MilestoneBody, body, { say: { date: t('budgeting.implementation.errors.date') } }))
      add.mutate(body as MilestoneBody);
  }
  return (
    <form
      className="budgeting-form"
      onSubmit={submit}
      noValidate
      aria-label={t('budgeting.implementation.addLabel', { title: plan.title })}
    >
      <TextInput
        id={`${prefix}-title-fi`}
        label={t('budgeting.implementation.titleFi')}
        required
        value={titleFi}
        onChange={(e) => setTitleFi(e.target.value)}
        invalid={!!form.errors.titleFi}
        errorText={form.errors.titleFi}
      />
      <TextInput
        id={`${prefix}-title-sv`}
        label={t('budgeting.implementation.titleSv')}
        value={titleSv}
        onChange={(e) => setTitleSv(e.target.value)}
        invalid={!!form.errors.titleSv}
        errorText={form.errors.titleSv}
      />
      <TextInput
        id={`${prefix}-title-en`}
        label={t('budgeting.implementation.titleEn')}
        value={titleEn}
        onChange={(e) => setTitleEn(e.target.value)}
        invalid={!!form.errors.titleEn}
        errorText={form.errors.titleEn}
      />
      <div className="kk-field">
        <label htmlFor={`${prefix}-date`}>{t('budgeting.implementation.date')}</label>
        <input
          id={`${prefix}-date`}
          type="date"
          value={date}
          aria-invalid={!!form.errors.date}
          aria-describedby={form.errors.date ? `${prefix}-date-error` : undefined}
          onChange={(e) => setDate(e.target.value)}
        />
        {form.errors.date && (
          <p id={`${prefix}-date-error`} className="form-error">
            {form.errors.date}
          </p>
        )}
      </div>
      <Checkbox
        id={`${prefix}-done`}
        label={t('budgeting.implementation.doneAlready')}
        checked={done}
        onChange={(e) => setDone(e.target.checked)}
      />
      <SaveError error={Object.keys(form.errors).length ? null : add.error} />
      <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Primary} disabled={add.isPending}>
        {t('budgeting.implementation.add')}
      </Button>
      <StatusMessage status={status} testId={`${prefix}-status`} />
    </form>
  );
}

function MarkDone({ plan, milestone }: { plan: Plan; milestone: ActivityMilestone }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshPlans(plan.roundId);
  const mark = useMutation({
    mutationFn: () =>
      sendJson<ActivityMilestone>('PATCH', `/api/budgeting/plans/${plan.id}/milestones/${milestone.id}`, { done: true }),
    onSuccess: refresh,
  });
  return (
    <>
      {' '}
      <Button
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        onClick={() => mark.mutate()}
        disabled={mark.isPending}
        aria-label={t('budgeting.implementation.markDoneLabel', { title: milestoneTitle(milestone, i18n.language) })}
      >
        {t('budgeting.implementation.markDone')}
      </Button>
      <SaveError error={mark.error} />
    </>
  );
}
