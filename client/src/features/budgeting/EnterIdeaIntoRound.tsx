import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { budgetingKeys, roundsQuery } from '@/layers/budgeting/query';
import { NativeSelect } from '@/ui/NativeSelect';
import { StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { SaveError } from '@/ui/Feedback';
import { localName } from './names';

/** On an idea's page: a signed-in person enters the idea into a round that takes proposals now. */
export function EnterIdeaIntoRound({ ideaId }: { ideaId: number }) {
  const { t, i18n } = useTranslation();
  const { user } = useAccount();
  const queryClient = useQueryClient();
  const rounds = useQuery({ ...roundsQuery(), enabled: !!user });
  const open = (rounds.data ?? []).filter((r) => r.phase === 'proposals');
  const [chosen, setChosen] = useState('');
  const status = useStatusMessage();
  const roundId = Number(chosen || open[0]?.id);
  const enter = useMutation({
    mutationFn: () => sendJson('POST', `/api/budgeting/rounds/${roundId}/proposals`, { ideaId }),
    onSuccess: () => {
      const r = open.find((x) => x.id === roundId);
      status.announce(t('budgeting.ideaPage.entered', { round: r ? localName(r, i18n.language) : '' }));
      void queryClient.invalidateQueries({ queryKey: budgetingKeys.proposals(roundId) });
    },
  });
  if (!user || open.length === 0) return null;
  return (
    <section className="idea-section" aria-labelledby="idea-budgeting-heading">
      <h3 id="idea-budgeting-heading">{t('budgeting.ideaPage.heading')}</h3>
      <p className="panel-help">{t('budgeting.ideaPage.help')}</p>
      <NativeSelect
        id="idea-budgeting-round"
        label={t('budgeting.ideaPage.round')}
        value={String(roundId)}
        options={open.map((r) => ({ value: String(r.id), label: localName(r, i18n.language) }))}
        onChange={setChosen}
      />
      <Button size={ButtonSize.Small} onClick={() => enter.mutate()} disabled={enter.isPending}>
        {t('budgeting.ideaPage.enter')}
      </Button>
      <SaveError error={enter.error} />
      <StatusMessage status={status} testId="idea-budgeting-status" />
      {enter.isSuccess && (
        <p>
          <Link to={`/budgeting/rounds/${roundId}`}>{t('budgeting.ideaPage.openRound')}</Link>
        </p>
      )}
    </section>
  );
}
