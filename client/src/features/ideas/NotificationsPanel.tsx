import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '@contracts/ideas';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { ideaKeys, notificationsQuery } from '@/layers/ideas/query';
import { errorMessage } from '@/ui/format';
import { formatDateTime } from '@/ui/helsinki-time';
import { Panel } from '@/ui/Panel';

/** "Ilmoitukset": what happened to the ideas the signed-in person follows or commented on. */
export function NotificationsPanel() {
  const { user } = useAccount();
  if (!user) return null;
  return <Notifications userId={user.id} />;
}

function Notifications({ userId }: { userId: number }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(notificationsQuery(userId));
  const markRead = useMutation({
    mutationFn: () => sendJson('POST', '/api/notifications/read'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ideaKeys.notifications(userId) }),
  });
  const unread = list.data?.filter((n) => !n.readAt).length ?? 0;

  return (
    <Panel
      id="notifications-heading"
      heading={
        <>
          {t('ideas.notifications.heading')}{' '}
          {unread > 0 && <span className="count-badge">{t('ideas.notifications.unread', { count: unread })}</span>}
        </>
      }
    >
      {list.error && <p className="form-error">{errorMessage(list.error)}</p>}
      {list.data?.length === 0 && <p className="panel-help">{t('ideas.notifications.none')}</p>}
      {!!list.data?.length && (
        <ul className="notification-list">
          {list.data.slice(0, 20).map((n) => (
            <li key={n.id} className={n.readAt ? undefined : 'notification--unread'}>
              <span className="visually-hidden">{n.readAt ? '' : t('ideas.notifications.new')}</span>
              {n.ideaId ? <Link to={`/ideas/${n.ideaId}`}>{describe(n, t)}</Link> : describe(n, t)}
              <span className="notification-time">{formatDateTime(n.createdAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
      {unread > 0 && (
        <Button
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          onClick={() => markRead.mutate()}
          disabled={markRead.isPending}
        >
          {t('ideas.notifications.markRead')}
        </Button>
      )}
    </Panel>
  );
}

function describe(n: Notification, t: (k: string, o?: Record<string, unknown>) => string): string {
  const p = n.payload as { to?: string; trackingCode?: string; reason?: string };
  if (n.kind === 'stage_changed') {
    return t('ideas.notifications.stageChanged', { code: p.trackingCode ?? '', stage: t(`ideas.stage.${p.to ?? 'submitted'}`) });
  }
  if (n.kind === 'comment_reply') return t('ideas.notifications.commentReply');
  return t('ideas.notifications.contentHidden', { reason: p.reason ?? '' });
}
