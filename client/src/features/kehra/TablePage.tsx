import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { SECTORS } from '@contracts/kehra';
import { OUTCOME_ROUTES } from '@contracts/partnership-tables';
import { errorMessage, formatDateTime } from '@/features/ideas/format';
import { areaName } from '@/layers/areas/area-name';
import { tableQuery } from '@/layers/kehra/query';
import { SectorBalanceView } from './SectorBalanceView';
import { useThemeName } from './use-theme-name';
import { Contact } from './WhoIsActivePanel';

/** /kehra/tables/:id: a partnership table, its people by sector (5–15), meetings and outcomes by route. */
export function TablePage() {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const table = useQuery({ ...tableQuery(id), enabled: valid });
  const theme = useThemeName();
  const d = table.data;
  return (
    <>
      <section className="panel" aria-labelledby="kehra-table-heading">
        <Link to={{ pathname: '/kehra', search }}>{t('kehra.back')}</Link>
        {table.isPending && valid && <LoadingSpinner small loadingText={t('kehra.loading')} />}
        {(table.error || !valid) && <p className="form-error">{valid ? errorMessage(table.error) : t('kehra.notFound')}</p>}
        {d && (
          <>
            <h2 id="kehra-table-heading" className="panel-heading">
              {d.name}
            </h2>
            <p>{t('kehra.tables.convener', { name: d.convener })}</p>
            {d.description && <p>{d.description}</p>}
            {d.themes.length > 0 && <p>{t('kehra.table.themes', { themes: d.themes.map(theme).join(', ') })}</p>}
            {d.area && <p>{t('kehra.table.area', { name: areaName(d.area, i18n.language) })}</p>}
            {d.meetingPlaceName && <p>{t('kehra.table.meetingPlace', { name: d.meetingPlaceName })}</p>}
            <p>
              <Contact contact={d.contact} />
            </p>
          </>
        )}
      </section>
      {d && (
        <section className="panel" aria-labelledby="kehra-participants-heading">
          <h2 id="kehra-participants-heading" className="panel-heading">
            {t('kehra.table.participants')}
          </h2>
          <SectorBalanceView balance={d.balance} />
          {SECTORS.map((s) => {
            const people = d.participants.filter((p) => p.sector === s);
            return (
              people.length > 0 && (
                <div key={s}>
                  <h3 className="kehra-subheading">{t(`kehra.sector.${s}`)}</h3>
                  <ul className="kehra-list">
                    {people.map((p) => (
                      <li key={p.id}>
                        {p.name}
                        {p.organisation ? `, ${p.organisation}` : ''}
                      </li>
                    ))}
                  </ul>
                </div>
              )
            );
          })}
        </section>
      )}
      {d && (
        <section className="panel" aria-labelledby="kehra-meetings-heading">
          <h2 id="kehra-meetings-heading" className="panel-heading">
            {t('kehra.table.meetings')}
          </h2>
          {d.meetings.length === 0 ? (
            <p className="panel-help">{t('kehra.table.noMeetings')}</p>
          ) : (
            <ul className="kehra-list">
              {d.meetings.map((m) => (
                <li key={m.id}>
                  <strong>{formatDateTime(m.startsAt, i18n.language)}</strong>, {m.place}
                  {m.agenda && <div className="kehra-meta">{m.agenda}</div>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {d && (
        <section className="panel" aria-labelledby="kehra-outcomes-heading">
          <h2 id="kehra-outcomes-heading" className="panel-heading">
            {t('kehra.table.outcomes')}
          </h2>
          {OUTCOME_ROUTES.map((route) => {
            const outcomes = d.outcomes.filter((o) => o.route === route);
            return (
              <div key={route}>
                <h3 className="kehra-subheading">
                  {t(`kehra.route.${route}`)} ({d.outcomesByRoute[route] ?? 0})
                </h3>
                {outcomes.length > 0 && (
                  <ul className="kehra-list">
                    {outcomes.map((o) => (
                      <li key={o.id}>{o.description}</li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </section>
      )}
    </>
  );
}
