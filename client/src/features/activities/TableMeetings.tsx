import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatDateTime } from '@/ui/helsinki-time';
import { meetingsQuery } from '@/layers/kehra/query';
import { Panel } from '@/ui/Panel';

/**
 * The partnership tables' meetings in the activities' time filter (and area): `filter` holds
 * `from`, `to` and `area` as the API's query string. Each links to its table's page.
 */
export function TableMeetings({ filter }: { filter: string }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const meetings = useQuery(meetingsQuery(filter));
  const list = [...(meetings.data?.features ?? [])].sort(
    (a, b) => a.properties.startsAt.localeCompare(b.properties.startsAt) || a.properties.id - b.properties.id,
  );
  return (
    <Panel id="table-meetings-heading" heading={t('activities.meetings.heading')} testId="table-meetings">
      <p className="panel-help">{t('activities.meetings.help')}</p>
      {meetings.isPending && <LoadingSpinner small loadingText={t('activities.loading')} />}
      {meetings.error && <p className="form-error">{t('activities.loadError', { message: meetings.error.message })}</p>}
      {meetings.data &&
        (list.length === 0 ? (
          <p>{t('activities.meetings.empty')}</p>
        ) : (
          <ul className="kehra-list" aria-busy={meetings.isFetching}>
            {list.map(({ properties: m }) => (
              <li key={m.id}>
                <Link to={{ pathname: `/kehra/tables/${m.tableId}`, search }}>{m.tableName}</Link>
                <div className="kehra-meta">
                  {t('activities.meetings.at', { when: formatDateTime(m.startsAt, i18n.language), place: m.place })}
                </div>
              </li>
            ))}
          </ul>
        ))}
    </Panel>
  );
}
