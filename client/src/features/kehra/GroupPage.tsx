import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useRouteId } from '@/state/route-id';
import { useAccount } from '@/features/account';
import { errorMessage } from '@/ui/format';
import { areaName } from '@/layers/areas/area-name';
import { groupQuery, planQuery } from '@/layers/kehra/query';
import { DevAreaForm } from './DevAreaForm';
import { DevAreaItem } from './DevAreaItem';
import { GroupDetailsEditor } from './GroupDetailsEditor';
import { MemberList, MembersEditor } from './MembersEditor';
import type { CreatedState } from './NewGroupPage';
import { PlanEditor } from './PlanEditor';
import { GoalList, PlanGoalsEditor } from './PlanGoalsEditor';
import { PlanItemSummary } from './PlanItemEditor';
import { SectorBalanceView } from './SectorBalanceView';
import { Contact } from './WhoIsActivePanel';
import { useDefaultArea } from '@/state/url-state';
import { Panel } from '@/ui/Panel';
import { usePageTitle } from '@/ui/use-page-title';
import { DemoTag } from '@/ui/DemoLabel';

/** /kehra/groups/:id: the group, its people by sector, development areas and plan; members edit. */
export function GroupPage() {
  const { t, i18n } = useTranslation();
  const { search, state } = useLocation();
  const created = (state as CreatedState | null)?.created === true;
  const id = useRouteId() ?? 0;
  const valid = Number.isInteger(id) && id > 0;
  const group = useQuery({ ...groupQuery(id), enabled: valid });
  const plan = useQuery({ ...planQuery(id), enabled: valid });
  usePageTitle(group.data?.name ?? t('pageTitle.kehraGroup'));
  const { hasRole, kehraGroups } = useAccount();
  const canEdit = hasRole('admin') || kehraGroups.some((g) => g.id === id);
  const [editingArea, setEditingArea] = useState<number | null>(null);
  const g = group.data;
  useDefaultArea(g?.districts[0]?.id);

  return (
    <>
      <section className="panel" aria-labelledby="kehra-group-heading">
        <Link to={{ pathname: '/kehra', search }}>{t('kehra.back')}</Link>
        {group.isPending && valid && <LoadingSpinner small loadingText={t('kehra.loading')} />}
        {(group.error || !valid) && <p className="form-error">{valid ? errorMessage(group.error) : t('kehra.notFound')}</p>}
        {g && (
          <>
            <h2 id="kehra-group-heading" className="panel-heading">
              {g.name}
            </h2>
            {g.isDemo && <DemoTag />}
            {g.description && <p data-testid="group-description">{g.description}</p>}
            <p>
              <Contact contact={g.contact} />
            </p>
            {g.districts.length > 0 && (
              <p>{t('kehra.group.districts', { names: g.districts.map((d) => areaName(d, i18n.language)).join(', ') })}</p>
            )}
            {canEdit && <GroupDetailsEditor group={g} created={created} />}
          </>
        )}
      </section>
      {g && (
        <Panel id="kehra-members-heading" heading={t('kehra.group.members')}>
          <SectorBalanceView balance={g.balance} />
          {canEdit ? <MembersEditor groupId={id} members={g.members} /> : <MemberList members={g.members} />}
        </Panel>
      )}
      {g && (
        <Panel id="kehra-devareas-heading" heading={t('kehra.group.devAreas')}>
          {g.devAreas.length === 0 ? (
            <p className="panel-help">{t('kehra.group.noDevAreas')}</p>
          ) : (
            <ul className="kehra-list" data-testid="group-dev-areas">
              {g.devAreas.map((a) => (
                <DevAreaItem
                  key={a.id}
                  area={a}
                  canEdit={canEdit}
                  editing={editingArea === a.id}
                  onEdit={(on) => setEditingArea(on ? a.id : null)}
                />
              ))}
            </ul>
          )}
          {canEdit && editingArea === null && <DevAreaForm groupId={id} />}
        </Panel>
      )}
      {g && (
        <Panel id="kehra-plan-heading" heading={t('kehra.plan.heading')}>
          {plan.error && <p className="form-error">{errorMessage(plan.error)}</p>}
          {plan.data && (
            <>
              <h3 className="kehra-subheading">{t('kehra.plan.goals')}</h3>
              {canEdit ? <PlanGoalsEditor groupId={id} goals={plan.data.goals} /> : <GoalList goals={plan.data.goals} />}
              <h3 className="kehra-subheading">{t('kehra.plan.items')}</h3>
              {canEdit ? (
                <PlanEditor groupId={id} plan={plan.data} />
              ) : plan.data.items.length === 0 ? (
                <p className="panel-help">{t('kehra.plan.noItems')}</p>
              ) : (
                <ol className="kehra-plan" data-testid="plan-items">
                  {plan.data.items.map((item) => (
                    <li key={item.ideaId}>
                      <PlanItemSummary item={item} />
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
        </Panel>
      )}
    </>
  );
}
