import { z } from 'zod';
import { AreaLevel, AreaSummary } from './areas.js';
import { IntParam, single } from './common.js';

/**
 * District statistics (issue 12): Statistics Finland's Paavo figures by postal area, carried to
 * each district by the one apportioning rule of server/src/statistics/statistics.repository.ts.
 * Keys are the project's own short names; server/src/statistics/paavo-figures.ts maps Paavo's
 * labels and codes to them.
 */
export const STATISTICS_GROUPS = ['population', 'age', 'households', 'employment', 'jobs', 'income'] as const;
export type StatisticsGroup = (typeof STATISTICS_GROUPS)[number];

/** A count is split by land share; an average is weighted by the apportioned count it is an average of. */
export interface FigureDefinition {
  key: string;
  group: StatisticsGroup;
  /** For averages: the count figure that weights it. */
  weightedBy?: string;
}

const count = <const K extends string>(group: StatisticsGroup, ...keys: K[]): { key: K; group: StatisticsGroup }[] =>
  keys.map((key) => ({ key, group }));

export const AGE_BANDS = [
  'age_0_2',
  'age_3_6',
  'age_7_12',
  'age_13_15',
  'age_16_17',
  'age_18_19',
  'age_20_24',
  'age_25_29',
  'age_30_34',
  'age_35_39',
  'age_40_44',
  'age_45_49',
  'age_50_54',
  'age_55_59',
  'age_60_64',
  'age_65_69',
  'age_70_74',
  'age_75_79',
  'age_80_84',
  'age_85_plus',
] as const;

export const FIGURES = [
  ...count('population', 'population', 'males', 'females'),
  { key: 'averageAge', group: 'population', weightedBy: 'population' } as const,
  ...count('age', ...AGE_BANDS),
  ...count('households', 'households', 'onePersonHouseholds', 'householdsWithChildren', 'pensionerHouseholds'),
  ...count('households', 'ownerOccupiedHouseholds', 'rentedHouseholds'),
  { key: 'averageHouseholdSize', group: 'households', weightedBy: 'households' } as const,
  ...count('employment', 'employed', 'unemployed', 'students', 'pensioners', 'children0to14'),
  ...count('jobs', 'workplaces'),
  ...count('income', 'adults'),
  { key: 'averageIncome', group: 'income', weightedBy: 'adults' } as const,
] satisfies readonly FigureDefinition[];

export type FigureKey = (typeof FIGURES)[number]['key'];
export const FIGURE_KEYS = FIGURES.map((f) => f.key) as [FigureKey, ...FigureKey[]];

export const Figure = z.enum(FIGURE_KEYS, { error: `figure must be one of: ${FIGURE_KEYS.join(', ')}` });
const Year = IntParam('year', 1990, 2100);

/** GET /api/areas/statistics?level=&figure=&year= (the choropleth) */
export const AreaStatisticsLevelQuery = z
  .object({
    level: z.preprocess((v) => v ?? undefined, AreaLevel),
    figure: z.preprocess((v) => v ?? undefined, single('figure').pipe(Figure)),
    year: Year.optional(),
  })
  .strict();

/** GET /api/areas/statistics.csv?level=&year= */
export const AreaStatisticsCsvQuery = AreaStatisticsLevelQuery.omit({ figure: true });

/** GET /api/areas/:id/statistics?year= */
export const AreaStatisticsQuery = z.object({ year: Year.optional() }).strict();

export const StatisticsSource = z.object({
  name: z.string(),
  licence: z.string(),
  licenceUrl: z.string(),
  url: z.string(),
});

/** Figure values of one place and year; a figure the source gives no value for is null. */
export const FigureValues = z.record(z.string(), z.number().nullable());
export type FigureValues = Record<FigureKey, number | null>;

export const YearFigures = z.object({ year: z.number().int(), figures: FigureValues });

export const ProjectFigures = z.object({
  activitiesByDepartment: z.array(z.object({ department: z.string(), count: z.number().int() })),
  ideasByStage: z.array(z.object({ stage: z.string(), count: z.number().int() })),
  kehraGroups: z.number().int(),
  partnershipTables: z.number().int(),
  /** The district's own pots in budgeting rounds: the money, per resident, and what was funded. */
  budgeting: z.array(
    z.object({
      roundId: z.number().int(),
      nameFi: z.string(),
      nameSv: z.string().nullable(),
      nameEn: z.string().nullable(),
      potEur: z.number(),
      /** By the latest population figure of the district, to the cent; null without one. */
      eurPerResident: z.number().nullable(),
      /** What the published results fund from the pot; null before results. */
      fundedEur: z.number().nullable(),
    }),
  ),
});
export type ProjectFigures = z.infer<typeof ProjectFigures>;

export const AreaStatistics = z.object({
  area: AreaSummary,
  /** The year of `population` and `figures`: the one asked for, or the latest. */
  year: z.number().int().nullable(),
  years: z.array(z.number().int()),
  population: z.number().nullable(),
  figures: FigureValues,
  trend: z.array(YearFigures),
  city: z.object({ figures: FigureValues, trend: z.array(YearFigures) }),
  project: ProjectFigures,
  method: z.string(),
  source: StatisticsSource,
});
export type AreaStatistics = Omit<z.infer<typeof AreaStatistics>, 'figures' | 'trend' | 'city'> & {
  figures: FigureValues;
  trend: { year: number; figures: FigureValues }[];
  city: { figures: FigureValues; trend: { year: number; figures: FigureValues }[] };
};

export const LevelStatistics = z.object({
  level: AreaLevel,
  figure: Figure,
  year: z.number().int().nullable(),
  years: z.array(z.number().int()),
  values: z.array(z.object({ areaId: z.number().int(), value: z.number().nullable() })),
  city: z.number().nullable(),
  method: z.string(),
  source: StatisticsSource,
});
export type LevelStatistics = z.infer<typeof LevelStatistics>;

/** Columns of GET /api/areas/statistics.csv: the district, the year, then every figure. */
export const AREA_STATISTICS_CSV_COLUMNS = ['id', 'level', 'code', 'nameFi', 'nameSv', 'year', ...FIGURE_KEYS] as const;
