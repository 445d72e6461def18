import { LoadingSpinner } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '@contracts/users';
import { useAccount } from '@/features/account';
import { NotAllowed } from '@/features/account';
import { PageHeading } from '@/features/account';
import { AuditLog } from './AuditLog';
import { InviteForm } from './InviteForm';
import { ReferenceData } from './ReferenceData';
import { UserEditor } from './UserEditor';
import { UsersTable } from './UsersTable';
import { usePageTitle } from '@/ui/use-page-title';

/** /admin — users, their roles and memberships, departments and themes, and the audit log. Admins only. */
export function AdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.admin'));
  const { user, hasRole, isLoading } = useAccount();
  const [editing, setEditing] = useState<AdminUser | null>(null);

  if (isLoading) return <LoadingSpinner small loadingText={t('account.loading')} />;
  if (!user || !hasRole('admin')) {
    return (
      <section className="panel account-page" aria-labelledby="admin-heading">
        <PageHeading id="admin-heading">{t('admin.heading')}</PageHeading>
        <NotAllowed
          label={t('admin.notAllowed')}
          body={t('admin.notAllowedBody')}
          signInBody={t('admin.signInFirst')}
          testId="admin-not-allowed"
        />
      </section>
    );
  }

  return (
    <div className="admin-page">
      <section className="panel" aria-labelledby="admin-heading">
        <PageHeading id="admin-heading">{t('admin.heading')}</PageHeading>
        <p className="panel-help">{t('admin.help')}</p>
        <UsersTable editingId={editing?.id ?? null} onEdit={setEditing} />
      </section>
      <InviteForm />
      {editing && (
        <UserEditor key={editing.id} user={editing} selfId={user.id} onClose={() => setEditing(null)} onSaved={setEditing} />
      )}
      <ReferenceData />
      <AuditLog />
    </div>
  );
}
