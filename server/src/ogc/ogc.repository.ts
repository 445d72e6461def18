import type { Knex } from 'knex';
import { areaFeatureSql } from '../areas/areas.repository.js';
import type { AreaLevel } from '../contracts/areas.js';
import { and, bboxWhere, featureCollectionPage, raw, sql, type OutputCrs, type Source, type Sql } from '../collections/sql.js';

type Bbox = [number, number, number, number];

const AREAS: Source = { table: 'areas', alias: 'a' };

const areaFeatures = raw(`json_build_array(${areaFeatureSql})`);

/**
 * One bounded page of the districts of a level as JSON array text, through the page query every
 * collection uses (so the CRS and winding rules are the same); `filter` is a CQL2 condition over `areas a`.
 */
export async function areaFeaturesPage(
  knex: Knex,
  level: AreaLevel,
  page: { bbox?: Bbox; limit: number; offset: number; filter?: Sql; crs?: OutputCrs },
): Promise<{ json: string; count: number; matched: number }> {
  const where = and([sql`a.level = ${level}`, page.bbox && bboxWhere('a.geom', page.bbox), page.filter]);
  const p = await featureCollectionPage(knex, AREAS, {
    where,
    orderBy: 'a.id',
    features: areaFeatures,
    limit: page.limit,
    offset: page.offset,
    countMatched: true,
    crs: page.crs,
  });
  return { json: p.json, count: p.count, matched: p.matched ?? 0 };
}

export async function areaFeatureJson(knex: Knex, level: AreaLevel, id: number, crs?: OutputCrs): Promise<string | null> {
  const p = await featureCollectionPage(knex, AREAS, {
    where: sql`a.level = ${level} AND a.id = ${id}`,
    orderBy: 'a.id',
    features: areaFeatures,
    limit: 1,
    offset: 0,
    crs,
  });
  return p.count ? JSON.stringify((JSON.parse(p.json) as unknown[])[0]) : null;
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

/**
 * The CRS84 box covering `bbox` given in another CRS (OGC `bbox-crs`, axes in that CRS's order):
 * the box's edges are densified before ST_Transform, so the curved edges of its image stay inside.
 */
export async function crs84BboxOf(knex: Knex, bbox: Bbox, crs: OutputCrs): Promise<Bbox> {
  const [x1, y1, x2, y2] = crs.axes === 'north-east' ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  const step = Math.max(x2 - x1, y2 - y1) / 32 || 1;
  const { rows } = await knex.raw(
    `SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2
       FROM (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, ?::int), ?), 4326) AS e) x`,
    [x1, y1, x2, y2, crs.srid, step],
  );
  const r = rows[0] as { x1: number; y1: number; x2: number; y2: number };
  return [r.x1, r.y1, r.x2, r.y2];
}
