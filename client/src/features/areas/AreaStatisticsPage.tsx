import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/layers/activities/use-department-name';
import { Link, useParams } from 'react-router';
import { AGE_BANDS, type AreaStatistics, type FigureKey } from '@contracts/statistics';
import { localName } from '@/layers/activities/names';
import { formatPerResident } from '@/layers/budgeting/pots';
import { areaName } from '@/layers/areas/area-name';
import { Panel } from '@/ui/Panel';
import { formatEuros } from '@/ui/format';
import { usePageTitle } from '@/ui/use-page-title';
import { AgeChart } from './AgeChart';
import { areaStatisticsQuery } from './statistics-query';

/** The figures a card leads with, each beside the city's. */
const KEY_FIGURES: FigureKey[] = [
  'population',
  'averageAge',
  'households',
  'averageHouseholdSize',
  'employed',
  'unemployed',
  'workplaces',
  'averageIncome',
];
const TREND_FIGURES: FigureKey[] = ['population', 'households', 'employed', 'unemployed', 'workplaces'];

/** /areas/:id — one district's statistics card (every level), with tables for every figure. */
export function AreaStatisticsPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const stats = useQuery({ ...areaStatisticsQuery(id), enabled: Number.isInteger(id) && id > 0 });
  const name = stats.data ? areaName(stats.data.area, i18n.language) : undefined;
  usePageTitle(name ? t('statistics.pageTitle', { name }) : t('statistics.heading'));
  if (stats.error) {
    return (
      <Notification type="error" label={t('statistics.loadError')}>
        {stats.error.message}
      </Notification>
    );
  }
  if (!stats.data) return <LoadingSpinner small loadingText={t('statistics.loading')} />;
  const s = stats.data;
  return (
    <article className="area-statistics" data-testid="area-statistics">
      <p>
        <Link to={`/?area=${s.area.id}`}>{t('statistics.back')}</Link>
      </p>
      <h1 className="panel-heading">
        {name} <span className="panel-help">({t(`levels.${s.area.level}`)})</span>
      </h1>
      {s.year === null ? (
        <p>{t('statistics.none')}</p>
      ) : (
        <>
          <p className="area-statistics-population" data-testid="area-population">
            {t('statistics.populationIn', { year: s.year })}: <strong>{format(s.population, i18n.language)}</strong>
          </p>
          <KeyFigures s={s} />
          <AgeStructure s={s} />
          <Trend s={s} />
        </>
      )}
      <ProjectFiguresPanel s={s} />
      {s.project.budgeting.length > 0 && <BudgetingPanel s={s} />}
      <Panel id="area-statistics-source" heading={t('statistics.sourceHeading')}>
        <p className="panel-help">{t('statistics.method')}</p>
        <p className="panel-help">
          {s.source.name}, <a href={s.source.licenceUrl}>{s.source.licence}</a>
        </p>
        <p>
          <a href={`/api/areas/statistics.csv?level=${s.area.level}`} download={`district-statistics-${s.area.level}.csv`}>
            {t('statistics.csv', { level: t(`levels.${s.area.level}`) })}
          </a>
        </p>
      </Panel>
    </article>
  );
}

export const format = (v: number | null | undefined, language: string) =>
  v === null || v === undefined ? '–' : new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(v);

function KeyFigures({ s }: { s: AreaStatistics }) {
  const { t, i18n } = useTranslation();
  return (
    <Panel id="area-statistics-key" heading={t('statistics.keyHeading')}>
      <table className="data-table" data-testid="area-key-figures">
        <caption className="visually-hidden">{t('statistics.keyCaption', { year: s.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.figure')}</th>
            <th scope="col">{t('statistics.district')}</th>
            <th scope="col">{t('statistics.city')}</th>
          </tr>
        </thead>
        <tbody>
          {KEY_FIGURES.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`statistics.figures.${k}`)}</th>
              <td>{format(s.figures[k], i18n.language)}</td>
              <td>{format(s.city.figures[k], i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function AgeStructure({ s }: { s: AreaStatistics }) {
  const { t, i18n } = useTranslation();
  const share = (v: number | null, total: number | null) => (v === null || !total ? null : (100 * v) / total);
  const rows = AGE_BANDS.map((k) => ({
    key: k,
    label: t(`statistics.figures.${k}`),
    count: s.figures[k],
    district: share(s.figures[k], s.population),
    city: share(s.city.figures[k], s.city.figures.population),
  }));
  return (
    <Panel id="area-statistics-age" heading={t('statistics.ageHeading')}>
      <AgeChart rows={rows} />
      <details className="area-statistics-table">
        <summary>{t('statistics.asTable')}</summary>
        <table className="data-table" data-testid="area-age-table">
          <caption className="visually-hidden">{t('statistics.ageCaption', { year: s.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.age')}</th>
              <th scope="col">{t('statistics.people')}</th>
              <th scope="col">{t('statistics.districtShare')}</th>
              <th scope="col">{t('statistics.cityShare')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{format(r.count, i18n.language)}</td>
                <td>{format(r.district, i18n.language)} %</td>
                <td>{format(r.city, i18n.language)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Panel>
  );
}

function Trend({ s }: { s: AreaStatistics }) {
  const { t, i18n } = useTranslation();
  return (
    <Panel id="area-statistics-trend" heading={t('statistics.trendHeading')}>
      {/* Focusable, so a keyboard can scroll the years when they do not fit the sidebar. */}
      <div className="area-statistics-trend-wrap" tabIndex={0} role="region" aria-labelledby="area-statistics-trend">
        <table className="data-table" data-testid="area-trend">
          <caption className="visually-hidden">{t('statistics.trendHeading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.figure')}</th>
              {s.trend.map((y) => (
                <th scope="col" key={y.year}>
                  {y.year}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TREND_FIGURES.map((k) => (
              <tr key={k}>
                <th scope="row">{t(`statistics.figures.${k}`)}</th>
                {s.trend.map((y) => (
                  <td key={y.year}>{format(y.figures[k], i18n.language)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function ProjectFiguresPanel({ s }: { s: AreaStatistics }) {
  const { t } = useTranslation();
  const deptName = useDepartmentName();
  const p = s.project;
  return (
    <Panel id="area-statistics-project" heading={t('statistics.projectHeading')}>
      <table className="data-table" data-testid="area-project-figures">
        <caption className="visually-hidden">{t('statistics.projectHeading')}</caption>
        <tbody>
          {p.activitiesByDepartment.map((d) => (
            <tr key={`dept-${d.department}`}>
              <th scope="row">{t('statistics.activitiesOf', { department: deptName(d.department) })}</th>
              <td>{d.count}</td>
            </tr>
          ))}
          {p.ideasByStage.map((d) => (
            <tr key={`stage-${d.stage}`}>
              <th scope="row">{t('statistics.ideasAt', { stage: t(`ideas.stage.${d.stage}`) })}</th>
              <td>{d.count}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('statistics.kehraGroups')}</th>
            <td>{p.kehraGroups}</td>
          </tr>
          <tr>
            <th scope="row">{t('statistics.partnershipTables')}</th>
            <td>{p.partnershipTables}</td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

/** The district's own pots in budgeting rounds: where its money was decided, per resident, and funded. */
function BudgetingPanel({ s }: { s: AreaStatistics }) {
  const { t, i18n } = useTranslation();
  const eur = (n: number) => formatEuros(n, i18n.language);
  return (
    <Panel id="area-statistics-budgeting" heading={t('statistics.budgeting.heading')}>
      <table className="data-table" data-testid="area-budgeting">
        <caption className="visually-hidden">{t('statistics.budgeting.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.budgeting.round')}</th>
            <th scope="col">{t('statistics.budgeting.pot')}</th>
            <th scope="col">{t('statistics.budgeting.perResident')}</th>
            <th scope="col">{t('statistics.budgeting.funded')}</th>
          </tr>
        </thead>
        <tbody>
          {s.project.budgeting.map((b) => (
            <tr key={b.roundId}>
              <th scope="row">
                <Link to={`/budgeting/rounds/${b.roundId}`}>{localName(b, i18n.language)}</Link>
              </th>
              <td>{eur(b.potEur)}</td>
              <td>
                {b.eurPerResident == null ? '–' : formatPerResident(b.eurPerResident, i18n.language, t('budgeting.perResident'))}
              </td>
              <td>{b.fundedEur == null ? t('statistics.budgeting.noResults') : eur(b.fundedEur)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
