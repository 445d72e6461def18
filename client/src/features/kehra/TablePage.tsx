import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useRouteId } from '@/state/route-id';
import type { TableDetail } from '@contracts/partnership-tables';
import { errorMessage } from '@/ui/format';
import { areaName } from '@/layers/areas/area-name';
import { tableQuery } from '@/layers/kehra/query';
import { useCanEditTables } from './TableEditing';
import { StatusLine, useFocusById } from '@/ui/Feedback';
import { TableForm } from './TableForm';
import { TableMeetings } from './TableMeetingsEditor';
import { TableOutcomes } from './TableOutcomeForm';
import { TableParticipants } from './TableParticipantsEditor';
import { useThemeName } from './use-theme-name';
import { Contact } from './WhoIsActivePanel';
import { useDefaultArea } from '@/state/url-state';
import { usePageTitle } from '@/ui/use-page-title';
import { DemoTag } from '@/ui/DemoLabel';

const HEADING = 'kehra-table-heading';

/**
 * /kehra/tables/:id: a partnership table, its people by sector (5–15), meetings and outcomes by
 * route. Officials and admins edit each part in place.
 */
export function TablePage() {
  const id = useRouteId() ?? 0;
  // Keyed by table: another table's page starts without this one's messages and open forms.
  return <TablePageOf key={id} id={id} />;
}

function TablePageOf({ id }: { id: number }) {
  const { t } = useTranslation();
  const { search, state } = useLocation();
  const valid = Number.isInteger(id) && id > 0;
  const table = useQuery({ ...tableQuery(id), enabled: valid });
  usePageTitle(table.data?.name ?? t('pageTitle.table'));
  const canEdit = useCanEditTables();
  const focus = useFocusById();
  const created = (state as { created?: string } | null)?.created;
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState(created ? t('partnershipTable.created', { name: created }) : '');
  const d = table.data;
  useDefaultArea(d?.area?.id);

  // Arriving from "new table": the reader lands on the new table's name.
  useEffect(() => {
    if (created) focus(HEADING);
  }, [created, focus]);

  return (
    <>
      <section className="panel" aria-labelledby={editing ? 'table-form-heading' : HEADING}>
        <Link to={{ pathname: '/kehra', search }}>{t('kehra.back')}</Link>
        {table.isPending && valid && <LoadingSpinner small loadingText={t('kehra.loading')} />}
        {(table.error || !valid) && <p className="form-error">{valid ? errorMessage(table.error) : t('kehra.notFound')}</p>}
        {d && editing && (
          <TableForm
            table={d}
            onSaved={() => {
              setEditing(false);
              setMessage(t('partnershipTable.saved'));
              focus(HEADING);
            }}
            onCancel={() => {
              setEditing(false);
              focus('table-edit-details');
            }}
          />
        )}
        {d && !editing && <TableDetails table={d} />}
        {canEdit && <StatusLine text={message} testId="table-status" />}
        {d && canEdit && !editing && (
          <Button
            type="button"
            id="table-edit-details"
            className="table-edit-button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            onClick={() => (setMessage(''), setEditing(true))}
          >
            {t('partnershipTable.edit')}
          </Button>
        )}
      </section>
      {d && <TableParticipants table={d} canEdit={canEdit} />}
      {d && <TableMeetings table={d} canEdit={canEdit} />}
      {d && <TableOutcomes table={d} canEdit={canEdit} />}
    </>
  );
}

function TableDetails({ table: d }: { table: TableDetail }) {
  const { t, i18n } = useTranslation();
  const theme = useThemeName();
  return (
    <>
      <h2 id={HEADING} className="panel-heading" tabIndex={-1}>
        {d.name}
      </h2>
      {d.isDemo && <DemoTag />}
      <p>{t('kehra.tables.convener', { name: d.convener })}</p>
      {d.description && <p className="table-text">{d.description}</p>}
      {d.themes.length > 0 && <p>{t('kehra.table.themes', { themes: d.themes.map(theme).join(', ') })}</p>}
      {d.area ? (
        <p>{t('kehra.table.area', { name: areaName(d.area, i18n.language) })}</p>
      ) : (
        <p>{t('partnershipTable.drawnArea')}</p>
      )}
      {d.meetingPlaceName && <p>{t('kehra.table.meetingPlace', { name: d.meetingPlaceName })}</p>}
      <p>
        <Contact contact={d.contact} />
      </p>
    </>
  );
}
