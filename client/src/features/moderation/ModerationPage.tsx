import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContentReport } from '@contracts/ideas';
import { useAccount } from '@/features/account';
import { NotAllowed } from '@/features/account';
import { PageHeading } from '@/features/account';
import { errorMessage } from '@/ui/format';
import { formatDateTime } from '@/ui/helsinki-time';
import { HideForm } from '@/features/ideas';
import { dismissReport, moderationKeys, reportsQuery } from './moderation-queries';
import { usePageTitle } from '@/ui/use-page-title';

/** /moderation — the open reports of ideas and comments, to hide or dismiss. Moderators and admins only. */
export function ModerationPage() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.moderation'));
  const { user, hasRole, isLoading } = useAccount();

  if (isLoading) return <LoadingSpinner small loadingText={t('account.loading')} />;
  const allowed = !!user && (hasRole('moderator') || hasRole('admin'));
  return (
    <section className="panel account-page moderation-page" aria-labelledby="moderation-heading">
      <PageHeading id="moderation-heading">{t('moderation.heading')}</PageHeading>
      {allowed ? (
        <ReportQueue />
      ) : (
        <NotAllowed
          label={t('moderation.notAllowed')}
          body={t('moderation.notAllowedBody')}
          signInBody={t('moderation.signInFirst')}
          testId="moderation-not-allowed"
        />
      )}
    </section>
  );
}

function ReportQueue() {
  const { t } = useTranslation();
  const reports = useQuery(reportsQuery());
  // A handled report leaves the list (and focus with it): say what happened in a live region.
  const [handled, setHandled] = useState('');

  return (
    <>
      <p className="panel-help">{t('moderation.help')}</p>
      <p role="status" className="moderation-handled" data-testid="moderation-handled">
        {handled}
      </p>
      {reports.isPending && <LoadingSpinner small loadingText={t('moderation.loading')} />}
      {reports.error && (
        <p className="form-error" role="alert">
          {t('moderation.loadError', { message: errorMessage(reports.error) })}
        </p>
      )}
      {reports.data?.length === 0 && (
        <p className="panel-help" data-testid="moderation-empty">
          {t('moderation.empty')}
        </p>
      )}
      {!!reports.data?.length && (
        <ol className="moderation-queue" data-testid="moderation-queue">
          {reports.data.map((r) => (
            <li key={r.id}>
              <ReportItem report={r} onHandled={setHandled} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function ReportItem({ report, onHandled }: { report: ContentReport; onHandled: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const isIdea = report.targetType === 'idea';
  const headingId = `report-${report.id}-heading`;
  const dismiss = useMutation({
    mutationFn: () => dismissReport(report.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: moderationKeys.reports });
      onHandled(t('moderation.dismissed', { title: report.ideaTitle }));
    },
  });

  return (
    <article className="moderation-report" aria-labelledby={headingId} data-testid="moderation-report" data-report-id={report.id}>
      <h3 id={headingId}>
        <span className="moderation-kind">{isIdea ? t('moderation.kind.idea') : t('moderation.kind.comment')}</span>{' '}
        <Link to={`/ideas/${report.ideaId}`}>{report.ideaTitle}</Link>
      </h3>
      {!isIdea && <blockquote className="moderation-excerpt">{report.excerpt}</blockquote>}
      <dl className="kk-facts">
        <div>
          <dt>{t('moderation.reason')}</dt>
          <dd>{report.reason}</dd>
        </div>
        <div>
          <dt>{t('moderation.reportedAt')}</dt>
          <dd>{formatDateTime(report.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('moderation.reporter')}</dt>
          <dd>{report.reporter ?? t('moderation.visitor')}</dd>
        </div>
      </dl>
      <div className="moderation-actions">
        <HideForm
          target={{ type: report.targetType, id: report.targetId }}
          ideaId={report.ideaId}
          onHidden={() => onHandled(t('moderation.hidden', { title: report.ideaTitle }))}
        />
        <Button
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          disabled={dismiss.isPending}
          aria-describedby={headingId}
          onClick={() => dismiss.mutate()}
        >
          {t('moderation.dismiss')}
        </Button>
      </div>
      {dismiss.error && (
        <p className="form-error" role="alert">
          {errorMessage(dismiss.error)}
        </p>
      )}
    </article>
  );
}
