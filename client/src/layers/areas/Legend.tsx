import { Checkbox } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { cssColor } from '@/map/theme';
import { useDistrictsShown } from '@/state/url-state';
import { AREA_COLORS, type AreaColorName } from './style';

type Swatch = 'fill' | 'line' | 'point';

/** Legend rows; each colour is one of AREA_COLORS, so the legend cannot drift from the style. */
export const AREA_LEGEND: { labelKey: string; color: AreaColorName; swatch: Swatch; outline?: AreaColorName }[] = [
  { labelKey: 'legend.area', color: 'fill', swatch: 'fill', outline: 'line' },
  { labelKey: 'legend.boundary', color: 'boundary', swatch: 'line' },
  { labelKey: 'legend.selected', color: 'selectedFill', swatch: 'fill', outline: 'selectedLine' },
  { labelKey: 'legend.point', color: 'point', swatch: 'point' },
];

export function AreasLegend() {
  const { t } = useTranslation();
  const [districtsShown, setDistrictsShown] = useDistrictsShown();
  return (
    <>
      <Checkbox
        id="legend-districts-shown"
        className="legend-toggle"
        checked={districtsShown}
        onChange={(e) => setDistrictsShown(e.target.checked)}
        label={t('legend.showDistricts')}
      />
      <ul className="legend-list">
        {AREA_LEGEND.map((row) => (
          <li key={row.labelKey}>
            <span
              aria-hidden="true"
              className={`legend-swatch legend-swatch--${row.swatch}`}
              style={{
                ['--swatch-color' as string]: cssColor(AREA_COLORS[row.color]),
                ['--swatch-outline' as string]: cssColor(AREA_COLORS[row.outline ?? row.color]),
              }}
            />
            {t(row.labelKey)}
          </li>
        ))}
      </ul>
    </>
  );
}
