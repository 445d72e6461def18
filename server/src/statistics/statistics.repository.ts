import type { Knex } from 'knex';
import { FIGURES, type FigureKey } from '../contracts/statistics.js';
import type { PostalAreaInput, PostalValue } from './paavo-sources.js';

/**
 * THE APPORTIONING RULE (one place; README "District statistics"). A postal area's counts go to
 * the districts of each level in proportion to the postal area's land inside each of them, out of
 * its land inside any district of that level (so every inhabitant lands in exactly one district
 * per level, and each level sums to the city). Land is the postal area cut by the land polygons
 * (basemap_land, Statistics Finland 1:1 000 000) where those leave any of it; otherwise (no land
 * polygons, or an island smaller than their scale) the postal area's whole surface. Areas in
 * ETRS-TM35FIN (EPSG:3067) square metres. Averages (average age, household size, income) are
 * weighted by the count they average, apportioned the same way.
 */
export const APPORTIONING_METHOD =
  "Counts from Statistics Finland's Paavo postal areas are split among districts by the share of the postal " +
  "area's land (Statistics Finland 1:1 000 000 land polygons; the whole area where they leave none) that lies " +
  'in each district of the level, so each level sums to the city total. Averages are weighted by the count ' +
  'they average (average age by inhabitants, household size by households, income by adults), apportioned ' +
  'the same way. Values are estimates where a postal area spans districts.';

export async function upsertPostalAreas(knex: Knex, areas: PostalAreaInput[], source: string): Promise<void> {
  for (const a of areas) {
    await knex.raw(
      `INSERT INTO postal_areas (code, name_fi, name_sv, geom, source, imported_at)
       VALUES (?, ?, ?, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)), 3)), ?, now())
       ON CONFLICT (code) DO UPDATE SET name_fi = EXCLUDED.name_fi, name_sv = EXCLUDED.name_sv, geom = EXCLUDED.geom,
         source = EXCLUDED.source, imported_at = EXCLUDED.imported_at`,
      [a.code, a.nameFi, a.nameSv, JSON.stringify(a.geometry), source],
    );
  }
}

/** Replaces the values of the postal areas and years the source holds (others stay); returns rows written. */
export async function replaceValues(knex: Knex, values: PostalValue[]): Promise<number> {
  const years = [...new Set(values.map((v) => v.year))];
  const codes = [...new Set(values.map((v) => v.postalCode))];
  await knex.raw('DELETE FROM postal_area_statistics WHERE year = ANY(?::int[]) AND postal_code = ANY(?::text[])', [
    years,
    codes,
  ]);
  const CHUNK = 2000;
  for (let i = 0; i < values.length; i += CHUNK) {
    const part = values.slice(i, i + CHUNK);
    await knex.raw(
      `INSERT INTO postal_area_statistics (postal_code, year, figure, value)
       SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::float8[])`,
      [part.map((v) => v.postalCode), part.map((v) => v.year), part.map((v) => v.figure), part.map((v) => v.value)],
    );
  }
  return values.length;
}

export async function knownPostalCodes(knex: Knex): Promise<Set<string>> {
  const { rows } = await knex.raw('SELECT code FROM postal_areas');
  return new Set((rows as { code: string }[]).map((r) => r.code));
}

/** Recomputes every district's share of every postal area by the rule above; returns the links made. */
export async function refreshPostalShares(knex: Knex): Promise<number> {
  await knex.raw('DELETE FROM area_postal_shares');
  const { rows } = await knex.raw(`
    WITH land AS (SELECT ST_Subdivide(ST_Transform(geom, 3067), 64) AS g FROM basemap_land),
    p AS (SELECT code, ST_Transform(geom, 3067) AS g FROM postal_areas),
    -- Subdivided, so each postal area meets only the small land pieces its box touches.
    pl AS (
      SELECT p.code, ST_CollectionExtract(ST_Union(ST_Intersection(p.g, land.g)), 3) AS g
        FROM p JOIN land ON land.g && p.g AND ST_Intersects(land.g, p.g) GROUP BY p.code),
    postal AS (
      SELECT p.code, CASE WHEN pl.g IS NOT NULL AND ST_Area(pl.g) > 0 THEN pl.g ELSE p.g END AS g
        FROM p LEFT JOIN pl ON pl.code = p.code),
    a AS (SELECT id, level, ST_Transform(geom, 3067) AS g FROM areas),
    pieces AS (
      SELECT a.id AS area_id, a.level, postal.code, ST_Area(ST_Intersection(postal.g, a.g)) AS m2
        FROM postal JOIN a ON a.g && postal.g AND ST_Intersects(a.g, postal.g)),
    shares AS (
      SELECT area_id, code, m2 / sum(m2) OVER (PARTITION BY code, level) AS share FROM pieces WHERE m2 > 0)
    INSERT INTO area_postal_shares (area_id, postal_code, share)
    SELECT area_id, code, share FROM shares WHERE share > 1e-9
    RETURNING area_id`);
  return rows.length;
}

// Each figure with the figure weighting it ('' for a count), as two bound arrays.
const FIGURE_WEIGHTS: [string[], string[]] = [
  FIGURES.map((f) => f.key),
  FIGURES.map((f) => ('weightedBy' in f ? f.weightedBy : '')),
];

export interface ApportionedRow {
  areaId: number;
  year: number;
  figure: FigureKey;
  value: number;
}

/**
 * Every figure of every year apportioned to the given districts (`areaIds`), or to the whole
 * city (`areaIds` null: every postal area in full, under area id 0).
 */
export async function apportionedFigures(
  knex: Knex,
  opts: { areaIds: number[] | null; figures?: FigureKey[]; year?: number },
): Promise<ApportionedRow[]> {
  const shares =
    opts.areaIds === null
      ? knex.raw('SELECT 0 AS area_id, code AS postal_code, 1.0::float8 AS share FROM postal_areas')
      : knex.raw('SELECT area_id, postal_code, share FROM area_postal_shares WHERE area_id = ANY(?::int[])', [opts.areaIds]);
  const { rows } = await knex.raw(
    `WITH sh AS (?), f AS (SELECT figure, nullif(weight, '') AS weight FROM unnest(?::text[], ?::text[]) AS f(figure, weight))
     SELECT sh.area_id, v.year, v.figure,
            CASE WHEN f.weight IS NULL THEN sum(v.value * sh.share)
                 ELSE sum(v.value * w.value * sh.share) / nullif(sum(w.value * sh.share), 0) END AS value
       FROM sh
       JOIN postal_area_statistics v ON v.postal_code = sh.postal_code
       JOIN f ON f.figure = v.figure
       LEFT JOIN postal_area_statistics w ON w.postal_code = v.postal_code AND w.year = v.year AND w.figure = f.weight
      WHERE (?::text[] IS NULL OR v.figure = ANY(?::text[])) AND (?::int IS NULL OR v.year = ?::int)
        AND (f.weight IS NULL OR w.value IS NOT NULL)
      GROUP BY sh.area_id, v.year, v.figure, f.weight
      ORDER BY sh.area_id, v.year, v.figure`,
    [
      shares,
      ...FIGURE_WEIGHTS,
      opts.figures ?? null,
      opts.figures ?? null,
      opts.year ?? null,
      opts.year ?? null,
    ] as Knex.RawBinding[],
  );
  return (rows as { area_id: number; year: number; figure: FigureKey; value: number | null }[])
    .filter((r) => r.value !== null)
    .map((r) => ({ areaId: r.area_id, year: r.year, figure: r.figure, value: Number(r.value) }));
}

/**
 * The districts' population in the latest year that has one, by the same apportioning as the
 * district cards: what a budgeting round splits its money by. Districts without a figure are absent.
 */
export async function latestPopulations(
  knex: Knex,
  areaIds: number[],
): Promise<{ year: number | null; byArea: Map<number, number> }> {
  const years = await statisticsYears(knex);
  const year = years.at(-1) ?? null;
  if (year === null) return { year, byArea: new Map() };
  const rows = await apportionedFigures(knex, { areaIds, figures: ['population'], year });
  return { year, byArea: new Map(rows.filter((r) => r.value > 0).map((r) => [r.areaId, r.value])) };
}

export async function statisticsYears(knex: Knex): Promise<number[]> {
  const { rows } = await knex.raw('SELECT DISTINCT year FROM postal_area_statistics ORDER BY year');
  return (rows as { year: number }[]).map((r) => r.year);
}

export async function areaIdsOfLevel(
  knex: Knex,
  level: string,
): Promise<{ id: number; code: string; name_fi: string; name_sv: string | null }[]> {
  const { rows } = await knex.raw('SELECT id, code, name_fi, name_sv FROM areas WHERE level = ? ORDER BY name_fi, id', [level]);
  return rows;
}
