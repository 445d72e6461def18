import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { ideaKeys, ideaParticipationQuery } from '@/layers/ideas/query';
import { errorMessage } from '@/ui/format';

/** Votes, following and "I want to take part"; visitors see the counts and a way to sign in. */
export function IdeaParticipation({ ideaId }: { ideaId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { user } = useAccount();
  const userId = user?.id ?? null;
  const part = useQuery(ideaParticipationQuery(ideaId, userId));
  const [message, setMessage] = useState('');
  const [joining, setJoining] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ideaKeys.participation(ideaId, userId) }),
      queryClient.invalidateQueries({ queryKey: ideaKeys.detail(ideaId) }),
    ]);
  const act = useMutation({
    mutationFn: ({ method, path, body }: { method: 'POST' | 'PUT' | 'DELETE'; path: string; body?: unknown }) =>
      sendJson(method, `/api/ideas/${ideaId}/${path}`, body),
    onSuccess: refresh,
  });
  const mine = part.data?.mine;

  return (
    <section className="idea-section" aria-labelledby="idea-part-heading">
      <h3 id="idea-part-heading">{t('ideas.participation.heading')}</h3>
      <p aria-live="polite" data-testid="idea-votes">
        {t('ideas.participation.votes', { count: part.data?.votes ?? 0 })}
      </p>
      {user ? (
        <div className="idea-draw-actions">
          <Button
            size={ButtonSize.Small}
            variant={mine?.voted ? ButtonVariant.Secondary : ButtonVariant.Primary}
            aria-pressed={!!mine?.voted}
            disabled={act.isPending || !part.data}
            onClick={() => act.mutate({ method: mine?.voted ? 'DELETE' : 'POST', path: 'votes' })}
          >
            {mine?.voted ? t('ideas.participation.unvote') : t('ideas.participation.vote')}
          </Button>
          <Button
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            aria-pressed={!!mine?.following}
            disabled={act.isPending || !part.data}
            onClick={() => act.mutate({ method: mine?.following ? 'DELETE' : 'PUT', path: 'follow' })}
          >
            {mine?.following ? t('ideas.participation.unfollow') : t('ideas.participation.follow')}
          </Button>
          {!mine?.participating && !joining && (
            <Button size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => setJoining(true)}>
              {t('ideas.participation.join')}
            </Button>
          )}
        </div>
      ) : (
        <p>
          <Link to="/signin">{t('ideas.participation.signIn')}</Link>
        </p>
      )}
      {user && joining && !mine?.participating && (
        <form
          className="idea-join"
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate(
              { method: 'POST', path: 'participants', body: message.trim() ? { message: message.trim() } : {} },
              { onSuccess: () => setJoining(false) },
            );
          }}
        >
          <TextArea
            id="idea-join-message"
            label={t('ideas.participation.message')}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <Button type="submit" size={ButtonSize.Small} disabled={act.isPending}>
            {t('ideas.participation.joinSubmit')}
          </Button>
        </form>
      )}
      {mine?.participating && <p>{t('ideas.participation.participating')}</p>}
      {act.error && (
        <p className="form-error" role="alert">
          {errorMessage(act.error)}
        </p>
      )}
      {!!part.data?.participants.length && (
        <>
          <h4>{t('ideas.participation.participants')}</h4>
          <ul className="idea-people">
            {part.data.participants.map((p, i) => (
              <li key={i}>
                {p.name}
                {p.message ? `: ${p.message}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
