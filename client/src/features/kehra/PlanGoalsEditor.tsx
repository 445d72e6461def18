import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea } from 'hds-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KehraPlan, PlanGoal, PlanGoalsBody } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { themeName } from '@/ui/format';
import { themesQuery } from '@/layers/ideas/query';
import { FormActions } from '@/ui/FormActions';
import { NativeSelect } from '@/ui/NativeSelect';
import { SaveError, StatusMessage, useFocusAfterRender, useFocusOnMount, useOpener, useStatusMessage } from '@/ui/Feedback';
import { usePlanMutation } from './use-plan-mutation';
import { useThemeName } from './use-theme-name';
import './group-editing.css';

/** The plan's goals, one per theme, as everyone reads them. */
export function GoalList({ goals }: { goals: PlanGoal[] }) {
  const { t } = useTranslation();
  const theme = useThemeName();
  if (goals.length === 0) return <p className="panel-help">{t('kehra.plan.noGoals')}</p>;
  return (
    <dl className="kehra-goals" data-testid="plan-goals">
      {goals.map((goal) => (
        <div key={goal.theme}>
          <dt>{theme(goal.theme)}</dt>
          <dd>{goal.goal}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Members see the goals and open them for editing; the whole list is saved at once (PUT). */
export function PlanGoalsEditor({ groupId, goals }: { groupId: number; goals: PlanGoal[] }) {
  const { t } = useTranslation();
  const { open, opener, show, close } = useOpener();
  const status = useStatusMessage();
  return (
    <div className="kehra-goals-editor">
      <StatusMessage status={status} testId="goals-status" />
      {open ? (
        <GoalsForm
          groupId={groupId}
          goals={goals}
          onClose={(saved) => {
            close(saved);
            if (saved) status.announce(t('kehra.goals.saved'));
          }}
        />
      ) : (
        <>
          <GoalList goals={goals} />
          <Button
            ref={opener}
            type="button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            onClick={() => (status.announce(null), show())}
          >
            {t('kehra.goals.edit')}
          </Button>
        </>
      )}
    </div>
  );
}

/** A row being edited; `key` stays with the row while its theme changes. */
interface Row extends PlanGoal {
  key: number;
}

function GoalsForm({ groupId, goals, onClose }: { groupId: number; goals: PlanGoal[]; onClose: (saved: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const themes = useQuery(themesQuery());
  const nextKey = useRef(goals.length);
  const [rows, setRows] = useState<Row[]>(() => goals.map((g, i) => ({ ...g, key: i })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const box = useRef<HTMLFormElement>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const focusAfter = useFocusAfterRender();
  const save = usePlanMutation(
    groupId,
    (body: PlanGoalsBody) => sendJson<KehraPlan>('PUT', `/api/kehra/groups/${groupId}/plan/goals`, body),
    () => onClose(true),
  );
  const idp = 'kehra-goal';
  const themeOptions = (themes.data ?? []).map((th) => ({ value: th.slug, label: themeName(th, i18n.language) }));
  const update = (key: number, change: Partial<PlanGoal>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));

  function addRow() {
    const key = nextKey.current++;
    // Offer the first theme without a goal yet.
    const free = themes.data?.find((th) => !rows.some((r) => r.theme === th.slug))?.slug ?? '';
    setRows((rs) => [...rs, { key, theme: free, goal: '' }]);
    focusAfter(() => document.getElementById(`${idp}-${key}-theme`));
  }

  function removeRow(key: number) {
    const at = rows.findIndex((r) => r.key === key);
    setRows((rs) => rs.filter((r) => r.key !== key));
    // The next row's remove button, or "add a goal" when none is left.
    focusAfter(() => {
      const buttons = box.current?.querySelectorAll<HTMLButtonElement>('[data-goal-remove]');
      return buttons?.[Math.min(at, buttons.length - 1)] ?? box.current?.querySelector<HTMLButtonElement>('[data-goal-add]');
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    const seen = new Set<string>();
    for (const r of rows) {
      if (!r.theme) next[`${r.key}-theme`] = t('kehra.goals.themeRequired');
      else if (seen.has(r.theme)) next[`${r.key}-theme`] = t('kehra.goals.themeRepeated');
      seen.add(r.theme);
      if (!r.goal.trim()) next[`${r.key}-goal`] = t('kehra.goals.goalRequired');
    }
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) return document.getElementById(`${idp}-${first}`)?.focus();
    save.mutate({ goals: rows.map((r) => ({ theme: r.theme, goal: r.goal.trim() })) });
  }

  return (
    <form
      className="idea-form"
      ref={box}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${idp}s-heading`}
      data-testid="goals-form"
    >
      <h4 id={`${idp}s-heading`} className="kehra-subheading" ref={heading} tabIndex={-1}>
        {t('kehra.goals.heading')}
      </h4>
      <p className="panel-help">{t('kehra.goals.help')}</p>
      <SaveError error={save.error} />
      {rows.length === 0 && <p className="panel-help">{t('kehra.plan.noGoals')}</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="idea-place kehra-goal-row">
          <legend>{t('kehra.goals.legend', { n: i + 1 })}</legend>
          <NativeSelect
            id={`${idp}-${r.key}-theme`}
            label={t('kehra.goals.theme')}
            value={r.theme}
            placeholder={t('kehra.goals.chooseTheme')}
            options={themeOptions}
            onChange={(theme) => update(r.key, { theme })}
            error={errors[`${r.key}-theme`]}
          />
          <TextArea
            id={`${idp}-${r.key}-goal`}
            label={t('kehra.goals.goal')}
            value={r.goal}
            onChange={(e) => update(r.key, { goal: e.target.value })}
            {...errorProps(errors[`${r.key}-goal`])}
          />
          <Button
            type="button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            data-goal-remove
            aria-label={t('kehra.goals.removeLabel', { n: i + 1 })}
            onClick={() => removeRow(r.key)}
          >
            {t('kehra.goals.remove')}
          </Button>
        </fieldset>
      ))}
      <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} data-goal-add onClick={addRow}>
        {t('kehra.goals.add')}
      </Button>
      <FormActions submitLabel={t('kehra.goals.save')} pending={save.isPending} onCancel={() => onClose(false)} />
    </form>
  );
}
