import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link, useLocation } from 'react-router';
import { StageBadge } from '@/features/ideas';
import { errorMessage } from '@/ui/format';
import { formatDateTime } from '@/ui/helsinki-time';
import { areaName } from '@/layers/areas/area-name';
import { whoIsActiveQuery, type WhoWhere } from '@/layers/kehra/query';
import { usePoint, useSelectedAreaId } from '@/state/url-state';
import type { KehraContact } from '@contracts/kehra';
import { Panel } from '@/ui/Panel';

/** "Who is active here": for the clicked map point (?at=), else the chosen area (?area=). */
export function WhoIsActivePanel() {
  const { t, i18n } = useTranslation();
  const departmentName = useDepartmentName();
  const { search } = useLocation();
  const [point] = usePoint();
  const [areaId] = useSelectedAreaId();
  const where: WhoWhere | null = point ? { lon: point.lon, lat: point.lat } : areaId != null ? { area: areaId } : null;
  const who = useQuery({ ...whoIsActiveQuery(where ?? { area: 0 }), enabled: where != null });
  const d = who.data;
  return (
    <Panel id="kehra-who-heading" heading={t('kehra.who.heading')} testId="who-is-active">
      {!where && <p className="panel-help">{t('kehra.who.help')}</p>}
      {where && who.isPending && <LoadingSpinner small loadingText={t('kehra.loading')} />}
      {who.error && <p className="form-error">{errorMessage(who.error)}</p>}
      {where && d && (
        <div aria-live="polite">
          <p className="panel-help">
            {d.places.length
              ? t('kehra.who.places', { names: d.places.map((p) => areaName(p, i18n.language)).join(', ') })
              : t('kehra.who.noPlace')}
          </p>
          <h3 className="kehra-subheading">{t('kehra.who.groups')}</h3>
          {d.kehraGroups.length === 0 ? (
            <p className="panel-help">{t('kehra.who.none')}</p>
          ) : (
            <ul className="kehra-list">
              {d.kehraGroups.map((g) => (
                <li key={g.id}>
                  <Link to={{ pathname: `/kehra/groups/${g.id}`, search }}>{g.name}</Link>{' '}
                  <span className="kehra-meta">({g.via.map((v) => t(`kehra.who.via.${v}`)).join(', ')})</span>
                  <Contact contact={g.contact} />
                </li>
              ))}
            </ul>
          )}
          <h3 className="kehra-subheading">{t('kehra.who.tables')}</h3>
          {d.partnershipTables.length === 0 ? (
            <p className="panel-help">{t('kehra.who.none')}</p>
          ) : (
            <ul className="kehra-list">
              {d.partnershipTables.map((tb) => (
                <li key={tb.id}>
                  <Link to={{ pathname: `/kehra/tables/${tb.id}`, search }}>{tb.name}</Link>{' '}
                  <span className="kehra-meta">{t('kehra.tables.convener', { name: tb.convener })}</span>
                  {tb.nextMeeting && (
                    <span className="kehra-meta">
                      {' '}
                      · {t('kehra.who.nextMeeting', { when: formatDateTime(tb.nextMeeting, i18n.language) })}
                    </span>
                  )}
                  <Contact contact={tb.contact} />
                </li>
              ))}
            </ul>
          )}
          <h3 className="kehra-subheading">{t('kehra.who.ideas')}</h3>
          {d.ideas.length === 0 ? (
            <p className="panel-help">{t('kehra.who.none')}</p>
          ) : (
            <ul className="kehra-list">
              {d.ideas.map((idea) => (
                <li key={idea.id}>
                  <Link to={{ pathname: `/ideas/${idea.id}`, search }}>{idea.title}</Link> <StageBadge stage={idea.stage} />
                  {idea.responsible && (
                    <span className="kehra-meta">
                      {' '}
                      · {t('kehra.who.responsible', { name: idea.responsible.name })}
                      {idea.responsible.department ? ` (${departmentName(idea.responsible.department)})` : ''}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Panel>
  );
}

export function Contact({ contact }: { contact: KehraContact }) {
  const { t } = useTranslation();
  if (!contact.name && !contact.email && !contact.phone) return null;
  return (
    <span className="kehra-contact">
      {t('kehra.contact')}: {contact.name}
      {contact.email && (
        <>
          {contact.name ? ', ' : ''}
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </>
      )}
      {contact.phone && `, ${contact.phone}`}
    </span>
  );
}
