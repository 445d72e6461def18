import { useTranslation } from 'react-i18next';
import type { DevAreaStatus } from '@contracts/kehra';
import { STATUS_COLORS } from '@/layers/kehra/style';
import { cssColor } from '@/map/theme';

/** A development area's status in words with the map colour beside it. */
export function StatusBadge({ status }: { status: DevAreaStatus }) {
  const { t } = useTranslation();
  return (
    <span className="stage-badge" data-status={status}>
      <span className="stage-badge-dot" aria-hidden="true" style={{ background: cssColor(STATUS_COLORS[status]) }} />
      {t(`kehra.status.${status}`)}
    </span>
  );
}
