import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, TextInput } from 'hds-react';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTORS, type KehraMember, type MemberPatchBody, type Sector } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { serverFieldErrors } from '@/ui/form-errors';
import { kehraKeys } from '@/layers/kehra/query';
import {
  SaveError,
  StatusMessage,
  useFocusAfterRender,
  useOpener,
  useStatusMessage,
  type StatusMessageState,
} from '@/ui/Feedback';
import { FormActions } from '@/ui/FormActions';
import { RowActions } from './RowActions';
import { SectorSelect } from './SectorSelect';
import './group-editing.css';

/** A Kehrä member or a partnership table's participant: a person in one of the three sectors. */
type SectorPerson = Pick<KehraMember, 'id' | 'name' | 'sector' | 'organisation'>;

/** People under their sector's heading; `actions` adds the editing controls of one person. */
export function MemberList<P extends SectorPerson>({
  members,
  actions,
  testId = 'group-members',
}: {
  members: P[];
  actions?: (m: P) => ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      {SECTORS.map((s) => {
        const inSector = members.filter((m) => m.sector === s);
        return (
          inSector.length > 0 && (
            <div key={s}>
              <h3 className="kehra-subheading">{t(`kehra.sector.${s}`)}</h3>
              <ul className="kehra-list">
                {inSector.map((m) => (
                  <li key={m.id} data-member={m.id}>
                    {m.name}
                    {m.organisation ? `, ${m.organisation}` : ''}
                    {actions?.(m)}
                  </li>
                ))}
              </ul>
            </div>
          )
        );
      })}
    </div>
  );
}

/**
 * The members list with add, edit and remove for the group's members and admins. Every change
 * refetches the group, so the sector balance and its warnings follow at once.
 */
export function MembersEditor({ groupId, members }: { groupId: number; members: KehraMember[] }) {
  const { t } = useTranslation();
  const status = useStatusMessage();
  const [editing, setEditing] = useState<number | null>(null);
  const adding = useOpener();
  const box = useRef<HTMLDivElement>(null);
  const focusAfter = useFocusAfterRender();

  return (
    <div className="kehra-members-editor" ref={box}>
      <StatusMessage status={status} testId="members-status" />
      {members.length === 0 && <p className="panel-help">{t('kehra.members.none')}</p>}
      <MemberList
        members={members}
        actions={(m) =>
          editing === m.id ? (
            <MemberForm
              groupId={groupId}
              member={m}
              status={status}
              onClose={(saved) => {
                setEditing(null);
                if (!saved) focusAfter(() => box.current?.querySelector<HTMLElement>(`[data-member="${m.id}"] [data-edit]`));
              }}
            />
          ) : (
            <MemberActions
              groupId={groupId}
              member={m}
              status={status}
              onEdit={() => (status.announce(null), setEditing(m.id))}
            />
          )
        }
      />
      {adding.open ? (
        <MemberForm groupId={groupId} status={status} onClose={adding.close} />
      ) : (
        <Button ref={adding.opener} type="button" size={ButtonSize.Small} onClick={() => (status.announce(null), adding.show())}>
          {t('kehra.members.add')}
        </Button>
      )}
    </div>
  );
}

/**
 * A member change that refetches every Kehrä query (page, lists, balances) and then reports. The
 * report runs in the mutation's own callback: the row that started it may be gone by then.
 */
function useMemberMutation<V>(send: (v: V) => Promise<unknown>, done: (v: V) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (_answer, v) => {
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      done(v);
    },
  });
}

function MemberActions({
  groupId,
  member,
  status,
  onEdit,
}: {
  groupId: number;
  member: KehraMember;
  status: StatusMessageState;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const remove = useMemberMutation(
    () => sendJson('DELETE', `/api/kehra/groups/${groupId}/members/${member.id}`),
    () => status.announce(t('kehra.members.removed', { name: member.name })),
  );
  return (
    <RowActions
      id={`kehra-member-remove-${member.id}`}
      texts="kehra.members"
      vars={{ name: member.name }}
      onEdit={onEdit}
      removal={{ ...remove, run: () => remove.mutate() }}
    />
  );
}

interface MemberFormProps {
  groupId: number;
  /** Editing one member; adding without. */
  member?: KehraMember;
  status: StatusMessageState;
  onClose: (saved: boolean) => void;
}

/** Name, sector and organisation: one form for adding and editing a member. */
function MemberForm({ groupId, member, status, onClose }: MemberFormProps) {
  const { t } = useTranslation();
  const idp = member ? `kehra-member-${member.id}` : 'kehra-member-new';
  const [name, setName] = useState(member?.name ?? '');
  const [sector, setSector] = useState<Sector>(member?.sector ?? 'residents');
  const [organisation, setOrganisation] = useState(member?.organisation ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMemberMutation(
    (body: MemberPatchBody & { name: string }) =>
      member
        ? sendJson('PATCH', `/api/kehra/groups/${groupId}/members/${member.id}`, body)
        : sendJson('POST', `/api/kehra/groups/${groupId}/members`, body),
    (body) => {
      onClose(true);
      status.announce(t(member ? 'kehra.members.updated' : 'kehra.members.added', { name: body.name }));
    },
  );
  const server = serverFieldErrors(save.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('kehra.members.nameRequired');
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) return document.getElementById(`${idp}-${first}`)?.focus();
    // Editing, an emptied organisation is null: the API removes it.
    save.mutate({ name: name.trim(), sector, organisation: organisation.trim() || (member ? null : undefined) });
  }

  return (
    <form className="idea-form kehra-inline-form" onSubmit={submit} noValidate aria-labelledby={`${idp}-heading`}>
      <h4 id={`${idp}-heading`} className="kehra-subheading">
        {member ? t('kehra.members.editHeading', { name: member.name }) : t('kehra.members.addHeading')}
      </h4>
      <SaveError error={save.error} />
      <TextInput
        id={`${idp}-name`}
        label={t('kehra.members.name')}
        required
        autoFocus
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...errorProps(errors.name ?? server.name)}
      />
      <SectorSelect id={`${idp}-sector`} value={sector} onChange={setSector} />
      <TextInput
        id={`${idp}-organisation`}
        label={t('kehra.members.organisation')}
        autoComplete="off"
        value={organisation}
        onChange={(e) => setOrganisation(e.target.value)}
        {...errorProps(errors.organisation ?? server.organisation)}
      />
      <FormActions
        small
        submitLabel={member ? t('kehra.members.saveEdit') : t('kehra.members.save')}
        pending={save.isPending}
        onCancel={() => onClose(false)}
      />
    </form>
  );
}
