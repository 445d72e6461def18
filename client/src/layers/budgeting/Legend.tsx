import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMatch } from 'react-router';
import { cssColor } from '@/map/theme';
import { parseRouteId } from '@/state/route-id';
import { formatEuros } from '@/ui/format';
import { districtLevel, formatPerResident, potShading } from './pots';
import { roundQuery } from './query';
import { PLAN_COLORS, POT_CLASS_COLORS, potBreaks } from './style';

/** On a round's page: the pots' classes of € per resident (district rounds) and what a plan's colour means. */
export function BudgetingLegend() {
  const { t, i18n } = useTranslation();
  const roundId = parseRouteId(useMatch('/budgeting/rounds/:id')?.params.id);
  const round = useQuery({ ...roundQuery(roundId ?? 0), enabled: roundId != null });
  if (roundId == null || !round.data) return null;
  const shading = potShading(round.data);
  const amounts = [...shading.values.values()];
  const breaks = potBreaks(amounts);
  const eur = (n: number) =>
    shading.by === 'resident' ? formatPerResident(n, i18n.language, t('budgeting.perResident')) : formatEuros(n, i18n.language);
  const classes =
    breaks.length === 0
      ? [{ color: POT_CLASS_COLORS[1], label: amounts.length ? eur(amounts[0]) : '' }]
      : POT_CLASS_COLORS.slice(0, breaks.length + 1).map((color, i) => ({
          color,
          label:
            i === 0
              ? t('budgeting.legend.below', { amount: eur(breaks[0]) })
              : i === breaks.length
                ? t('budgeting.legend.atLeast', { amount: eur(breaks[i - 1]) })
                : `${eur(breaks[i - 1])} – ${eur(breaks[i])}`,
        }));
  return (
    <div data-testid="budgeting-legend">
      <p className="legend-subheading" data-testid="budgeting-legend-phase">
        {t('budgeting.legend.phase', { phase: t(`budgeting.phase.${round.data.phase}`) })}
      </p>
      {districtLevel(round.data) && amounts.length > 0 && (
        <>
          <h3 className="legend-subheading">{t('budgeting.legend.pots')}</h3>
          <p className="panel-help" data-testid="budgeting-legend-shading" data-shading={shading.by}>
            {shading.by === 'resident'
              ? t('budgeting.legend.byResident', { year: round.data.residentsYear })
              : t('budgeting.legend.perPot')}
          </p>
          <ul className="legend-list">
            {classes.map((c) => (
              <li key={c.color}>
                <span
                  aria-hidden="true"
                  className="legend-swatch legend-swatch--fill"
                  style={{ ['--swatch-color' as string]: c.color, ['--swatch-outline' as string]: POT_CLASS_COLORS[3] }}
                />
                {c.label}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="legend-subheading">{t('budgeting.legend.plans')}</h3>
      <ul className="legend-list">
        {(['plan', 'funded', 'skipped'] as const).map((k) => (
          <li key={k}>
            <span
              aria-hidden="true"
              className="legend-swatch legend-swatch--point"
              style={{ ['--swatch-color' as string]: cssColor(PLAN_COLORS[k]), ['--swatch-outline' as string]: '#fff' }}
            />
            {t(`budgeting.legend.${k}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
