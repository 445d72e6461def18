import type { Knex } from 'knex';
import { hasAnyThemeSql, themeSlugsJsonSql, themeSlugsTextSql, type ThemeLink } from '../reference-data/theme-links.js';

/**
 * SQL fragments every dataset is built from. A fragment is SQL text with its own bound values, so
 * pieces compose without anyone counting `?`s; identifiers (aliases, columns) come only from the
 * declarations in code, values only as bindings.
 */
export interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}

const isSql = (v: unknown): v is Sql =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && 'sql' in v && 'bindings' in v;

/** Trusted SQL text from code (identifiers, fixed expressions); never a value from a request. */
export const raw = (text: string): Sql => ({ sql: text, bindings: [] });

/** `sql\`a = ${value} AND ${fragment}\``: values become bindings, fragments are inlined with theirs. */
export function sql(strings: TemplateStringsArray, ...values: (Sql | Knex.RawBinding)[]): Sql {
  let text = strings[0];
  const bindings: Knex.RawBinding[] = [];
  values.forEach((v, i) => {
    if (isSql(v)) {
      text += v.sql;
      bindings.push(...v.bindings);
    } else {
      text += '?';
      bindings.push(v);
    }
    text += strings[i + 1];
  });
  return { sql: text, bindings };
}

/** Fragments joined by `sep` (', ' for arguments, ' AND ' for conditions). */
export function join(parts: Sql[], sep: string): Sql {
  return { sql: parts.map((p) => p.sql).join(sep), bindings: parts.flatMap((p) => p.bindings) };
}

/** All of the conditions; `true` for none. */
export const and = (parts: (Sql | undefined | false)[]): Sql => {
  const given = parts.filter((p): p is Sql => !!p);
  return given.length ? join(given, ' AND ') : raw('true');
};

export const run = async <R>(knex: Knex, q: Sql): Promise<R[]> => (await knex.raw(q.sql, q.bindings)).rows as R[];

// ---- values ------------------------------------------------------------------------------------

/** A timestamp as the API writes it: ISO 8601 in UTC, to the second. */
export const isoTime = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The district summary the API gives (AreaSummary), of areas row `a`. */
export const areaSummaryObject = (a: string) => `json_build_object('id', ${a}.id, 'level', ${a}.level, 'code', ${a}.code,
  'fullCode', ${a}.full_code, 'nameFi', ${a}.name_fi, 'nameSv', ${a}.name_sv, 'parentId', ${a}.parent_id)`;

/** How a dataset's rows link to their districts (areas/area-membership.ts keeps the links current). */
export interface AreaLink {
  linkTable: string;
  itemColumn: string;
}

/** The districts of row `alias` through its area link, largest level first. */
export const areaSummaryJson = (l: AreaLink, alias: string) =>
  `coalesce((SELECT json_agg(${areaSummaryObject('a')}
                    ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], a.level), a.name_fi)
               FROM ${l.linkTable} l JOIN areas a ON a.id = l.area_id WHERE l.${l.itemColumn} = ${alias}.id), '[]'::json)`;

/** The theme slugs of row `alias` (JSON array, or ';'-joined text for CSV and OGC), through its theme link. */
export const themesJson = (l: ThemeLink, alias: string) => themeSlugsJsonSql(l, `${alias}.id`);
export const themesText = (l: ThemeLink, alias: string) => themeSlugsTextSql(l, `${alias}.id`);

/**
 * A geometry as the API writes it (GeoJSON, 6 decimals ≈ 0.1 m): every exported geometry goes
 * through here. Polygons are turned counter-clockwise outside, clockwise inside (RFC 7946 §3.1.6),
 * however they were drawn; points and lines are left as they are.
 */
export const geoJsonGeometry = (geom: string, decimals = 6) => `ST_AsGeoJSON(ST_ForcePolygonCCW(${geom}), ${decimals})::json`;
/** The same for WKT (CSV downloads), so both formats give the same rings. */
export const wktGeometry = (geom: string) => `ST_AsText(ST_ForcePolygonCCW(${geom}), 6)`;

/** A GeoJSON Feature of row `alias`, built by PostGIS; `props` is a JSON object expression. */
export const featureJson = (alias: string, props: Sql, opts: { geom?: string; id?: string } = {}): Sql =>
  sql`json_build_object('type', 'Feature', 'id', ${raw(opts.id ?? `${alias}.id`)},
        'geometry', ${raw(geoJsonGeometry(opts.geom ?? `${alias}.geom`))}, 'properties', ${props})`;

/** A CRS features may be written in besides the stored lon/lat (contracts/ogc.ts OGC_CRS). */
export interface OutputCrs {
  srid: number;
  decimals: number;
  axes: 'east-north' | 'north-east';
}

/**
 * GeoJSON Feature `feature` (a json expression, as featureJson builds it) with its geometry in
 * `crs` by ST_Transform, polygons counter-clockwise on the ground and the axes in the CRS's own
 * order. It reads the written lon/lat (6 decimals, ≈ 0.1 m), so any declared feature, whatever
 * geometry column it took, is transformed the same way; metres are given to the centimetre.
 */
export const featureInCrs = (feature: string, crs?: OutputCrs): Sql => {
  if (!crs || crs.srid === 4326) return raw(feature);
  const projected = sql`ST_ForcePolygonCCW(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON((${raw(feature)}->'geometry')::text), 4326), ${crs.srid}::int))`;
  const ordered = crs.axes === 'north-east' ? sql`ST_FlipCoordinates(${projected})` : projected;
  return sql`CASE WHEN json_typeof(${raw(feature)}->'geometry') = 'object'
    THEN json_build_object('type', 'Feature', 'id', ${raw(feature)}->'id',
           'geometry', ST_AsGeoJSON(${ordered}, ${crs.decimals}::int)::json, 'properties', ${raw(feature)}->'properties')
    ELSE ${raw(feature)} END`;
};

// ---- conditions --------------------------------------------------------------------------------

export type Bbox = [number, number, number, number];

/**
 * Intersects the box: the && on the GiST index first, the exact test only for what it lets through.
 * A geometry whose own bounding box lies inside the box (@, read from the row's stored box, no
 * GEOS) intersects it for sure, the box being a rectangle: only rows across its edge pay for
 * ST_Intersects. A city-wide count at 1M activities spent most of its time in ST_Intersects (issue 10).
 */
export const bboxWhere = (geom: string, bbox: Bbox): Sql => {
  const box = sql`ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`;
  return sql`(${raw(geom)} && ${box} AND (${raw(geom)} @ ${box} OR ST_Intersects(${raw(geom)}, ${box})))`;
};

/** The span [start, end] overlaps the window; a missing start or end is open towards that side. */
export const timeWindowWhere = (startCol: string, endCol: string, w: { from?: string; to?: string }): Sql | undefined =>
  w.from || w.to
    ? and([
        w.from ? sql`(${raw(endCol)} IS NULL OR ${raw(endCol)} >= ${w.from}::timestamptz)` : undefined,
        w.to ? sql`(${raw(startCol)} IS NULL OR ${raw(startCol)} <= ${w.to}::timestamptz)` : undefined,
      ])
    : undefined;

/** Row `alias` lies in any of the districts (its area link holds the membership). */
export const areaLinkWhere = (l: AreaLink, alias: string, ids: number[]): Sql =>
  sql`EXISTS (SELECT 1 FROM ${raw(l.linkTable)} l WHERE l.${raw(l.itemColumn)} = ${raw(alias)}.id AND l.area_id = ANY(${ids}::int[]))`;

/** Row `alias` has any of the themes (by slug) through its theme link. */
export const themeLinkWhere = (l: ThemeLink, alias: string, slugs: string[]): Sql => ({
  sql: hasAnyThemeSql(l, `${alias}.id`),
  bindings: [slugs],
});

/** The column is any of the values. */
export const anyOf = (col: string, values: string[] | number[], type: 'text' | 'int' = 'text'): Sql =>
  sql`${raw(col)} = ANY(${values}::${raw(type)}[])`;

// ---- pages -------------------------------------------------------------------------------------

/** The FROM part of a dataset: its table under an alias and the joins its properties need. */
export interface Source {
  table: string;
  alias: string;
  joins?: string;
}

const fromSql = (s: Source) => `${s.table} ${s.alias}${s.joins ? ` ${s.joins}` : ''}`;

/**
 * One page of rows as a JSON array text of features, built by PostGIS. `features` is a JSON array
 * expression of the features of one row (most rows are one feature), written in `crs` when given
 * (CRS84 otherwise). Always bounded by `limit`
 * (PGlite runs out of memory on unbounded json_agg); `count` is the rows of the page.
 */
export async function featureCollectionPage(
  knex: Knex,
  s: Source,
  q: { where: Sql; orderBy: string; features: Sql; limit: number; offset: number; countMatched?: boolean; crs?: OutputCrs },
): Promise<{ json: string; count: number; matched: number | null }> {
  // The list's numberMatched in the same statement: one round trip for the count and the page.
  const matched = q.countMatched ? sql`(SELECT count(*)::int FROM ${raw(fromSql(s))} WHERE ${q.where})` : sql`NULL::int`;
  const [r] = await run<{ features: string; n: number; matched: number | null }>(
    knex,
    sql`WITH page AS (
          SELECT ${raw(s.alias)}.id, row_number() OVER (ORDER BY ${raw(q.orderBy)}) AS pos
            FROM ${raw(fromSql(s))} WHERE ${q.where} ORDER BY ${raw(q.orderBy)} LIMIT ${q.limit} OFFSET ${q.offset})
        SELECT coalesce(json_agg(${featureInCrs('f.value', q.crs)} ORDER BY page.pos, f.ord), '[]'::json)::text AS features,
               (SELECT count(*)::int FROM page) AS n, ${matched} AS matched
          FROM page JOIN ${raw(s.table)} ${raw(s.alias)} ON ${raw(s.alias)}.id = page.id ${raw(s.joins ?? '')}
         CROSS JOIN LATERAL json_array_elements(${q.features}) WITH ORDINALITY AS f(value, ord)`,
  );
  return { json: r.features, count: r.n, matched: r.matched };
}

/** One page of rows as JSON objects, each `props` plus a representative point and the WKT. */
export async function rowPage(
  knex: Knex,
  s: Source,
  q: { where: Sql; orderBy: string; props: Sql; limit: number; offset: number },
): Promise<Record<string, unknown>[]> {
  const g = `${s.alias}.geom`;
  const rows = await run<{ p: Record<string, unknown>; wkt: string; lon: number; lat: number }>(
    knex,
    sql`SELECT ${q.props} AS p, ${raw(wktGeometry(g))} AS wkt,
               round(ST_X(ST_PointOnSurface(${raw(g)}))::numeric, 6)::float8 AS lon,
               round(ST_Y(ST_PointOnSurface(${raw(g)}))::numeric, 6)::float8 AS lat
          FROM ${raw(fromSql(s))} WHERE ${q.where} ORDER BY ${raw(q.orderBy)} LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  return rows.map((r) => ({ ...r.p, lon: r.lon, lat: r.lat, wkt: r.wkt }));
}

/** The bbox and, given its columns, the time span of the rows matching `where`. */
export async function extentOf(
  knex: Knex,
  s: Source,
  where: Sql,
  interval?: [string, string],
): Promise<{ bbox: Bbox | null; interval?: [string | null, string | null] }> {
  const times = interval ? `, ${isoTime(`min(${interval[0]})`)} AS s, ${isoTime(`max(${interval[1]})`)} AS en` : '';
  const [r] = await run<{ x1: number | null; y1: number; x2: number; y2: number; s?: string | null; en?: string | null }>(
    knex,
    sql`SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2 ${raw(interval ? ', s, en' : '')}
          FROM (SELECT ST_Extent(${raw(s.alias)}.geom)::geometry AS e ${raw(times)} FROM ${raw(fromSql(s))} WHERE ${where}) x`,
  );
  const bbox: Bbox | null = r.x1 === null ? null : [r.x1, r.y1, r.x2, r.y2];
  return interval ? { bbox, interval: [r.s ?? null, r.en ?? null] } : { bbox };
}

/**
 * How many rows of a dataset match `where`, by `key` (an expression over its source; one group
 * when omitted), counting distinct `countOf` (default the row id): district figures of a dataset
 * read its own source and where clause, so they count what its list would show.
 */
export async function countsBy(
  knex: Knex,
  s: Source,
  where: Sql,
  opts: { key?: string; countOf?: string } = {},
): Promise<{ key: string; n: number }[]> {
  return run<{ key: string; n: number }>(
    knex,
    sql`SELECT ${raw(opts.key ?? "''")}::text AS key, count(DISTINCT ${raw(opts.countOf ?? `${s.alias}.id`)})::int AS n
          FROM ${raw(fromSql(s))} WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
}
