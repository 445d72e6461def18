import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { GroupBody, KehraGroupDetail } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { kehraKeys } from '@/layers/kehra/query';
import { GroupDetailsForm } from './GroupDetailsForm';
import { usePageTitle } from '@/ui/use-page-title';

/** Navigation state of the group page right after it was created: it announces the new group. */
export interface CreatedState {
  created: true;
}

/** /kehra/groups/new: admins found a Kehrä with the group details form, then land on its page. */
export function NewGroupPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.kehraGroupNew'));
  const { search } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { hasRole, isLoading } = useAccount();
  const create = useMutation({
    mutationFn: (body: GroupBody) => sendJson<KehraGroupDetail>('POST', '/api/kehra/groups', body),
    onSuccess: async (group) => {
      queryClient.setQueryData(kehraKeys.group(group.id), group);
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      void navigate({ pathname: `/kehra/groups/${group.id}`, search }, { state: { created: true } satisfies CreatedState });
    },
  });

  return (
    <section className="panel" aria-labelledby="kehra-new-group-heading">
      <Link to={{ pathname: '/kehra', search }}>{t('kehra.back')}</Link>
      <h2 id="kehra-new-group-heading" className="panel-heading">
        {t('kehra.newGroup.heading')}
      </h2>
      {isLoading ? (
        <LoadingSpinner small loadingText={t('kehra.loading')} />
      ) : !hasRole('admin') ? (
        <p className="panel-help">{t('kehra.newGroup.adminOnly')}</p>
      ) : (
        <>
          <p className="panel-help">{t('kehra.newGroup.help')}</p>
          <GroupDetailsForm
            idPrefix="kehra-group-new"
            heading={t('kehra.newGroup.formHeading')}
            submitLabel={t('kehra.newGroup.create')}
            pending={create.isPending}
            error={create.error}
            // A new group's form names every field it sends and never null.
            onSubmit={(body) => create.mutate(body as GroupBody)}
            onCancel={() => void navigate({ pathname: '/kehra', search })}
          />
        </>
      )}
    </section>
  );
}
