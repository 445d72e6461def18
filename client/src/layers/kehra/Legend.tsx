import { useTranslation } from 'react-i18next';
import { DEV_AREA_STATUSES } from '@contracts/kehra';
import { useMatch } from 'react-router';
import { cssColor } from '@/map/theme';
import { STATUS_COLORS, TABLE_COLORS } from './style';

/** Development areas by status and the two shapes of a partnership table (shown in the Kehrä section). */
export function KehraLegend() {
  const { t } = useTranslation();
  const active = useMatch('/kehra/*') != null;
  if (!active) return null;
  return (
    <>
      <h3 className="legend-subheading">{t('kehra.legend.areas')}</h3>
      <ul className="legend-list">
        {DEV_AREA_STATUSES.map((s) => (
          <li key={s}>
            <span
              aria-hidden="true"
              className="legend-swatch legend-swatch--fill"
              style={{
                ['--swatch-color' as string]: cssColor(STATUS_COLORS[s]),
                ['--swatch-outline' as string]: cssColor(STATUS_COLORS[s]),
              }}
            />
            {t(`kehra.status.${s}`)}
          </li>
        ))}
      </ul>
      <h3 className="legend-subheading">{t('kehra.legend.tables')}</h3>
      <ul className="legend-list">
        <li>
          <span
            aria-hidden="true"
            className="legend-swatch legend-swatch--point"
            style={{ ['--swatch-color' as string]: cssColor(TABLE_COLORS.table), ['--swatch-outline' as string]: '#fff' }}
          />
          {t('kehra.legend.meetingPlace')}
        </li>
        <li>
          <span
            aria-hidden="true"
            className="legend-swatch legend-swatch--line kehra-swatch--dashed"
            style={{ ['--swatch-color' as string]: cssColor(TABLE_COLORS.table) }}
          />
          {t('kehra.legend.tableArea')}
        </li>
      </ul>
    </>
  );
}
