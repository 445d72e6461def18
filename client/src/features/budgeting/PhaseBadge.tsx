import { useTranslation } from 'react-i18next';
import type { CurrentPhase } from '@contracts/budgeting';

export function PhaseBadge({ phase }: { phase: CurrentPhase }) {
  const { t } = useTranslation();
  return (
    <span className={`budgeting-phase budgeting-phase--${phase}`} data-phase={phase}>
      {t(`budgeting.phase.${phase}`)}
    </span>
  );
}
