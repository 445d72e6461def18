import { useMutation } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea } from 'hds-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendJson } from '@/api/http';
import { errorMessage } from './format';

/** Anyone may report an idea or a comment to the moderators. */
export function ReportForm({ targetType, targetId }: { targetType: 'idea' | 'comment'; targetId: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const report = useMutation({
    mutationFn: () => sendJson('POST', '/api/reports', { targetType, targetId, reason: reason.trim() }),
    onSuccess: () => {
      setOpen(false);
      setReason('');
    },
  });
  if (report.isSuccess && !open) return <p className="panel-help" role="status">{t('ideas.report.thanks')}</p>;
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {targetType === 'idea' ? t('ideas.report.idea') : t('ideas.report.comment')}
      </button>
    );
  }
  return (
    <form
      className="idea-report"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) report.mutate();
      }}
    >
      <TextArea id={`report-${id}`} label={t('ideas.report.reason')} required value={reason} onChange={(e) => setReason(e.target.value)} />
      {report.error && (
        <p className="form-error" role="alert">
          {errorMessage(report.error)}
        </p>
      )}
      <div className="idea-draw-actions">
        <Button type="submit" size={ButtonSize.Small} disabled={report.isPending || !reason.trim()}>
          {t('ideas.report.send')}
        </Button>
        <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => setOpen(false)}>
          {t('ideas.cancel')}
        </Button>
      </div>
    </form>
  );
}
