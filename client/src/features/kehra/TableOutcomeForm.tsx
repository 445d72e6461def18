import { Button, ButtonSize, TextArea, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { IdeaDetail } from '@contracts/ideas';
import { OUTCOME_ROUTES, type OutcomeRoute, type TableDetail, type TableOutcome } from '@contracts/partnership-tables';
import { ApiError, getJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { TableEditorForm, useTableForm, useTableWrite } from './TableEditing';
import { StatusLine, useFocusById } from '@/ui/Feedback';
import { NativeSelect } from '@/ui/NativeSelect';
import { Panel } from '@/ui/Panel';

/** The table's outcomes grouped by the six routes, with counts; officials add outcomes here. */
export function TableOutcomes({ table, canEdit }: { table: TableDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const focus = useFocusById();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  return (
    <Panel id="kehra-outcomes-heading" heading={t('kehra.table.outcomes')} testId="table-outcomes">
      {OUTCOME_ROUTES.map((route) => {
        const outcomes = table.outcomes.filter((o) => o.route === route);
        return (
          <div key={route}>
            <h3 className="kehra-subheading">
              {t(`kehra.route.${route}`)} ({table.outcomesByRoute[route] ?? 0})
            </h3>
            {outcomes.length > 0 && (
              <ul className="kehra-list">
                {outcomes.map((o) => (
                  <OutcomeItem key={o.id} outcome={o} />
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {canEdit && (
        <>
          <StatusLine text={message} testId="table-outcomes-status" />
          {open ? (
            <OutcomeForm
              tableId={table.id}
              onDone={(route) => {
                setOpen(false);
                if (route) setMessage(t('partnershipTable.outcomes.added', { route: t(`kehra.route.${route}`) }));
                focus('table-outcome-add');
              }}
            />
          ) : (
            <Button
              type="button"
              id="table-outcome-add"
              size={ButtonSize.Small}
              className="table-edit-button"
              onClick={() => (setMessage(''), setOpen(true))}
            >
              {t('partnershipTable.outcomes.add')}
            </Button>
          )}
        </>
      )}
    </Panel>
  );
}

function OutcomeItem({ outcome }: { outcome: TableOutcome }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const links = [
    ...outcome.ideaIds.map((id) => ({ to: `/ideas/${id}`, label: t('partnershipTable.outcomes.idea', { id }) })),
    ...outcome.activityIds.map((id) => ({ to: `/activities/${id}`, label: t('partnershipTable.outcomes.activity', { id }) })),
  ];
  return (
    <li>
      {outcome.description}
      {links.length > 0 && (
        <span className="kehra-meta">
          {' '}
          ({t('partnershipTable.outcomes.linked')}{' '}
          {links.map((l, i) => (
            <span key={l.to}>
              {i > 0 && ', '}
              <Link to={{ pathname: l.to, search }}>{l.label}</Link>
            </span>
          ))}
          )
        </span>
      )}
    </li>
  );
}

const tokens = (s: string) => s.split(/[\s,;]+/).filter(Boolean);

/** Idea numbers as they are; tracking codes (KK-7F3Q-M2) looked up. An unknown code fails like a 400 on ideaIds. */
async function ideaIdsOf(text: string, unknown: (code: string) => string): Promise<number[]> {
  const ids = await Promise.all(
    tokens(text).map(async (token) => {
      if (/^\d+$/.test(token)) return Number(token);
      try {
        return (await getJson<IdeaDetail>(`/api/ideas/by-code/${encodeURIComponent(token.toUpperCase())}`)).properties.id;
      } catch (err) {
        if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 400)) throw err;
        throw new ApiError(400, 'unknown_idea', unknown(token), [{ path: ['ideaIds'], message: unknown(token) }]);
      }
    }),
  );
  return [...new Set(ids)];
}

function OutcomeForm({ tableId, onDone }: { tableId: number; onDone: (route: OutcomeRoute | null) => void }) {
  const { t } = useTranslation();
  const write = useTableWrite();
  const { errors, busy, fail, run } = useTableForm<'description' | 'ideaIds' | 'activityIds'>('table-outcome');
  const [route, setRoute] = useState<OutcomeRoute>(OUTCOME_ROUTES[0]);
  const [description, setDescription] = useState('');
  const [ideas, setIdeas] = useState('');
  const [activities, setActivities] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const local: Partial<Record<'description' | 'activityIds', string>> = {};
    if (!description.trim()) local.description = t('partnershipTable.outcomes.errors.description');
    if (tokens(activities).some((a) => !/^\d+$/.test(a))) local.activityIds = t('partnershipTable.outcomes.errors.activityIds');
    if (Object.keys(local).length) return fail(local);
    void run(async () => {
      const ideaIds = await ideaIdsOf(ideas, (code) => t('partnershipTable.outcomes.errors.unknownIdea', { code }));
      const activityIds = [...new Set(tokens(activities).map(Number))];
      await write('POST', `/api/partnership-tables/${tableId}/outcomes`, {
        route,
        description: description.trim(),
        ...(ideaIds.length ? { ideaIds } : {}),
        ...(activityIds.length ? { activityIds } : {}),
      });
      onDone(route);
    });
  }

  return (
    <TableEditorForm
      idPrefix="table-outcome"
      heading={t('partnershipTable.outcomes.addHeading')}
      error={errors.form}
      submitLabel={t('partnershipTable.outcomes.save')}
      busy={busy}
      onSubmit={submit}
      onCancel={() => onDone(null)}
    >
      <NativeSelect
        id="table-outcome-route"
        label={t('partnershipTable.outcomes.route')}
        value={route}
        options={OUTCOME_ROUTES.map((r) => ({ value: r, label: t(`kehra.route.${r}`) }))}
        onChange={setRoute}
      />
      <TextArea
        id="table-outcome-description"
        label={t('partnershipTable.outcomes.description')}
        required
        maxLength={5000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...errorProps(errors.description)}
      />
      <TextInput
        id="table-outcome-ideaIds"
        label={t('partnershipTable.outcomes.ideas')}
        helperText={t('partnershipTable.outcomes.ideasHelp')}
        autoComplete="off"
        value={ideas}
        onChange={(e) => setIdeas(e.target.value)}
        {...errorProps(errors.ideaIds)}
      />
      <TextInput
        id="table-outcome-activityIds"
        label={t('partnershipTable.outcomes.activities')}
        helperText={t('partnershipTable.outcomes.activitiesHelp')}
        autoComplete="off"
        inputMode="numeric"
        value={activities}
        onChange={(e) => setActivities(e.target.value)}
        {...errorProps(errors.activityIds)}
      />
    </TableEditorForm>
  );
}
