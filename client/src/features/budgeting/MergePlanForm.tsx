import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Checkbox, SelectionGroup, TextArea, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PlanBody, type Plan, type RoundDetail } from '@contracts/budgeting';
import { sendJson } from '@/api/http';
import { budgetingKeys, proposalsQuery } from '@/layers/budgeting/query';
import { SaveError, StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { NativeSelect } from '@/ui/NativeSelect';
import { useFormErrors } from '@/ui/use-form-errors';
import { localName } from './names';

const TARGETS = {
  ideaIds: '#budgeting-merge-ideas input',
  title: '#budgeting-merge-title',
  potId: '#budgeting-merge-pot',
  form: '#budgeting-merge-title',
} as const;

/** Co-creation, for officials: choose entered ideas and merge them into one plan (validated by the route's own PlanBody). */
export function MergePlanForm({ round }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const proposals = useQuery(proposalsQuery(round.id));
  const [ideaIds, setIdeaIds] = useState<number[]>([]);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [potId, setPotId] = useState('');
  const form = useFormErrors(TARGETS);
  const status = useStatusMessage();
  const merge = useMutation({
    mutationFn: (body: PlanBody) => sendJson<Plan>('POST', `/api/budgeting/rounds/${round.id}/plans`, body),
    onSuccess: (plan) => {
      setIdeaIds([]);
      setTitle('');
      setDescription('');
      setPotId('');
      form.reset();
      status.announce(t('budgeting.merge.done', { title: plan.title }));
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.plans(round.id) });
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.planFeatures(round.id) });
    },
    onError: (err) => form.fromServer(err),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { title: title.trim(), description: description.trim(), ideaIds, ...(potId ? { potId: Number(potId) } : {}) };
    if (
      form.check(PlanBody, body, {
        say: { ideaIds: t('budgeting.merge.errors.ideas'), title: t('budgeting.merge.errors.title') },
      })
    )
      merge.mutate(body as PlanBody);
  }
  return (
    <form className="budgeting-form budgeting-section" onSubmit={submit} noValidate aria-labelledby="budgeting-merge-heading">
      <h3 id="budgeting-merge-heading">{t('budgeting.merge.heading')}</h3>
      <p className="panel-help">{t('budgeting.merge.help')}</p>
      <div id="budgeting-merge-ideas">
        <SelectionGroup label={t('budgeting.merge.ideas')} required errorText={form.errors.ideaIds}>
          {(proposals.data ?? []).map((p) => (
            <Checkbox
              key={p.id}
              id={`budgeting-merge-idea-${p.id}`}
              label={`${p.title} (${p.trackingCode})`}
              checked={ideaIds.includes(p.id)}
              onChange={(e) => {
                form.clear('ideaIds');
                setIdeaIds(e.target.checked ? [...ideaIds, p.id] : ideaIds.filter((x) => x !== p.id));
              }}
            />
          ))}
        </SelectionGroup>
      </div>
      <TextInput
        id="budgeting-merge-title"
        label={t('budgeting.merge.title')}
        required
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        invalid={!!form.errors.title}
        errorText={form.errors.title}
      />
      <TextArea
        id="budgeting-merge-description"
        label={t('budgeting.merge.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <NativeSelect
        id="budgeting-merge-pot"
        label={t('budgeting.merge.pot')}
        value={potId}
        placeholder={t('budgeting.merge.potAuto')}
        options={round.pots.map((p) => ({ value: String(p.id), label: localName(p, i18n.language) }))}
        onChange={setPotId}
        error={form.errors.potId}
      />
      <SaveError error={merge.error} />
      <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Primary} disabled={merge.isPending}>
        {t('budgeting.merge.submit')}
      </Button>
      <StatusMessage status={status} testId="budgeting-merge-status" />
    </form>
  );
}
