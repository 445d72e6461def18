import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextArea } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Booking, DecisionBody } from '@contracts/spaces';
import { sendJson } from '@/api/http';
import { NotAllowed, useAccount } from '@/features/account';
import { spaceKeys, spaceRequestsQuery } from '@/layers/spaces/query';
import { errorProps } from '@/ui/error-props';
import { StatusLine } from '@/ui/Feedback';
import { errorMessage } from '@/ui/format';
import { Panel } from '@/ui/Panel';
import { usePageTitle } from '@/ui/use-page-title';
import { formatSlot } from './space-names';
import './spaces.css';

/** /spaces/requests: the booking requests of the official's departments' spaces (admins: all), to confirm or decline. */
export function SpaceRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.requests.heading'));
  const { hasRole, isLoading } = useAccount();
  const allowed = hasRole('official') || hasRole('admin');
  const requests = useQuery({ ...spaceRequestsQuery(), enabled: allowed });
  const [message, setMessage] = useState('');
  if (isLoading) return null;
  if (!allowed)
    return (
      <section className="panel">
        <NotAllowed
          label={t('spaces.requests.heading')}
          body={t('spaces.requests.notAllowed')}
          signInBody={t('spaces.requests.signIn')}
          testId="space-requests-not-allowed"
        />
      </section>
    );
  const open = requests.data?.filter((b) => b.status === 'requested') ?? [];
  const decided = requests.data?.filter((b) => b.status !== 'requested') ?? [];
  return (
    <>
      <Panel id="space-requests-heading" heading={t('spaces.requests.heading')} testId="space-requests">
        <Link to="/spaces">{t('spaces.back')}</Link>
        {requests.isPending && <LoadingSpinner small loadingText={t('spaces.loading')} />}
        {requests.error && <p className="form-error">{errorMessage(requests.error)}</p>}
        <StatusLine text={message} testId="space-requests-status" />
        {requests.data && open.length === 0 && <p>{t('spaces.requests.none')}</p>}
        <ul className="spaces-list">
          {open.map((b) => (
            <Request key={b.id} booking={b} onDone={setMessage} />
          ))}
        </ul>
      </Panel>
      {decided.length > 0 && (
        <Panel id="space-decided-heading" heading={t('spaces.requests.decided')}>
          <ul className="spaces-list">
            {decided.map((b) => (
              <li key={b.id}>
                <BookingSummary booking={b} />
                <span className="spaces-list-meta">
                  {t(`spaces.status.${b.status}`)}
                  {b.decisionReason ? ` · ${b.decisionReason}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </>
  );
}

function BookingSummary({ booking: b }: { booking: Booking }) {
  const { t, i18n } = useTranslation();
  const forWhom = b.kehraGroup?.name ?? b.partnershipTable?.name;
  return (
    <>
      <Link to={`/spaces/${b.spaceId}`}>{b.spaceName}</Link>
      <span className="spaces-list-meta">
        {formatSlot(b.start, b.end, i18n.language)} · {t('spaces.requests.attendees', { count: b.attendees })}
        {b.requester ? ` · ${t('spaces.requests.by', { name: b.requester.name })}` : ''}
        {forWhom ? ` · ${t('spaces.requests.for', { name: forWhom })}` : ''}
      </span>
      <span className="spaces-list-meta">{b.purpose}</span>
    </>
  );
}

function Request({ booking: b, onDone }: { booking: Booking; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const decide = useMutation({
    mutationFn: (body: DecisionBody) => sendJson<Booking>('POST', `/api/spaces/${b.spaceId}/bookings/${b.id}/decision`, body),
    onSuccess: async (r) => {
      onDone(t(r.status === 'confirmed' ? 'spaces.requests.confirmed' : 'spaces.requests.declined', { space: b.spaceName }));
      await queryClient.invalidateQueries({ queryKey: spaceKeys.all });
    },
    onError: (err) => setError(errorMessage(err)),
  });
  return (
    <li className="spaces-request" data-testid={`space-request-${b.id}`}>
      <BookingSummary booking={b} />
      {declining && (
        <TextArea
          id={`space-decline-reason-${b.id}`}
          label={t('spaces.requests.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...errorProps(error || undefined)}
        />
      )}
      {!declining && error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="spaces-filter-actions">
        {!declining && (
          <Button
            type="button"
            size={ButtonSize.Small}
            disabled={decide.isPending}
            onClick={() => decide.mutate({ decision: 'confirm' })}
          >
            {t('spaces.requests.confirm')}
          </Button>
        )}
        <Button
          type="button"
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          disabled={decide.isPending}
          onClick={() => {
            if (!declining) return setDeclining(true);
            if (!reason.trim()) return setError(t('spaces.requests.reasonRequired'));
            decide.mutate({ decision: 'decline', reason: reason.trim() });
          }}
        >
          {declining ? t('spaces.requests.sendDecline') : t('spaces.requests.decline')}
        </Button>
      </div>
    </li>
  );
}
