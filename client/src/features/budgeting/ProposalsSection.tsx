import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoundDetail } from '@contracts/budgeting';
import type { IdeaDetail } from '@contracts/ideas';
import { ApiError, getJson, sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { budgetingKeys, proposalsQuery } from '@/layers/budgeting/query';
import { errorMessage } from '@/ui/format';
import { StatusMessage, useStatusMessage } from '@/ui/Feedback';

/** The ideas entered into the round; during proposals a signed-in resident enters one by its tracking code. */
export function ProposalsSection({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const { user } = useAccount();
  const proposals = useQuery(proposalsQuery(round.id));
  return (
    <section className="budgeting-section" aria-labelledby="budgeting-proposals-heading">
      <h3 id="budgeting-proposals-heading">{t('budgeting.proposals.heading')}</h3>
      {proposals.data?.length === 0 && <p className="panel-help">{t('budgeting.proposals.none')}</p>}
      {!!proposals.data?.length && (
        <ul className="budgeting-proposals" data-testid="budgeting-proposals">
          {proposals.data.map((p) => (
            <li key={p.id}>
              <Link to={`/ideas/${p.id}`}>{p.title}</Link> <span className="tracking-code-inline">{p.trackingCode}</span>
            </li>
          ))}
        </ul>
      )}
      {round.phase === 'proposals' &&
        (user ? <EnterByCode roundId={round.id} /> : <p className="panel-help">{t('budgeting.proposals.signIn')}</p>)}
    </section>
  );
}

function EnterByCode({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const status = useStatusMessage();
  const enter = useMutation({
    mutationFn: async (typed: string) => {
      const idea = await getJson<IdeaDetail>(`/api/ideas/by-code/${encodeURIComponent(typed)}`);
      await sendJson('POST', `/api/budgeting/rounds/${roundId}/proposals`, { ideaId: Number(idea.id) });
      return idea;
    },
    onSuccess: (idea) => {
      setCode('');
      setError(null);
      status.announce(t('budgeting.proposals.entered', { title: idea.properties.title }));
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.proposals(roundId) });
    },
    onError: (err) =>
      setError(
        err instanceof ApiError && err.status === 404
          ? t('budgeting.proposals.unknownCode', { code: code.trim() })
          : errorMessage(err),
      ),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!code.trim()) return setError(t('budgeting.proposals.emptyCode'));
    enter.mutate(code.trim());
  }
  return (
    <form className="budgeting-form" onSubmit={submit} noValidate aria-labelledby="budgeting-enter-heading">
      <h4 id="budgeting-enter-heading">{t('budgeting.proposals.enterHeading')}</h4>
      <p className="panel-help">{t('budgeting.proposals.enterHelp')}</p>
      <TextInput
        id="budgeting-enter-code"
        label={t('budgeting.proposals.code')}
        value={code}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setCode(e.target.value)}
        invalid={!!error}
        errorText={error ?? undefined}
      />
      <Button type="submit" size={ButtonSize.Small} disabled={enter.isPending}>
        {t('budgeting.proposals.enter')}
      </Button>
      <StatusMessage status={status} testId="budgeting-enter-status" />
    </form>
  );
}
