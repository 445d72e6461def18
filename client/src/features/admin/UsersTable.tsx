import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, Notification, Pagination, Table, TextInput } from 'hds-react';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import type { AdminUser } from '@contracts/users';
import type { Language } from '@/i18n/languages';
import { describeError } from '@/features/account';
import { USERS_PAGE_SIZE, usersQuery } from './admin-queries';

type Column = ComponentProps<typeof Table>['cols'][number];
/** HDS passes the whole row to `transform`, though its type says otherwise. */
const cell = (render: (u: AdminUser) => string | React.JSX.Element): Column['transform'] => render as Column['transform'];

export function UsersTable({ editingId, onEdit }: { editingId: number | null; onEdit: (u: AdminUser) => void }) {
  const { t, i18n } = useTranslation();
  const departmentName = useDepartmentName();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const users = useQuery(usersQuery(q, page));

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
    setPage(0);
  };

  const list = (items: string[]) => (items.length ? items.join(', ') : '–');
  const status = (u: AdminUser) =>
    u.disabled
      ? t('admin.status.disabled')
      : u.lockedUntil && new Date(u.lockedUntil) > new Date()
        ? t('admin.status.locked')
        : !u.emailVerified
          ? t('admin.status.unverified')
          : t('admin.status.active');

  const cols: Column[] = [
    {
      key: 'email',
      headerName: t('admin.cols.user'),
      transform: cell((u) => (
        <span className="admin-user-cell">
          <span>{u.email}</span>
          {u.displayName && <span className="admin-muted">{u.displayName}</span>}
        </span>
      )),
    },
    {
      key: 'roles',
      headerName: t('admin.cols.roles'),
      transform: cell((u) => list(u.roles.map((r) => t(`account.roles.${r}`)))),
    },
    {
      key: 'departments',
      headerName: t('admin.cols.departments'),
      transform: cell((u) => list(u.departments.map((d) => departmentName(d.slug) || d.nameFi))),
    },
    {
      key: 'kehraGroups',
      headerName: t('admin.cols.kehraGroups'),
      transform: cell((u) => list(u.kehraGroups.map((g) => g.name))),
    },
    { key: 'status', headerName: t('admin.cols.status'), transform: cell(status) },
    {
      key: 'actions',
      headerName: t('admin.cols.actions'),
      transform: cell((u) => (
        <Button
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          onClick={() => onEdit(u)}
          aria-label={t('admin.editUser', { email: u.email })}
          aria-pressed={editingId === u.id}
        >
          {t('admin.edit')}
        </Button>
      )),
    },
  ];

  const total = users.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  return (
    <>
      <form className="admin-search" role="search" onSubmit={search}>
        <TextInput
          id="admin-user-search"
          label={t('admin.search')}
          helperText={t('admin.searchHelp')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit" variant={ButtonVariant.Secondary}>
          {t('admin.searchSubmit')}
        </Button>
      </form>
      {users.error ? (
        <Notification type="error" label={t('admin.loadError')}>
          {describeError(users.error, t)}
        </Notification>
      ) : !users.data ? (
        <LoadingSpinner small loadingText={t('admin.loading')} />
      ) : (
        <div className="admin-table" data-testid="admin-users" aria-busy={users.isFetching}>
          <Table
            id="admin-users-table"
            caption={q ? t('admin.captionSearch', { count: total, q }) : t('admin.caption', { count: total })}
            cols={cols}
            rows={users.data.users}
            indexKey="id"
            dense
            zebra
            variant="light"
          />
          {users.data.users.length === 0 && <p>{t('admin.noUsers')}</p>}
          {pageCount > 1 && (
            <Pagination
              language={i18n.language as Language}
              pageCount={pageCount}
              pageIndex={page}
              pageHref={(i) => `?page=${i + 1}`}
              onChange={(e, i) => {
                e.preventDefault();
                setPage(i);
              }}
              paginationAriaLabel={t('admin.pagination')}
            />
          )}
        </div>
      )}
    </>
  );
}
