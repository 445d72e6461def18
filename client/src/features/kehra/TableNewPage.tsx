import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAccount } from '@/features/account';
import { NotAllowed } from '@/features/account';
import { useCanEditTables } from './TableEditing';
import { TableForm } from './TableForm';
import { usePageTitle } from '@/ui/use-page-title';

/** /kehra/tables/new: an official convenes a new partnership table; saving opens its page. */
export function TableNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.tableNew'));
  const { search } = useLocation();
  const navigate = useNavigate();
  const { isLoading } = useAccount();
  const allowed = useCanEditTables();
  const back = { pathname: '/kehra', search };

  if (isLoading) return <LoadingSpinner small loadingText={t('kehra.loading')} />;
  if (!allowed) {
    return (
      <section className="panel" aria-labelledby="table-new-heading">
        <Link to={back}>{t('kehra.back')}</Link>
        <h2 id="table-new-heading" className="panel-heading">
          {t('partnershipTable.form.newHeading')}
        </h2>
        <NotAllowed
          type="info"
          label={t('partnershipTable.notAllowed')}
          body={t('partnershipTable.notAllowedBody')}
          signInBody={t('partnershipTable.signInFirst')}
          testId="table-not-allowed"
        />
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="table-form-heading">
      <Link to={back}>{t('kehra.back')}</Link>
      <p className="panel-help">{t('partnershipTable.newHelp')}</p>
      <TableForm
        onSaved={(table) => void navigate({ pathname: `/kehra/tables/${table.id}`, search }, { state: { created: table.name } })}
        onCancel={() => void navigate(back)}
      />
    </section>
  );
}
