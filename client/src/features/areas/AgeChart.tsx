import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * Okabe–Ito blue and orange: told apart with every common colour-vision deficiency, and each
 * over 3:1 against white (WCAG 1.4.11 for graphics).
 */
export const DISTRICT_COLOUR = '#0072B2';
export const CITY_COLOUR = '#D55E00';

interface AgeRow {
  key: string;
  label: string;
  district: number | null;
  city: number | null;
}

/** The age structure as shares of the population, the district beside the city; the table below says the same. */
export function AgeChart({ rows }: { rows: AgeRow[] }) {
  const { t, i18n } = useTranslation();
  const pct = (v: unknown) => `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(Number(v))} %`;
  return (
    <figure className="area-statistics-chart" data-testid="area-age-chart">
      <figcaption className="panel-help">{t('statistics.ageChartCaption')}</figcaption>
      {/* The chart is a picture for sighted readers; the table in the details below is its text. */}
      <div aria-hidden="true" style={{ width: '100%', height: 420 }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={pct} />
            <YAxis type="category" dataKey="label" width={96} interval={0} tick={{ fontSize: 12 }} />
            <Tooltip formatter={pct} />
            <Legend />
            <Bar dataKey="district" name={t('statistics.district')} fill={DISTRICT_COLOUR} isAnimationActive={false} />
            <Bar dataKey="city" name={t('statistics.city')} fill={CITY_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
