import type { Knex } from 'knex';
import type { AreaLevel } from '../contracts/areas.js';
import { geoJsonGeometry, type Sql } from '../collections/sql.js';

type Bbox = [number, number, number, number];

const bboxSql = (bbox?: Bbox) =>
  bbox
    ? {
        sql: 'a.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(a.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))',
        b: [...bbox, ...bbox],
      }
    : { sql: 'true', b: [] as number[] };

/** A CQL2 filter's condition over `areas a` (ogc/cql2.ts), or none. */
const filterSql = (filter?: Sql) => filter ?? { sql: 'true', bindings: [] };

export async function countAreas(knex: Knex, level: AreaLevel, bbox?: Bbox, filter?: Sql): Promise<number> {
  const w = bboxSql(bbox);
  const f = filterSql(filter);
  const { rows } = await knex.raw(`SELECT count(*)::int AS n FROM areas a WHERE a.level = ? AND ${w.sql} AND ${f.sql}`, [
    level,
    ...w.b,
    ...f.bindings,
  ]);
  return rows[0].n as number;
}

const areaFeature = `json_build_object('type', 'Feature', 'id', a.id, 'geometry', ${geoJsonGeometry('a.geom')},
  'properties', json_build_object('id', a.id, 'level', a.level, 'code', a.code, 'fullCode', a.full_code,
                                  'nameFi', a.name_fi, 'nameSv', a.name_sv, 'parentId', a.parent_id))`;

/** One bounded page of area features as JSON array text. */
export async function areaFeaturesJson(
  knex: Knex,
  level: AreaLevel,
  page: { bbox?: Bbox; limit: number; offset: number; filter?: Sql },
): Promise<{ json: string; count: number }> {
  const w = bboxSql(page.bbox);
  const f = filterSql(page.filter);
  const { rows } = await knex.raw(
    `SELECT coalesce(json_agg(${areaFeature} ORDER BY a.id), '[]'::json)::text AS features, count(*)::int AS n
       FROM (SELECT * FROM areas a WHERE a.level = ? AND ${w.sql} AND ${f.sql} ORDER BY a.id LIMIT ? OFFSET ?) a`,
    [level, ...w.b, ...f.bindings, page.limit, page.offset],
  );
  return { json: rows[0].features as string, count: rows[0].n as number };
}

export async function areaFeatureJson(knex: Knex, level: AreaLevel, id: number): Promise<string | null> {
  const { rows } = await knex.raw(`SELECT ${areaFeature}::text AS f FROM areas a WHERE a.level = ? AND a.id = ?`, [level, id]);
  return (rows[0]?.f as string | undefined) ?? null;
}

export async function areaExtent(knex: Knex, level: AreaLevel): Promise<Bbox | null> {
  const { rows } = await knex.raw(
    `SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2
       FROM (SELECT ST_Extent(geom)::geometry AS e FROM areas WHERE level = ?) x`,
    [level],
  );
  const r = rows[0];
  return r.x1 === null ? null : [r.x1, r.y1, r.x2, r.y2];
}
