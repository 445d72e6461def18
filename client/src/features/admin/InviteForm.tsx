import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Notification, SelectionGroup, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@contracts/auth';
import { InviteRequest, type AdminUser } from '@contracts/users';
import { describeError } from '@/features/account';
import { contractErrors, serverFieldErrors, type FieldErrors } from '@/ui/form-errors';
import { adminApi, departmentsQuery, kehraGroupsQuery } from './admin-queries';
import { authorityProblems, withDepartment, withGroup, withRole, type Authority } from './authority';

/** Every account is a resident; the invitation is for the roles beyond it. */
const INVITED_ROLES = ROLES.filter((r): r is Exclude<Role, 'resident'> => r !== 'resident');
const EMPTY: Authority = { roles: [], departments: [], kehraGroups: [] };

/**
 * Invite an official (or a moderator, an admin, a Kehrä member): the account is created with its
 * roles and the person gets an e-mail with a link to set a password.
 */
export function InviteForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const departments = useQuery(departmentsQuery());
  const groups = useQuery(kehraGroupsQuery());
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [value, setValue] = useState<Authority>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [invited, setInvited] = useState<AdminUser | null>(null);
  const invite = useMutation({
    mutationFn: adminApi.invite,
    onSuccess: async (user) => {
      setInvited(user);
      setEmail('');
      setDisplayName('');
      setValue(EMPTY);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      ]);
    },
    onError: (err) => setErrors(serverFieldErrors(err)),
  });

  const setRole = (role: Role, on: boolean) => setValue((v) => withRole(v, role, on));
  const setDepartment = (slug: string, on: boolean) => setValue((v) => withDepartment(v, slug, on));
  const setGroup = (id: number, on: boolean) => setValue((v) => withGroup(v, id, on));

  function submit(e: FormEvent) {
    e.preventDefault();
    setInvited(null);
    const body = { email: email.trim(), displayName: displayName.trim(), ...value };
    // The route's own schema decides; the messages the reader sees are in their language.
    const fromContract = contractErrors(InviteRequest, body);
    const problems = authorityProblems(value);
    const found: FieldErrors = {
      ...(fromContract.email ? { email: t('admin.invite.errors.email') } : {}),
      ...(fromContract.displayName ? { displayName: t('admin.invite.errors.displayName') } : {}),
      ...(fromContract.roles ? { roles: t('admin.invite.errors.roles') } : {}),
      ...(problems.departments ? { departments: t(problems.departments) } : {}),
      ...(problems.kehraGroups ? { kehraGroups: t(problems.kehraGroups) } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length === 0) invite.mutate(body);
  }

  return (
    <section className="panel admin-invite" aria-labelledby="admin-invite-heading" data-testid="admin-invite">
      <h3 id="admin-invite-heading" className="account-subheading">
        {t('admin.invite.heading')}
      </h3>
      <p className="panel-help">{t('admin.invite.help')}</p>
      {invited && (
        <Notification type="success" label={t('admin.invite.sent')} autofocus className="account-notice">
          {t('admin.invite.sentBody', { name: invited.displayName, email: invited.email })}
        </Notification>
      )}
      {invite.error && !Object.keys(errors).length && (
        <Notification type="error" label={t('admin.invite.failed')} className="account-notice">
          {describeError(invite.error, t)}
        </Notification>
      )}
      <form onSubmit={submit} className="admin-editor-form" noValidate>
        <TextInput
          id="admin-invite-email"
          type="email"
          label={t('admin.invite.email')}
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          invalid={!!errors.email}
          errorText={errors.email}
        />
        <TextInput
          id="admin-invite-name"
          label={t('admin.editor.displayName')}
          helperText={t('admin.editor.displayNameHelp')}
          required
          maxLength={80}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          invalid={!!errors.displayName}
          errorText={errors.displayName}
        />
        <SelectionGroup label={t('admin.editor.roles')} helperText={t('admin.editor.rolesHelp')} errorText={errors.roles}>
          {INVITED_ROLES.map((role) => (
            <Checkbox
              key={role}
              id={`invite-role-${role}`}
              label={t(`account.roles.${role}`)}
              checked={value.roles.includes(role)}
              onChange={(e) => setRole(role, e.target.checked)}
            />
          ))}
        </SelectionGroup>
        <SelectionGroup label={t('admin.editor.departments')} errorText={errors.departments}>
          {(departments.data?.departments ?? []).map((d) => (
            <Checkbox
              key={d.slug}
              id={`invite-dept-${d.slug}`}
              label={d.nameFi}
              checked={value.departments.includes(d.slug)}
              onChange={(e) => setDepartment(d.slug, e.target.checked)}
            />
          ))}
        </SelectionGroup>
        {(groups.data?.kehraGroups.length ?? 0) > 0 && (
          <SelectionGroup label={t('admin.editor.kehraGroups')} errorText={errors.kehraGroups}>
            {groups.data!.kehraGroups.map((g) => (
              <Checkbox
                key={g.id}
                id={`invite-kehra-${g.id}`}
                label={g.name}
                checked={value.kehraGroups.includes(g.id)}
                onChange={(e) => setGroup(g.id, e.target.checked)}
              />
            ))}
          </SelectionGroup>
        )}
        <div className="account-actions">
          <Button type="submit" disabled={invite.isPending}>
            {t('admin.invite.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
