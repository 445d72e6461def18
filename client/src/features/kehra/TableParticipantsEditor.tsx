import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, TextInput } from 'hds-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sector } from '@contracts/kehra';
import type { TableDetail, TableParticipant } from '@contracts/partnership-tables';
import { sendJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { kehraKeys } from '@/layers/kehra/query';
import { StatusMessage, useStatusMessage, type StatusMessageState } from '@/ui/Feedback';
import { MemberList } from './MembersEditor';
import { RowActions } from './RowActions';
import { SectorBalanceView } from './SectorBalanceView';
import { SectorSelect } from './SectorSelect';
import { TableEditorForm, useTableForm, useTableWrite } from './TableEditing';

const HEADING = 'kehra-participants-heading';

/** The table's people by sector with the 5–15 balance; officials add and remove them here. */
export function TableParticipants({ table, canEdit }: { table: TableDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const status = useStatusMessage();
  return (
    <section className="panel" aria-labelledby={HEADING} data-testid="table-participants">
      <h2 id={HEADING} className="panel-heading">
        {t('kehra.table.participants')}
      </h2>
      <SectorBalanceView balance={table.balance} />
      <MemberList
        members={table.participants}
        testId="table-participant-list"
        actions={canEdit ? (p) => <ParticipantActions tableId={table.id} participant={p} status={status} /> : undefined}
      />
      {canEdit && (
        <>
          <StatusMessage status={status} testId="table-participants-status" />
          <ParticipantForm
            tableId={table.id}
            onAdded={(name) => status.announce(t('partnershipTable.participants.added', { name }), false)}
          />
        </>
      )}
    </section>
  );
}

/** Removal, confirmed first; the report runs in the mutation's own callback, as the row is gone by then. */
function ParticipantActions({
  tableId,
  participant,
  status,
}: {
  tableId: number;
  participant: TableParticipant;
  status: StatusMessageState;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => sendJson('DELETE', `/api/partnership-tables/${tableId}/participants/${participant.id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      status.announce(t('partnershipTable.participants.removed', { name: participant.name }));
    },
  });
  return (
    <RowActions
      id={`table-participant-remove-${participant.id}`}
      texts="partnershipTable.participants"
      vars={{ name: participant.name }}
      onEdit={null}
      removal={{ ...remove, run: () => remove.mutate() }}
    />
  );
}

/** Adds one person; the name field is emptied and focused again for the next. */
function ParticipantForm({ tableId, onAdded }: { tableId: number; onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const write = useTableWrite();
  const { errors, busy, fail, run } = useTableForm<'name' | 'organisation'>('table-participant');
  const [name, setName] = useState('');
  const [sector, setSector] = useState<Sector>('residents');
  const [organisation, setOrganisation] = useState('');
  // Not public unless the person agreed: only the table's editors see them then.
  const [published, setPublished] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return fail({ name: t('partnershipTable.participants.nameRequired') });
    const body = {
      name: name.trim(),
      sector,
      public: published,
      ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
    };
    void run(async () => {
      await write('POST', `/api/partnership-tables/${tableId}/participants`, body);
      setName('');
      setOrganisation('');
      setPublished(false);
      onAdded(body.name);
      nameInput.current?.focus();
    });
  }

  return (
    <TableEditorForm
      idPrefix="table-participant-form"
      heading={t('partnershipTable.participants.addHeading')}
      error={errors.form}
      submitLabel={t('partnershipTable.participants.add')}
      busy={busy}
      onSubmit={submit}
    >
      <TextInput
        ref={nameInput}
        id="table-participant-name"
        label={t('partnershipTable.participants.name')}
        required
        maxLength={200}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...errorProps(errors.name)}
      />
      <SectorSelect
        id="table-participant-sector"
        label={t('partnershipTable.participants.sector')}
        value={sector}
        onChange={setSector}
      />
      <TextInput
        id="table-participant-organisation"
        label={t('partnershipTable.participants.organisation')}
        maxLength={200}
        autoComplete="off"
        value={organisation}
        onChange={(e) => setOrganisation(e.target.value)}
        {...errorProps(errors.organisation)}
      />
      <Checkbox
        id="table-participant-public"
        label={t('partnershipTable.participants.public')}
        checked={published}
        onChange={(e) => setPublished(e.target.checked)}
      />
    </TableEditorForm>
  );
}
