import { useTranslation } from 'react-i18next';
import type { IdeaStage } from '@contracts/ideas';
import { STAGE_COLORS } from '@/layers/ideas/style';
import { cssColor } from '@/map/theme';

/** The stage in words with the map's colour beside it (the colour alone never carries the meaning). */
export function StageBadge({ stage }: { stage: IdeaStage }) {
  const { t } = useTranslation();
  return (
    <span className="stage-badge" data-stage={stage}>
      <span className="stage-badge-dot" aria-hidden="true" style={{ background: cssColor(STAGE_COLORS[stage]) }} />
      {t(`ideas.stage.${stage}`)}
    </span>
  );
}
