import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS } from '@contracts/activities';
import { cssColor } from '@/map/theme';
import { useActivityRoute } from './use-activity-view';
import { localName } from './names';
import { departmentsQuery } from './query';
import { ACTIVITY_COLORS, KIND_SYMBOLS } from './style';

/** A department-coloured circle with the kind's ring, drawn from the same KIND_SYMBOLS as the map. */
export function KindSymbol({ kind, color }: { kind: keyof typeof KIND_SYMBOLS; color?: string }) {
  const s = KIND_SYMBOLS[kind];
  const size = 2 * (s.radius + s.ringWidth);
  return (
    <span
      aria-hidden="true"
      className="activity-symbol"
      style={{
        width: size,
        height: size,
        background: color ?? cssColor(ACTIVITY_COLORS.unknown),
        border: `${s.ringWidth}px solid ${cssColor(ACTIVITY_COLORS[s.ring])}`,
      }}
    />
  );
}

/** Departments by colour, kinds by ring; shown while the activities layer is. */
export function ActivitiesLegend() {
  const { t, i18n } = useTranslation();
  const { active } = useActivityRoute();
  const departments = useQuery({ ...departmentsQuery(), enabled: active });
  if (!active) return null;
  return (
    <div className="activity-legend">
      <h3 className="legend-subheading">{t('activities.legend.departments')}</h3>
      <ul className="legend-list">
        {departments.data?.map((d) => (
          <li key={d.slug}>
            <span
              aria-hidden="true"
              className="legend-swatch legend-swatch--fill"
              style={{ ['--swatch-color' as string]: d.color, ['--swatch-outline' as string]: d.color }}
            />
            {localName(d, i18n.language)}
          </li>
        ))}
      </ul>
      <h3 className="legend-subheading">{t('activities.legend.kinds')}</h3>
      <ul className="legend-list">
        {ACTIVITY_KINDS.map((k) => (
          <li key={k}>
            <KindSymbol kind={k} />
            {t(`activities.kind.${k}`)}
          </li>
        ))}
        <li>
          <span
            aria-hidden="true"
            className="legend-swatch legend-swatch--line"
            style={{ ['--swatch-color' as string]: cssColor(ACTIVITY_COLORS.unknown) }}
          />
          {t('activities.legend.line')}
        </li>
        <li>
          <span
            aria-hidden="true"
            className="activity-symbol activity-symbol--cluster"
            style={{ background: cssColor(ACTIVITY_COLORS.cluster) }}
          />
          {t('activities.legend.cluster')}
        </li>
        <li>
          <span
            aria-hidden="true"
            className="legend-swatch legend-swatch--fill"
            style={{
              ['--swatch-color' as string]: cssColor(ACTIVITY_COLORS.selection),
              ['--swatch-outline' as string]: cssColor(ACTIVITY_COLORS.selection),
            }}
          />
          {t('activities.legend.selected')}
        </li>
      </ul>
    </div>
  );
}
