import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALTERNATIVE_ROUTES, IDEA_TRANSITIONS, type AlternativeRoute, type IdeaDetail, type IdeaStage } from '@contracts/ideas';
import { sendJson } from '@/api/http';
import { ideaKeys } from '@/layers/ideas/query';
import { errorMessage } from '@/ui/format';
import { serverFieldErrors } from '@/ui/form-errors';

/** For officials: take responsibility for the idea and move it to its next stage, with the reason. */
export function OfficialActions({ idea }: { idea: IdeaDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = Number(idea.id);
  const done = (detail: IdeaDetail) => {
    queryClient.setQueryData(ideaKeys.detail(id), detail);
    void queryClient.invalidateQueries({ queryKey: ['ideas', 'list'] });
  };
  const take = useMutation({
    mutationFn: () => sendJson<IdeaDetail>('POST', `/api/ideas/${id}/responsibility`),
    onSuccess: done,
  });
  const next = IDEA_TRANSITIONS[idea.properties.stage];

  return (
    <section className="idea-section idea-official" aria-labelledby="idea-official-heading">
      <h3 id="idea-official-heading">{t('ideas.official.heading')}</h3>
      {!idea.properties.responsible && (
        <>
          <Button size={ButtonSize.Small} onClick={() => take.mutate()} disabled={take.isPending}>
            {t('ideas.official.take')}
          </Button>
          {take.error && (
            <p className="form-error" role="alert">
              {errorMessage(take.error)}
            </p>
          )}
        </>
      )}
      {next.length > 0 ? <StageChangeForm idea={idea} next={next} onDone={done} /> : <p>{t('ideas.official.final')}</p>}
    </section>
  );
}

function StageChangeForm({
  idea,
  next,
  onDone,
}: {
  idea: IdeaDetail;
  next: readonly IdeaStage[];
  onDone: (d: IdeaDetail) => void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<IdeaStage>(next[0]);
  const [reason, setReason] = useState('');
  const [funding, setFunding] = useState('');
  const [route, setRoute] = useState<AlternativeRoute | ''>('');
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const target = next.includes(to) ? to : next[0];
  const move = useMutation({
    mutationFn: (body: Record<string, string>) => sendJson<IdeaDetail>('POST', `/api/ideas/${idea.id}/stage`, body),
    onSuccess: (detail) => {
      setReason('');
      setFunding('');
      setRoute('');
      setDetails('');
      setErrors({});
      onDone(detail);
    },
    onError: (err) => setErrors({ ...serverFieldErrors(err), form: errorMessage(err) }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!reason.trim()) found.reason = t('ideas.official.errors.reason');
    if (target === 'not_taken_forward' && !route) found.alternativeRoute = t('ideas.official.errors.route');
    if (Object.keys(found).length) return setErrors(found);
    move.mutate({
      to: target,
      reason: reason.trim(),
      ...(target === 'decision' && funding.trim() ? { funding: funding.trim() } : {}),
      ...(target === 'not_taken_forward' ? { alternativeRoute: route } : {}),
      ...(target === 'not_taken_forward' && details.trim() ? { alternativeDetails: details.trim() } : {}),
    });
  }

  return (
    <form className="idea-stage-form" onSubmit={submit} noValidate aria-labelledby="idea-stage-heading">
      <h4 id="idea-stage-heading">{t('ideas.official.moveHeading')}</h4>
      <div className="kk-field">
        <label htmlFor="idea-stage-to">{t('ideas.official.to')}</label>
        <select id="idea-stage-to" value={target} onChange={(e) => setTo(e.target.value as IdeaStage)}>
          {next.map((s) => (
            <option key={s} value={s}>
              {t(`ideas.stage.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <TextArea
        id="idea-stage-reason"
        label={t('ideas.official.reason')}
        helperText={t('ideas.official.reasonHelp')}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        invalid={!!errors.reason}
        errorText={errors.reason}
      />
      {target === 'decision' && (
        <TextInput
          id="idea-stage-funding"
          label={t('ideas.official.funding')}
          helperText={t('ideas.official.fundingHelp')}
          value={funding}
          onChange={(e) => setFunding(e.target.value)}
          invalid={!!errors.funding}
          errorText={errors.funding}
        />
      )}
      {target === 'not_taken_forward' && (
        <>
          <div className="kk-field">
            <label htmlFor="idea-stage-route">{t('ideas.official.route')}</label>
            <select
              id="idea-stage-route"
              value={route}
              aria-invalid={!!errors.alternativeRoute}
              aria-describedby={errors.alternativeRoute ? 'idea-stage-route-error' : undefined}
              onChange={(e) => setRoute(e.target.value as AlternativeRoute)}
            >
              <option value="">{t('ideas.official.chooseRoute')}</option>
              {ALTERNATIVE_ROUTES.map((r) => (
                <option key={r} value={r}>
                  {t(`ideas.alternativeRoute.${r}`)}
                </option>
              ))}
            </select>
            {errors.alternativeRoute && (
              <p id="idea-stage-route-error" className="form-error">
                {errors.alternativeRoute}
              </p>
            )}
          </div>
          <TextArea
            id="idea-stage-details"
            label={t('ideas.official.routeDetails')}
            value={details}
            onChange={(e) => setDetails(e.target.value)}
          />
        </>
      )}
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Primary} disabled={move.isPending}>
        {t('ideas.official.move', { stage: t(`ideas.stage.${target}`) })}
      </Button>
    </form>
  );
}
