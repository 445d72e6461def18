import { Button, ButtonSize, TextArea, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPatchBody, TableDetail, TableMeeting } from '@contracts/partnership-tables';
import { errorProps } from '@/ui/error-props';
import { TableEditorForm, useTableForm, useTableWrite } from './TableEditing';
import { StatusLine, useFocusById } from '@/ui/Feedback';
import { Panel } from '@/ui/Panel';
import { SubscribeLinks } from '@/ui/SubscribeLinks';
import { formatDateTimeRange, toIsoWithOffset, toLocalInput } from '@/ui/helsinki-time';

/** Meetings happen in Helsinki: times are typed and shown in its time, whatever the browser's zone. */
const formatMeetingTime = (m: Pick<TableMeeting, 'startsAt' | 'endsAt'>, language: string) =>
  formatDateTimeRange(m.startsAt, m.endsAt, language);

/** The table's meetings, upcoming and past (with minutes); officials add and edit them. */
export function TableMeetings({ table, canEdit }: { table: TableDetail; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const focus = useFocusById();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [message, setMessage] = useState('');
  const [now] = useState(() => Date.now());
  const past = table.meetings.filter((m) => Date.parse(m.endsAt ?? m.startsAt) < now);
  const upcoming = table.meetings.filter((m) => !past.includes(m));

  const close = (focusId: string, saved?: string) => {
    setEditing(null);
    if (saved !== undefined) setMessage(saved);
    focus(focusId);
  };

  const item = (m: TableMeeting, isPast: boolean) => {
    const when = formatMeetingTime(m, i18n.language);
    if (editing === m.id) {
      return (
        <li key={m.id}>
          <MeetingForm
            table={table}
            meeting={m}
            onDone={(saved) =>
              close(`table-meeting-edit-${m.id}`, saved ? t('partnershipTable.meetings.updated', { when }) : undefined)
            }
          />
        </li>
      );
    }
    return (
      <li key={m.id} data-testid="table-meeting">
        <strong>{when}</strong>, {m.place}
        {m.agenda && (
          <p className="table-text">
            <span className="kehra-meta">{t('partnershipTable.meetings.agendaLabel')}</span> {m.agenda}
          </p>
        )}
        {m.minutes ? (
          <div className="table-minutes">
            <h4>{t('partnershipTable.meetings.minutes')}</h4>
            <p className="table-text">{m.minutes}</p>
          </div>
        ) : (
          isPast && <p className="kehra-meta table-text">{t('partnershipTable.meetings.noMinutes')}</p>
        )}
        {canEdit && editing === null && (
          <div className="table-edit-button">
            <button
              type="button"
              id={`table-meeting-edit-${m.id}`}
              className="link-button"
              aria-label={t('partnershipTable.meetings.editLabel', { when })}
              onClick={() => (setMessage(''), setEditing(m.id))}
            >
              {t('partnershipTable.meetings.edit')}
            </button>
          </div>
        )}
      </li>
    );
  };

  return (
    <Panel id="kehra-meetings-heading" heading={t('kehra.table.meetings')} testId="table-meetings">
      {table.meetings.length === 0 && <p className="panel-help">{t('kehra.table.noMeetings')}</p>}
      <SubscribeLinks
        testId="table-subscribe"
        label={t('feeds.subscribe.tableLabel')}
        feeds={[{ kind: 'meetings', filter: `table=${table.id}` }]}
      />
      {upcoming.length > 0 && (
        <>
          <h3 className="kehra-subheading">{t('partnershipTable.meetings.upcoming')}</h3>
          <ul className="kehra-list table-meetings">{upcoming.map((m) => item(m, false))}</ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h3 className="kehra-subheading">{t('partnershipTable.meetings.past')}</h3>
          <ul className="kehra-list table-meetings">{past.map((m) => item(m, true))}</ul>
        </>
      )}
      {canEdit && (
        <>
          <StatusLine text={message} testId="table-meetings-status" />
          {editing === 'new' ? (
            <MeetingForm
              table={table}
              onDone={(saved) => close('table-meeting-add', saved ? t('partnershipTable.meetings.added') : undefined)}
            />
          ) : (
            editing === null && (
              <Button
                type="button"
                id="table-meeting-add"
                size={ButtonSize.Small}
                onClick={() => (setMessage(''), setEditing('new'))}
              >
                {t('partnershipTable.meetings.add')}
              </Button>
            )
          )}
        </>
      )}
    </Panel>
  );
}

type Field = 'startsAt' | 'endsAt' | 'place' | 'agenda' | 'minutes';
type Errors = Partial<Record<Field, string>>;

/** A new meeting, or an existing one's changed fields (PATCH), with times in Helsinki time. */
function MeetingForm({
  table,
  meeting,
  onDone,
}: {
  table: TableDetail;
  meeting?: TableMeeting;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const write = useTableWrite();
  const idp = meeting ? `table-meeting-${meeting.id}` : 'table-meeting-new';
  const { errors, busy, fail, run } = useTableForm<Field>(idp);
  const [startsAt, setStartsAt] = useState(meeting ? toLocalInput(meeting.startsAt) : '');
  const [endsAt, setEndsAt] = useState(meeting?.endsAt ? toLocalInput(meeting.endsAt) : '');
  const [place, setPlace] = useState(meeting?.place ?? table.meetingPlaceName ?? '');
  const [agenda, setAgenda] = useState(meeting?.agenda ?? '');
  const [minutes, setMinutes] = useState(meeting?.minutes ?? '');

  function validate(): { errors: Errors; start: string | null; end: string | null } {
    const e: Errors = {};
    const start = toIsoWithOffset(startsAt);
    const end = endsAt ? toIsoWithOffset(endsAt) : null;
    if (!start) e.startsAt = t('partnershipTable.meetings.errors.startsAt');
    if (endsAt && !end) e.endsAt = t('partnershipTable.meetings.errors.endsAt');
    else if (start && end && Date.parse(end) < Date.parse(start)) e.endsAt = t('partnershipTable.meetings.errors.order');
    if (!place.trim()) e.place = t('partnershipTable.meetings.errors.place');
    return { errors: e, start, end };
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const checked = validate();
    if (Object.keys(checked.errors).length) return fail({ ...checked.errors, form: t('partnershipTable.form.errors.fix') });
    // An emptied end time is null: the PATCH removes it (a new meeting simply has none).
    const all: MeetingPatchBody = {
      startsAt: checked.start!,
      endsAt: checked.end,
      place: place.trim(),
      agenda: agenda.trim(),
      minutes: minutes.trim(),
    };
    void run(async () => {
      if (!meeting) {
        await write('POST', `/api/partnership-tables/${table.id}/meetings`, {
          ...all,
          endsAt: all.endsAt ?? undefined,
          agenda: all.agenda || undefined,
          minutes: all.minutes || undefined,
        });
        return onDone(true);
      }
      // Only what changed: the instants compare as Helsinki wall-clock, the texts trimmed.
      const before: Record<string, string | null> = {
        startsAt: toLocalInput(meeting.startsAt),
        endsAt: meeting.endsAt && toLocalInput(meeting.endsAt),
        place: meeting.place,
        agenda: meeting.agenda,
        minutes: meeting.minutes,
      };
      const typed: Record<string, string> = {
        startsAt,
        endsAt,
        place: place.trim(),
        agenda: agenda.trim(),
        minutes: minutes.trim(),
      };
      const patch = Object.fromEntries(Object.entries(all).filter(([k]) => typed[k] !== (before[k] ?? '')));
      if (Object.keys(patch).length) await write('PATCH', `/api/partnership-tables/${table.id}/meetings/${meeting.id}`, patch);
      onDone(Object.keys(patch).length > 0);
    });
  }

  return (
    <TableEditorForm
      idPrefix={idp}
      heading={meeting ? t('partnershipTable.meetings.editHeading') : t('partnershipTable.meetings.addHeading')}
      error={errors.form}
      submitLabel={meeting ? t('partnershipTable.meetings.saveEdit') : t('partnershipTable.meetings.save')}
      busy={busy}
      onSubmit={submit}
      onCancel={() => onDone(false)}
    >
      <p className="panel-help">{t('partnershipTable.meetings.timeHelp')}</p>
      <div className="locate-fields">
        <TextInput
          id={`${idp}-startsAt`}
          type="datetime-local"
          label={t('partnershipTable.meetings.startsAt')}
          required
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          {...errorProps(errors.startsAt)}
        />
        <TextInput
          id={`${idp}-endsAt`}
          type="datetime-local"
          label={t('partnershipTable.meetings.endsAt')}
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          {...errorProps(errors.endsAt)}
        />
      </div>
      <TextInput
        id={`${idp}-place`}
        label={t('partnershipTable.meetings.place')}
        required
        maxLength={300}
        value={place}
        onChange={(e) => setPlace(e.target.value)}
        {...errorProps(errors.place)}
      />
      <TextArea
        id={`${idp}-agenda`}
        label={t('partnershipTable.meetings.agenda')}
        value={agenda}
        onChange={(e) => setAgenda(e.target.value)}
        {...errorProps(errors.agenda)}
      />
      <TextArea
        id={`${idp}-minutes`}
        label={t('partnershipTable.meetings.minutes')}
        helperText={t('partnershipTable.meetings.minutesHelp')}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        {...errorProps(errors.minutes)}
      />
    </TableEditorForm>
  );
}
