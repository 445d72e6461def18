import { useTranslation } from 'react-i18next';
import { sendJson } from '@/api/http';
import { ReasonForm } from './ReasonForm';

/** Anyone may report an idea or a comment to the moderators. */
export function ReportForm({ targetType, targetId }: { targetType: 'idea' | 'comment'; targetId: number }) {
  const { t } = useTranslation();
  return (
    <ReasonForm
      openLabel={targetType === 'idea' ? t('ideas.report.idea') : t('ideas.report.comment')}
      reasonLabel={t('ideas.report.reason')}
      submitLabel={t('ideas.report.send')}
      sentText={t('ideas.report.thanks')}
      send={(reason) => sendJson('POST', '/api/reports', { targetType, targetId, reason })}
    />
  );
}
