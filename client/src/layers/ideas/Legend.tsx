import { useTranslation } from 'react-i18next';
import { IDEA_STAGES } from '@contracts/ideas';
import { cssColor } from '@/map/theme';
import { IDEA_COLORS, STAGE_COLORS } from './style';

/** One row per stage, in the stage colours the layer paints with, and the cluster marker. */
export function IdeasLegend() {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="legend-subheading">{t('ideas.legend.heading')}</h3>
      <ul className="legend-list">
        {IDEA_STAGES.map((stage) => (
          <li key={stage}>
            <span
              aria-hidden="true"
              className="legend-swatch legend-swatch--point"
              style={{ ['--swatch-color' as string]: cssColor(STAGE_COLORS[stage]), ['--swatch-outline' as string]: '#fff' }}
            />
            {t(`ideas.stage.${stage}`)}
          </li>
        ))}
        <li>
          <span
            aria-hidden="true"
            className="legend-swatch legend-swatch--point legend-swatch--cluster"
            style={{ ['--swatch-color' as string]: cssColor(IDEA_COLORS.cluster), ['--swatch-outline' as string]: '#fff' }}
          />
          {t('ideas.legend.cluster')}
        </li>
      </ul>
    </>
  );
}
