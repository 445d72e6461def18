import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAccount } from '@/features/account';
import { roundsQuery } from '@/layers/budgeting/query';
import { errorMessage, formatEuros } from '@/ui/format';
import { Panel } from '@/ui/Panel';
import { usePageTitle } from '@/ui/use-page-title';
import { localName } from './names';
import { PhaseBadge } from './PhaseBadge';
import './budgeting.css';

/** /budgeting: the rounds of participatory budgeting, each with its phase and total. */
export function BudgetingPanel() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('budgeting.pageTitle'));
  const { search } = useLocation();
  const { hasRole } = useAccount();
  const rounds = useQuery(roundsQuery());
  return (
    <Panel id="budgeting-heading" heading={t('budgeting.heading')} testId="budgeting-rounds">
      <p className="panel-help">{t('budgeting.intro')}</p>
      {rounds.isPending && <LoadingSpinner small loadingText={t('budgeting.loading')} />}
      {rounds.error && <p className="form-error">{errorMessage(rounds.error)}</p>}
      {rounds.data?.length === 0 && <p className="panel-help">{t('budgeting.none')}</p>}
      {!!rounds.data?.length && (
        <ul className="budgeting-rounds">
          {rounds.data.map((r) => (
            <li key={r.id}>
              <Link to={{ pathname: `/budgeting/rounds/${r.id}`, search }}>{localName(r, i18n.language)}</Link>{' '}
              <PhaseBadge phase={r.phase} />{' '}
              <span className="budgeting-meta">{t('budgeting.total', { amount: formatEuros(r.totalEur, i18n.language) })}</span>
            </li>
          ))}
        </ul>
      )}
      {(hasRole('official') || hasRole('admin')) && (
        <p>
          <Link className="kk-button-link" to={{ pathname: '/budgeting/rounds/new', search }}>
            {t('budgeting.newRound.link')}
          </Link>
        </p>
      )}
    </Panel>
  );
}
