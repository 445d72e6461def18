import { useTranslation } from 'react-i18next';
import { useMatch } from 'react-router';
import { cssColor } from '@/map/theme';
import { SPACE_COLORS } from './style';

/** The spaces' one symbol (shown in the Spaces section). */
export function SpacesLegend() {
  const { t } = useTranslation();
  if (useMatch('/spaces/*') == null) return null;
  return (
    <ul className="legend-list">
      <li>
        <span
          aria-hidden="true"
          className="legend-swatch legend-swatch--point"
          style={{ ['--swatch-color' as string]: cssColor(SPACE_COLORS.space), ['--swatch-outline' as string]: '#fff' }}
        />
        {t('spaces.legend')}
      </li>
    </ul>
  );
}
