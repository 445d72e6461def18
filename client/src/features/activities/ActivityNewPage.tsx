import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAccount } from '@/features/account';
import { NotAllowed } from '@/features/account';
import { useActivityAuthority } from './activity-editing';
import { ActivityForm } from './ActivityForm';
import { usePageTitle } from '@/ui/use-page-title';

/** /activities/new: an official adds an activity of their department; saving opens its page. */
export function ActivityNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.activityNew'));
  const { search } = useLocation();
  const navigate = useNavigate();
  const { isLoading } = useAccount();
  const { mayCreate } = useActivityAuthority();
  const back = { pathname: '/activities', search };

  if (isLoading) return <LoadingSpinner small loadingText={t('activities.loading')} />;
  return (
    <section className="panel" aria-labelledby={mayCreate ? 'activity-form-heading' : 'activity-new-heading'}>
      <Link className="activity-back" to={back}>
        ← {t('activities.detail.back')}
      </Link>
      {mayCreate ? (
        <ActivityForm
          onSaved={(saved) =>
            void navigate({ pathname: `/activities/${saved.id}`, search }, { state: { activitySaved: 'created' } })
          }
          onCancel={() => void navigate(back)}
        />
      ) : (
        <>
          <h2 id="activity-new-heading" className="panel-heading">
            {t('activities.form.newHeading')}
          </h2>
          <NotAllowed
            type="info"
            label={t('activities.form.notAllowed')}
            body={t('activities.form.notAllowedBody')}
            signInBody={t('activities.form.signInFirst')}
            testId="activity-not-allowed"
          />
        </>
      )}
    </section>
  );
}
