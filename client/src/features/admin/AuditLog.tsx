import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, ButtonVariant, LoadingSpinner, Notification, Table } from 'hds-react';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@contracts/users';
import { describeError } from '@/features/account';
import { formatTimestamp } from '@/ui/helsinki-time';
import { auditQuery } from './admin-queries';
import { auditLines, changedKeys } from './audit-format';

type Column = ComponentProps<typeof Table>['cols'][number];
const cell = (render: (e: AuditEntry) => string | React.JSX.Element): Column['transform'] => render as Column['transform'];

/** Who did what and when, with the values before and after; newest first, older on demand. */
export function AuditLog() {
  const { t } = useTranslation();
  const audit = useInfiniteQuery(auditQuery());
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];

  const values = (e: AuditEntry, which: 'before' | 'after') => {
    const lines = auditLines(e[which], (key, item) =>
      key === 'roles' ? t(`account.roles.${item}`, { defaultValue: item }) : item,
    );
    if (!lines.length) return '–';
    const changed = changedKeys(e.before, e.after);
    return (
      <ul className="audit-values">
        {lines.map((l, i) => (
          <li key={l.key ?? i} className={l.key && changed.has(l.key) ? 'audit-changed' : undefined}>
            {l.key && <span className="audit-key">{t(`admin.audit.keys.${l.key}`, { defaultValue: l.key })}: </span>}
            {l.text}
          </li>
        ))}
      </ul>
    );
  };

  const cols: Column[] = [
    {
      key: 'occurredAt',
      headerName: t('admin.audit.when'),
      transform: cell((e) => <time dateTime={e.occurredAt}>{formatTimestamp(e.occurredAt)}</time>),
    },
    { key: 'actor', headerName: t('admin.audit.who'), transform: cell((e) => e.actor.email ?? t('admin.audit.system')) },
    {
      key: 'action',
      headerName: t('admin.audit.what'),
      transform: cell((e) => (
        <span className="admin-user-cell">
          <span>{t(`admin.audit.actions.${e.action.replaceAll('.', '_')}`, { defaultValue: e.action })}</span>
          {e.target.type && (
            <span className="admin-muted">
              {t(`admin.audit.targets.${e.target.type}`, { defaultValue: e.target.type })} {e.target.id}
            </span>
          )}
        </span>
      )),
    },
    { key: 'before', headerName: t('admin.audit.before'), transform: cell((e) => values(e, 'before')) },
    { key: 'after', headerName: t('admin.audit.after'), transform: cell((e) => values(e, 'after')) },
  ];

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h3 id="audit-heading" className="account-subheading">
        {t('admin.audit.heading')}
      </h3>
      {audit.error ? (
        <Notification type="error" label={t('admin.loadError')}>
          {describeError(audit.error, t)}
        </Notification>
      ) : !audit.data ? (
        <LoadingSpinner small loadingText={t('admin.loading')} />
      ) : (
        <div className="admin-table" data-testid="admin-audit" aria-busy={audit.isFetching}>
          <Table
            id="admin-audit-table"
            caption={t('admin.audit.caption')}
            cols={cols}
            rows={entries}
            indexKey="id"
            dense
            zebra
            variant="light"
          />
          {entries.length === 0 && <p>{t('admin.audit.empty')}</p>}
          {audit.hasNextPage && (
            <Button
              variant={ButtonVariant.Secondary}
              onClick={() => void audit.fetchNextPage()}
              disabled={audit.isFetchingNextPage}
            >
              {t('admin.audit.older')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
