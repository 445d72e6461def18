import { Tag } from 'hds-react';
import { useTranslation } from 'react-i18next';

/**
 * The demo story's mark, the same wherever demo content shows (activities, ideas, Kehrä groups,
 * partnership tables): a small badge in a list row, a tag on a detail page.
 */
export function DemoBadge() {
  const { t } = useTranslation();
  return <span className="activity-badge">{t('activities.demo')}</span>;
}

export function DemoTag() {
  const { t } = useTranslation();
  return (
    <Tag className="activity-demo-tag" data-testid="demo-tag">
      {t('activities.demoTag')}
    </Tag>
  );
}
