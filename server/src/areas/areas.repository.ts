import type { Knex } from 'knex';
import type { AreaCsvRow, AreaLevel, AreaSummary } from '../contracts/areas.js';
import { geoJsonGeometry, wktGeometry } from '../collections/sql.js';

interface AreaRow {
  id: number;
  level: AreaLevel;
  code: string;
  full_code: string;
  name_fi: string;
  name_sv: string | null;
  parent_id: number | null;
}

const toAreaSummary = (r: AreaRow): AreaSummary => ({
  id: r.id,
  level: r.level,
  code: r.code,
  fullCode: r.full_code,
  nameFi: r.name_fi,
  nameSv: r.name_sv,
  parentId: r.parent_id,
});

/**
 * The whole FeatureCollection of one level, built by PostGIS as text so a large level is not
 * parsed and re-serialised in Node. Coordinates rounded to 6 decimals (~0.1 m).
 */
export async function areaCollectionJson(knex: Knex, level: AreaLevel): Promise<string> {
  const { rows } = await knex.raw(
    `SELECT json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(json_build_object(
         'type', 'Feature',
         'id', a.id,
         'geometry', ${geoJsonGeometry('a.geom')},
         'properties', json_build_object(
           'id', a.id, 'level', a.level, 'code', a.code, 'fullCode', a.full_code,
           'nameFi', a.name_fi, 'nameSv', a.name_sv, 'parentId', a.parent_id,
           'labelLon', round(ST_X(a.label)::numeric, 6), 'labelLat', round(ST_Y(a.label)::numeric, 6),
           'bbox', json_build_array(
             round(ST_XMin(a.geom)::numeric, 6), round(ST_YMin(a.geom)::numeric, 6),
             round(ST_XMax(a.geom)::numeric, 6), round(ST_YMax(a.geom)::numeric, 6))
         )) ORDER BY a.name_fi), '[]'::json)
     )::text AS body
     FROM (SELECT *, coalesce(label_point, ST_PointOnSurface(geom)) AS label FROM areas WHERE level = ?) a`,
    [level],
  );
  return rows[0].body as string;
}

/** The areas at every level whose polygon covers the point (boundaries count as inside). */
/** One level's districts as table rows (the CSV download), by Finnish name like the map's list. */
export async function areaRows(knex: Knex, level: AreaLevel, page: { limit: number; offset: number }): Promise<AreaCsvRow[]> {
  const { rows } = await knex.raw(
    `SELECT id, level, code, full_code, name_fi, name_sv, parent_id,
            round((ST_Area(geom::geography) / 1e6)::numeric, 3)::float8 AS area_km2,
            round(ST_X(coalesce(label_point, ST_PointOnSurface(geom)))::numeric, 6)::float8 AS lon,
            round(ST_Y(coalesce(label_point, ST_PointOnSurface(geom)))::numeric, 6)::float8 AS lat,
            ${wktGeometry('geom')} AS wkt
       FROM areas WHERE level = ? ORDER BY name_fi, id LIMIT ? OFFSET ?`,
    [level, page.limit, page.offset],
  );
  return (rows as (AreaRow & { area_km2: number; lon: number; lat: number; wkt: string })[]).map((r) => ({
    ...toAreaSummary(r),
    areaKm2: r.area_km2,
    lon: r.lon,
    lat: r.lat,
    wkt: r.wkt,
  }));
}

/** A district of `areas a` as the download and the OGC collections write it: one property rule for both. */
export const areaFeatureSql = `json_build_object(
  'type', 'Feature', 'id', a.id, 'geometry', ${geoJsonGeometry('a.geom')},
  'properties', json_build_object('id', a.id, 'level', a.level, 'code', a.code, 'fullCode', a.full_code,
                                  'nameFi', a.name_fi, 'nameSv', a.name_sv, 'parentId', a.parent_id,
                                  'areaKm2', round((ST_Area(a.geom::geography) / 1e6)::numeric, 3)))`;

/** One level's districts as GeoJSON feature array text, for the download (same features as the map's). */
export async function areaFeaturesJson(
  knex: Knex,
  level: AreaLevel,
  page: { limit: number; offset: number },
): Promise<{ json: string; count: number }> {
  const { rows } = await knex.raw(
    `SELECT coalesce(json_agg(${areaFeatureSql} ORDER BY a.name_fi, a.id), '[]'::json)::text AS json, count(*)::int AS count
       FROM (SELECT * FROM areas WHERE level = ? ORDER BY name_fi, id LIMIT ? OFFSET ?) a`,
    [level, page.limit, page.offset],
  );
  return rows[0] as { json: string; count: number };
}

export async function areasCoveringPoint(knex: Knex, lon: number, lat: number): Promise<AreaSummary[]> {
  const { rows } = await knex.raw(
    `SELECT id, level, code, full_code, name_fi, name_sv, parent_id
       FROM areas
      WHERE geom && ST_SetSRID(ST_MakePoint(?, ?), 4326)
        AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
      ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], level), id`,
    [lon, lat, lon, lat],
  );
  return (rows as AreaRow[]).map(toAreaSummary);
}

export async function countAreasByLevel(knex: Knex): Promise<Record<AreaLevel, number>> {
  const { rows } = await knex.raw(`SELECT level, count(*)::int AS n FROM areas GROUP BY level`);
  const counts: Record<AreaLevel, number> = { suurpiiri: 0, peruspiiri: 0, osa_alue: 0 };
  for (const r of rows as { level: AreaLevel; n: number }[]) counts[r.level] = r.n;
  return counts;
}

export async function latestAreaImport(knex: Knex): Promise<{ source: string; isFixture: boolean; importedAt: Date } | null> {
  const row = await knex('data_imports')
    .where({ dataset: 'areas' })
    .orderBy('id', 'desc')
    .first('source', 'is_fixture', 'imported_at');
  return row ? { source: row.source, isFixture: row.is_fixture, importedAt: row.imported_at } : null;
}

export interface AreaInput {
  level: AreaLevel;
  code: string;
  fullCode: string;
  nameFi: string;
  nameSv: string | null;
  geometry: unknown;
}

export type GeometryCheck = { ok: true; repaired: boolean; reason: string | null } | { ok: false; reason: string };

const parsedGeometrySql = `ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)`;
const polygonalSql = (g: string) => `ST_Multi(ST_CollectionExtract(ST_MakeValid(${g}), 3))`;

/** Asks PostGIS whether a GeoJSON geometry is valid, repairable or hopeless. */
export async function checkPolygonGeometry(knex: Knex, geometry: unknown): Promise<GeometryCheck> {
  try {
    // A savepoint: PostGIS refusing to parse must not abort the caller's import transaction.
    const { rows } = await knex.transaction((sp) =>
      sp.raw(
        `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
              ST_IsEmpty(${polygonalSql('g')}) AS empty
         FROM (SELECT ${parsedGeometrySql} AS g) s`,
        [JSON.stringify(geometry)],
      ),
    );
    const r = rows[0] as { valid: boolean; reason: string; empty: boolean };
    if (r.empty) return { ok: false, reason: `no polygon left after repair (${r.reason})` };
    return { ok: true, repaired: !r.valid, reason: r.valid ? null : r.reason };
  } catch (err) {
    return { ok: false, reason: `not a readable GeoJSON geometry: ${(err as Error).message}` };
  }
}

export async function upsertArea(knex: Knex, area: AreaInput, source: string): Promise<number> {
  const { rows } = await knex.raw(
    `INSERT INTO areas (level, code, full_code, name_fi, name_sv, source, geom, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ${polygonalSql(parsedGeometrySql)}, now())
     ON CONFLICT (level, code) DO UPDATE SET
       full_code = EXCLUDED.full_code, name_fi = EXCLUDED.name_fi, name_sv = EXCLUDED.name_sv,
       source = EXCLUDED.source, geom = EXCLUDED.geom, imported_at = EXCLUDED.imported_at
     RETURNING id`,
    [area.level, area.code, area.fullCode, area.nameFi, area.nameSv, source, JSON.stringify(area.geometry)],
  );
  return rows[0].id as number;
}

/** Removes areas of a level that a complete re-import no longer contains. */
export async function deleteAreasNotIn(knex: Knex, level: AreaLevel, keepIds: number[]): Promise<number> {
  // Raw SQL with RETURNING: knex's delete() count differs between the pg and PGlite drivers.
  const { rows } = await knex.raw(`DELETE FROM areas WHERE level = ? AND id <> ALL(?::int[]) RETURNING id`, [level, keepIds]);
  return rows.length;
}

/**
 * Parents come from the full code: '091' + suurpiiri (1 digit) + peruspiiri (3) + osa-alue (3).
 */
export async function resolveAreaParents(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE areas child SET parent_id = parent.id
      FROM areas parent
     WHERE child.level = 'peruspiiri' AND parent.level = 'suurpiiri'
       AND parent.code = substr(child.full_code, 4, 1)`);
  await knex.raw(`
    UPDATE areas child SET parent_id = parent.id
      FROM areas parent
     WHERE child.level = 'osa_alue' AND parent.level = 'peruspiiri'
       AND parent.code = substr(child.full_code, 5, 3)`);
}

/**
 * Label points at the centre of the largest circle that fits the area's land (or the whole area
 * where no land polygon reaches it): names then sit inside the district, on shore.
 */
export async function refreshAreaLabels(knex: Knex): Promise<void> {
  await knex.raw(`
    WITH land AS (
      SELECT a.id, ST_CollectionExtract(ST_Intersection(a.geom, ST_Union(l.geom)), 3) AS g
        FROM areas a JOIN basemap_land l ON l.geom && a.geom
       GROUP BY a.id, a.geom)
    UPDATE areas a SET label_point = coalesce(
      CASE WHEN land.g IS NOT NULL AND NOT ST_IsEmpty(land.g) THEN (ST_MaximumInscribedCircle(land.g)).center END,
      (ST_MaximumInscribedCircle(a.geom)).center)
      FROM areas a2 LEFT JOIN land ON land.id = a2.id
     WHERE a2.id = a.id`);
}

export async function replaceBasemapLand(knex: Knex, geometries: unknown[], source: string): Promise<number> {
  await knex('basemap_land').delete();
  for (const g of geometries) {
    await knex.raw(`INSERT INTO basemap_land (source, geom) SELECT ?, ${polygonalSql(parsedGeometrySql)}`, [
      source,
      JSON.stringify(g),
    ]);
  }
  return geometries.length;
}

export async function basemapLandJson(knex: Knex): Promise<string> {
  const { rows } = await knex.raw(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', id, 'geometry', ${geoJsonGeometry('geom', 5)}, 'properties', json_build_object()
     )), '[]'::json))::text AS body FROM basemap_land`,
  );
  return rows[0].body as string;
}

export async function recordImport(
  knex: Knex,
  entry: { dataset: string; source: string; isFixture: boolean; summary: unknown },
): Promise<void> {
  await knex('data_imports').insert({
    dataset: entry.dataset,
    source: entry.source,
    is_fixture: entry.isFixture,
    summary: JSON.stringify(entry.summary),
  });
}
