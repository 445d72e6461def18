import { useTranslation } from 'react-i18next';
import { AREA_LEVELS, type AreaLevel } from '@contracts/areas';
import { FIGURE_KEYS, type FigureKey } from '@contracts/statistics';
import { CLASS_COLOURS, NO_DATA_COLOUR } from './style';
import { useStatisticsFigure, useStatisticsLevel, useStatisticsView } from './use-statistics-view';

/** The figure selector and, when a figure is on, its five classes with their ranges. */
export function StatisticsLegend() {
  const { t, i18n } = useTranslation();
  const [figure, setFigure] = useStatisticsFigure();
  const [level, setLevel] = useStatisticsLevel();
  const view = useStatisticsView();
  const fmt = (v: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v);
  const b = view?.breaks ?? [];
  const ranges = CLASS_COLOURS.map((_, i) =>
    i === 0 ? `< ${fmt(b[0])}` : i === CLASS_COLOURS.length - 1 ? `≥ ${fmt(b[i - 1])}` : `${fmt(b[i - 1])} – ${fmt(b[i])}`,
  );
  return (
    <div className="legend-statistics" data-testid="statistics-legend">
      <label htmlFor="legend-statistics-figure">{t('statistics.choropleth')}</label>
      <select
        id="legend-statistics-figure"
        value={figure ?? ''}
        onChange={(e) => setFigure((e.target.value || null) as FigureKey | null)}
      >
        <option value="">{t('statistics.choroplethOff')}</option>
        {FIGURE_KEYS.map((k) => (
          <option key={k} value={k}>
            {t(`statistics.figures.${k}`)}
          </option>
        ))}
      </select>
      {figure && (
        <>
          <label htmlFor="legend-statistics-level">{t('statistics.choroplethLevel')}</label>
          <select id="legend-statistics-level" value={level} onChange={(e) => setLevel(e.target.value as AreaLevel)}>
            {AREA_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        </>
      )}
      {view && b.length === 4 && (
        <ul
          className="legend-list"
          aria-label={t('statistics.choroplethScale', { year: view.year, level: t(`levels.${view.level}`) })}
        >
          {CLASS_COLOURS.map((c, i) => (
            <li key={c}>
              <span
                aria-hidden="true"
                className="legend-swatch legend-swatch--fill"
                style={{ ['--swatch-color' as string]: c, ['--swatch-outline' as string]: '#666' }}
              />
              {ranges[i]}
            </li>
          ))}
          <li>
            <span
              aria-hidden="true"
              className="legend-swatch legend-swatch--fill"
              style={{ ['--swatch-color' as string]: NO_DATA_COLOUR, ['--swatch-outline' as string]: '#666' }}
            />
            {t('statistics.noData')}
          </li>
        </ul>
      )}
    </div>
  );
}
