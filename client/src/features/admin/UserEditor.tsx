import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonVariant, Checkbox, Notification, SelectionGroup, TextInput } from 'hds-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@contracts/auth';
import type { AdminUser } from '@contracts/users';
import { describeError } from '@/features/account';
import { adminApi, departmentsQuery, kehraGroupsQuery } from './admin-queries';
import { authorityProblems, withDepartment, withGroup, withRole, type Authority } from './authority';

interface Props {
  user: AdminUser;
  selfId: number;
  onClose: () => void;
  onSaved: (u: AdminUser) => void;
}

/** Roles, departments and Kehrä groups of one user, replaced as a whole; and disabling. */
export function UserEditor({ user, selfId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const departments = useQuery(departmentsQuery());
  const groups = useQuery(kehraGroupsQuery());
  const heading = useRef<HTMLHeadingElement>(null);
  const [value, setValue] = useState<Authority>({
    roles: user.roles,
    departments: user.departments.map((d) => d.slug),
    kehraGroups: user.kehraGroups.map((g) => g.id),
  });
  const [problems, setProblems] = useState<ReturnType<typeof authorityProblems>>({});
  // Officials, admins, moderators and Kehrä members are shown publicly by this name (the server requires it).
  const [displayName, setDisplayName] = useState(user.displayName ?? '');

  useEffect(() => heading.current?.focus(), []);

  const changed = async (saved: AdminUser) => {
    onSaved(saved);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
      queryClient.invalidateQueries({ queryKey: ['admin', 'audit'] }),
      saved.id === selfId ? queryClient.invalidateQueries({ queryKey: ['auth', 'me'] }) : null,
    ]);
  };
  const save = useMutation({
    mutationFn: (a: Authority) =>
      adminApi.replaceAuthority(user.id, { ...a, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) }),
    onSuccess: changed,
  });
  const disable = useMutation({ mutationFn: (d: boolean) => adminApi.setDisabled(user.id, d), onSuccess: changed });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = authorityProblems(value);
    setProblems(found);
    disable.reset();
    if (Object.keys(found).length === 0) save.mutate(value);
  };

  const setRole = (role: Role, on: boolean) => setValue((v) => withRole(v, role, on));
  const setDepartment = (slug: string, on: boolean) => setValue((v) => withDepartment(v, slug, on));
  const setGroup = (id: number, on: boolean) => setValue((v) => withGroup(v, id, on));

  const result = save.isSuccess ? 'saved' : disable.isSuccess ? (user.disabled ? 'disabled' : 'enabled') : null;
  const error = save.error ?? disable.error;
  return (
    <section className="panel admin-editor" aria-labelledby="admin-editor-heading" data-testid="admin-editor">
      <h3 id="admin-editor-heading" ref={heading} tabIndex={-1} className="account-subheading">
        {t('admin.editor.heading', { email: user.email })}
      </h3>
      {result && (
        <Notification
          type="success"
          label={t(`admin.editor.${result}`)}
          autofocus
          className="account-notice"
          data-testid="admin-editor-saved"
        >
          {t('admin.editor.savedBody', { email: user.email })}
        </Notification>
      )}
      {error && (
        <Notification type="error" label={t('admin.editor.failed')} autofocus className="account-notice">
          {describeError(error, t)}
        </Notification>
      )}
      <form onSubmit={submit} className="admin-editor-form">
        <TextInput
          id="admin-editor-display-name"
          label={t('admin.editor.displayName')}
          helperText={t('admin.editor.displayNameHelp')}
          maxLength={80}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <SelectionGroup label={t('admin.editor.roles')} helperText={t('admin.editor.rolesHelp')}>
          {ROLES.map((role) => (
            <Checkbox
              key={role}
              id={`role-${user.id}-${role}`}
              label={t(`account.roles.${role}`)}
              checked={value.roles.includes(role)}
              onChange={(e) => setRole(role, e.target.checked)}
            />
          ))}
        </SelectionGroup>
        <SelectionGroup label={t('admin.editor.departments')} errorText={problems.departments && t(problems.departments)}>
          {(departments.data?.departments ?? []).map((d) => (
            <Checkbox
              key={d.slug}
              id={`dept-${user.id}-${d.slug}`}
              label={d.nameFi}
              checked={value.departments.includes(d.slug)}
              onChange={(e) => setDepartment(d.slug, e.target.checked)}
            />
          ))}
        </SelectionGroup>
        <SelectionGroup label={t('admin.editor.kehraGroups')} errorText={problems.kehraGroups && t(problems.kehraGroups)}>
          {(groups.data?.kehraGroups ?? []).map((g) => (
            <Checkbox
              key={g.id}
              id={`kehra-${user.id}-${g.id}`}
              label={g.name}
              checked={value.kehraGroups.includes(g.id)}
              onChange={(e) => setGroup(g.id, e.target.checked)}
            />
          ))}
          {groups.data?.kehraGroups.length === 0 && <p className="admin-muted">{t('admin.editor.noGroups')}</p>}
        </SelectionGroup>
        <div className="account-actions">
          <Button type="submit" disabled={save.isPending}>
            {t('admin.editor.save')}
          </Button>
          <Button type="button" variant={ButtonVariant.Secondary} onClick={onClose}>
            {t('admin.editor.close')}
          </Button>
        </div>
      </form>
      <div className="admin-editor-danger">
        <p className="panel-help">{user.disabled ? t('admin.editor.enableHelp') : t('admin.editor.disableHelp')}</p>
        <Button
          type="button"
          variant={user.disabled ? ButtonVariant.Secondary : ButtonVariant.Danger}
          onClick={() => {
            save.reset();
            disable.mutate(!user.disabled);
          }}
          disabled={disable.isPending || user.id === selfId}
        >
          {user.disabled ? t('admin.editor.enable') : t('admin.editor.disable')}
        </Button>
      </div>
    </section>
  );
}
