import type { Knex } from 'knex';
import type { Dataset } from '../collections/dataset.js';
import { countsBy } from '../collections/sql.js';
import { AREA_STATISTICS_CSV_COLUMNS } from '../contracts/statistics.js';
import {
  FIGURE_KEYS,
  FIGURES,
  type AreaStatistics,
  type FigureKey,
  type FigureValues,
  type LevelStatistics,
  type ProjectFigures,
} from '../contracts/statistics.js';
import type { AreaLevel } from '../contracts/areas.js';
import type { CsvDelimiter } from '../contracts/common.js';
import { HttpError, notFound } from '../http/errors.js';
import { csvExport } from '../http/export-stream.js';
import { log } from '../log.js';
import * as areas from '../areas/areas.repository.js';
import * as budgeting from '../budgeting/budgeting.repository.js';
import { readStatisticsSource, type StatisticsSourceData } from './paavo-sources.js';
import * as repo from './statistics.repository.js';

export const STATISTICS_SOURCE = {
  name: 'Tilastokeskus, Paavo – postinumeroalueittainen avoin tieto (Statistics Finland, Paavo open data by postal code area), table 12f7',
  licence: 'CC BY 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  url: 'https://pxdata.stat.fi/PxWeb/pxweb/en/Postinumeroalueittainen_avoin_tieto/',
};
export const STATISTICS_METHOD = repo.APPORTIONING_METHOD;

export interface StatisticsImportSummary {
  source: string;
  postalAreas: number;
  values: number;
  years: number[];
  /** Values of postal codes without a polygon (not stored). */
  withoutPolygon: number;
  skippedVariables: number;
  shares: number;
  durationMs: number;
}

/** Stores postal areas and their figures and recomputes the districts' shares, in one transaction; re-runs replace. */
export async function importStatistics(
  knex: Knex,
  data: StatisticsSourceData,
  opts: { onProgress?: (m: string) => void } = {},
): Promise<StatisticsImportSummary> {
  const started = Date.now();
  const onProgress = opts.onProgress ?? (() => {});
  if (data.values.length === 0) throw new Error(`${data.description} holds no Paavo figures the project keeps`);
  return knex.transaction(async (trx) => {
    onProgress(`  ${data.postalAreas.length} postal areas`);
    await repo.upsertPostalAreas(trx, data.postalAreas, data.description);
    const codes = await repo.knownPostalCodes(trx);
    const stored = data.values.filter((v) => codes.has(v.postalCode));
    onProgress(`  ${stored.length} values`);
    await repo.replaceValues(trx, stored);
    onProgress('  apportioning postal areas to districts');
    const shares = await repo.refreshPostalShares(trx);
    const summary: StatisticsImportSummary = {
      source: data.description,
      postalAreas: data.postalAreas.length,
      values: stored.length,
      years: [...new Set(stored.map((v) => v.year))].sort(),
      withoutPolygon: data.values.length - stored.length,
      skippedVariables: data.skippedVariables,
      shares,
      durationMs: Date.now() - started,
    };
    await areas.recordImport(trx, { dataset: 'statistics', source: data.description, isFixture: false, summary });
    return summary;
  });
}

export async function importStatisticsFrom(
  knex: Knex,
  source: string,
  opts: { onProgress?: (m: string) => void; polygonsUrl?: string } = {},
): Promise<StatisticsImportSummary> {
  return importStatistics(knex, await readStatisticsSource(source, opts), opts);
}

/** After districts were re-imported: the shares follow the new division. */
export const refreshPostalShares = repo.refreshPostalShares;

/**
 * First start and the test template: when the database has no statistics and the local Paavo
 * copy is there, import it. Never the network: statistics are optional, districts are not.
 */
export async function ensureStatistics(knex: Knex, localSource: string): Promise<void> {
  if ((await repo.statisticsYears(knex)).length > 0) return;
  try {
    const s = await importStatisticsFrom(knex, localSource);
    log.info(`Imported Paavo statistics from ${s.source}: ${s.postalAreas} postal areas, years ${s.years.join(', ')}`);
  } catch (err) {
    log.info(`No district statistics (${(err as Error).message}); run "npm run import:statistics" to load them`);
  }
}

const emptyFigures = (): FigureValues => Object.fromEntries(FIGURE_KEYS.map((k) => [k, null])) as FigureValues;
const AVERAGES = new Set<string>(FIGURES.filter((f) => 'weightedBy' in f).map((f) => f.key));

/**
 * A year's figures where statistics exist: a count no postal area reaches (an outer island) is 0,
 * an average there has nothing to average (null).
 */
const yearFigures = (): FigureValues =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, AVERAGES.has(k) ? null : 0])) as FigureValues;

/** Counts to whole people (apportioned counts are fractions), averages to one decimal. */
const rounded = (figure: FigureKey, v: number) => (AVERAGES.has(figure) ? Math.round(v * 10) / 10 : Math.round(v));

/** Figures by place and year, every place and year given filled in. */
function tabulate(rows: repo.ApportionedRow[], places: number[], years: number[]): Map<number, Map<number, FigureValues>> {
  const out = new Map(places.map((p) => [p, new Map(years.map((y) => [y, yearFigures()]))]));
  for (const r of rows) {
    const f = out.get(r.areaId)?.get(r.year);
    if (f) f[r.figure] = rounded(r.figure, r.value);
  }
  return out;
}
const trendOf = (byYear: Map<number, FigureValues>) => [...byYear.entries()].map(([year, figures]) => ({ year, figures }));

/** The project's datasets an area's figures count, by their collection ids. */
export interface ProjectDatasets {
  activities: Dataset<never>;
  ideas: Dataset<never>;
  kehraAreas: Dataset<never>;
  partnershipTables: Dataset<never>;
}

export function projectDatasetsOf(served: Dataset<never>[]): ProjectDatasets {
  const get = (id: string) => {
    const d = served.find((x) => x.id === id);
    if (!d) throw new Error(`dataset ${id} is not served`);
    return d;
  };
  return {
    activities: get('activities'),
    ideas: get('ideas'),
    kehraAreas: get('kehra-areas'),
    partnershipTables: get('partnership-tables'),
  };
}

/** Each dataset's own where clause with the district filter: the one membership rule, as its list shows it. */
async function projectFigures(knex: Knex, d: ProjectDatasets, areaId: number): Promise<ProjectFigures> {
  const filter = { area: [areaId] } as never;
  const [activities, ideas, groups, tables, pots, residents] = await Promise.all([
    countsBy(knex, d.activities.source, d.activities.where(filter), { key: 'd.slug' }),
    countsBy(knex, d.ideas.source, d.ideas.where(filter), { key: 'i.stage' }),
    countsBy(knex, d.kehraAreas.source, d.kehraAreas.where(filter), { countOf: 'k.kehra_group_id' }),
    countsBy(knex, d.partnershipTables.source, d.partnershipTables.where(filter)),
    budgeting.districtPotsOfArea(knex, areaId),
    // The same figure a round's page divides its pots by, so the two pages agree.
    repo.latestPopulations(knex, [areaId]),
  ]);
  const population = residents.byArea.get(areaId);
  return {
    activitiesByDepartment: activities.map((r) => ({ department: r.key, count: r.n })),
    ideasByStage: ideas.map((r) => ({ stage: r.key, count: r.n })),
    kehraGroups: groups[0]?.n ?? 0,
    partnershipTables: tables[0]?.n ?? 0,
    budgeting: pots.map((p) => ({
      ...p,
      eurPerResident: population ? Math.round((p.potEur / Math.round(population)) * 100) / 100 : null,
    })),
  };
}

async function areaOr404(knex: Knex, id: number) {
  const { rows } = await knex.raw('SELECT id, level, code, full_code, name_fi, name_sv, parent_id FROM areas WHERE id = ?', [id]);
  const r = rows[0];
  if (!r) throw notFound(`Area ${id}`);
  return {
    id: r.id,
    level: r.level,
    code: r.code,
    fullCode: r.full_code,
    nameFi: r.name_fi,
    nameSv: r.name_sv,
    parentId: r.parent_id,
  };
}

const yearOf = (years: number[], asked: number | undefined): number | null => {
  if (asked === undefined) return years.at(-1) ?? null;
  if (!years.includes(asked))
    throw new HttpError(400, 'invalid_request', `year must be one of: ${years.join(', ') || '(no statistics imported)'}`, {
      year: asked,
    });
  return asked;
};

export async function areaStatistics(knex: Knex, d: ProjectDatasets, id: number, askedYear?: number): Promise<AreaStatistics> {
  const area = await areaOr404(knex, id);
  const years = await repo.statisticsYears(knex);
  const year = yearOf(years, askedYear);
  const [own, city, project] = await Promise.all([
    repo.apportionedFigures(knex, { areaIds: [id] }),
    repo.apportionedFigures(knex, { areaIds: null }),
    projectFigures(knex, d, id),
  ]);
  const trend = trendOf(tabulate(own, [id], years).get(id)!);
  const cityTrend = trendOf(tabulate(city, [0], years).get(0)!);
  const figures = trend.find((t) => t.year === year)?.figures ?? emptyFigures();
  return {
    area,
    year,
    years,
    population: figures.population,
    figures,
    trend,
    city: { figures: cityTrend.find((t) => t.year === year)?.figures ?? emptyFigures(), trend: cityTrend },
    project,
    method: STATISTICS_METHOD,
    source: STATISTICS_SOURCE,
  };
}

/** One figure for every district of a level: the choropleth. */
export async function levelStatistics(
  knex: Knex,
  q: { level: AreaLevel; figure: FigureKey; year?: number },
): Promise<LevelStatistics> {
  const years = await repo.statisticsYears(knex);
  const year = yearOf(years, q.year);
  const ofLevel = await repo.areaIdsOfLevel(knex, q.level);
  const rows =
    year === null ? [] : await repo.apportionedFigures(knex, { areaIds: ofLevel.map((a) => a.id), figures: [q.figure], year });
  const [city] = year === null ? [] : await repo.apportionedFigures(knex, { areaIds: null, figures: [q.figure], year });
  const table =
    year === null
      ? null
      : tabulate(
          rows,
          ofLevel.map((a) => a.id),
          [year],
        );
  return {
    level: q.level,
    figure: q.figure,
    year,
    years,
    values: ofLevel.map((a) => ({ areaId: a.id, value: table?.get(a.id)?.get(year!)?.[q.figure] ?? null })),
    city: city ? rounded(q.figure, city.value) : null,
    method: STATISTICS_METHOD,
    source: STATISTICS_SOURCE,
  };
}

/** Every figure of one level's districts for a year, a row per district (the CSV download). */
export async function* levelStatisticsCsv(
  knex: Knex,
  q: { level: AreaLevel; year?: number },
  delimiter: CsvDelimiter,
): AsyncGenerator<string> {
  const years = await repo.statisticsYears(knex);
  const year = yearOf(years, q.year);
  const ofLevel = await repo.areaIdsOfLevel(knex, q.level);
  const rows = year === null ? [] : await repo.apportionedFigures(knex, { areaIds: ofLevel.map((a) => a.id), year });
  const values =
    year === null
      ? null
      : tabulate(
          rows,
          ofLevel.map((a) => a.id),
          [year],
        );
  const table = ofLevel.map((a) => ({
    id: a.id,
    level: q.level,
    code: a.code,
    nameFi: a.name_fi,
    nameSv: a.name_sv,
    year,
    ...(values?.get(a.id)?.get(year!) ?? emptyFigures()),
  }));
  yield* csvExport(
    AREA_STATISTICS_CSV_COLUMNS,
    { limit: table.length + 1, offset: 0 },
    async (p) => table.slice(p.offset, p.offset + p.limit),
    delimiter,
  );
}
