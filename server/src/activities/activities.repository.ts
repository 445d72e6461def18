import type { Knex } from 'knex';
import type { AreaSummary } from '../contracts/areas.js';
import type {
  ActivityFilter,
  ActivityFullProperties,
  ActivityKind,
  ActivityStatus,
  Department,
  OverlapItem,
  Theme,
} from '../contracts/activities.js';

// ---- reference data ------------------------------------------------------------------------

/** A departments or themes row (themes have no colour). */
export interface RefRow {
  id: number;
  slug: string;
  name_fi: string;
  name_sv: string | null;
  name_en: string | null;
  color?: string;
}
export const toDepartment = (r: RefRow): Department => ({
  id: r.id,
  slug: r.slug,
  nameFi: r.name_fi,
  nameSv: r.name_sv,
  nameEn: r.name_en,
  color: r.color!,
});
export const toTheme = (r: RefRow): Theme => ({ id: r.id, slug: r.slug, nameFi: r.name_fi, nameSv: r.name_sv, nameEn: r.name_en });

export async function listDepartments(knex: Knex): Promise<Department[]> {
  const { rows } = await knex.raw(`SELECT id, slug, name_fi, name_sv, name_en, color FROM departments ORDER BY sort_order, slug`);
  return (rows as RefRow[]).map(toDepartment);
}

export async function listThemes(knex: Knex): Promise<Theme[]> {
  const { rows } = await knex.raw(`SELECT id, slug, name_fi, name_sv, name_en FROM themes ORDER BY sort_order, slug`);
  return (rows as RefRow[]).map(toTheme);
}

/** The given ids that are not areas. */
export async function missingAreaIds(knex: Knex, ids: number[]): Promise<number[]> {
  const { rows } = await knex.raw(
    `SELECT x.id FROM unnest(?::int[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.id = x.id)`,
    [ids],
  );
  return (rows as { id: number }[]).map((r) => r.id);
}

// ---- filters -------------------------------------------------------------------------------

/**
 * WHERE clause of a filter over `activities t JOIN departments d`. Only fixed SQL fragments are
 * joined here; every value is a bound parameter.
 */
export function filterSql(f: ActivityFilter): { sql: string; bindings: Knex.RawBinding[] } {
  const parts: string[] = ['true'];
  const b: Knex.RawBinding[] = [];
  if (f.bbox) {
    // The && on the GiST index first; the exact test only for what the index lets through.
    parts.push('t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))');
    b.push(...f.bbox, ...f.bbox);
  }
  if (f.area) {
    parts.push('EXISTS (SELECT 1 FROM activity_areas aa WHERE aa.activity_id = t.id AND aa.area_id = ANY(?::int[]))');
    b.push(f.area);
  }
  if (f.theme) {
    parts.push(`EXISTS (SELECT 1 FROM activity_themes at JOIN themes th ON th.id = at.theme_id
                         WHERE at.activity_id = t.id AND th.slug = ANY(?::text[]))`);
    b.push(f.theme);
  }
  if (f.department) {
    parts.push('d.slug = ANY(?::text[])');
    b.push(f.department);
  }
  if (f.kind) {
    parts.push('t.kind = ANY(?::text[])');
    b.push(f.kind);
  }
  if (f.status) {
    parts.push('t.status = ANY(?::text[])');
    b.push(f.status);
  }
  // Spans overlap the window; a missing start or end is open towards that side.
  if (f.from) {
    parts.push('(t.ends_at IS NULL OR t.ends_at >= ?::timestamptz)');
    b.push(f.from);
  }
  if (f.to) {
    parts.push('(t.starts_at IS NULL OR t.starts_at <= ?::timestamptz)');
    b.push(f.to);
  }
  if (f.demo === 'exclude') parts.push('NOT t.is_demo');
  if (f.demo === 'only') parts.push('t.is_demo');
  return { sql: parts.join(' AND '), bindings: b };
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const themesOf = (t: string) =>
  `coalesce((SELECT json_agg(th.slug ORDER BY th.sort_order) FROM activity_themes at JOIN themes th ON th.id = at.theme_id
              WHERE at.activity_id = ${t}.id), '[]'::json)`;

/** The map properties of an activity (the list and OGC), as SQL json_build_object arguments. */
const listPropsSql = `
  'id', t.id, 'department', d.slug, 'departmentColor', d.color, 'kind', t.kind, 'status', t.status,
  'titleFi', t.title_fi, 'titleSv', t.title_sv, 'titleEn', t.title_en,
  'startsAt', ${ISO('t.starts_at')}, 'endsAt', ${ISO('t.ends_at')},
  'themes', ${themesOf('t')}, 'isDemo', t.is_demo`;

/** json_build_object has a 100-argument limit; the full set is the list set merged with these. */
const extraPropsSql = `
  'descriptionFi', t.description_fi, 'descriptionSv', t.description_sv, 'descriptionEn', t.description_en,
  'contact', t.contact, 'url', t.url, 'source', t.source, 'sourceId', t.source_id,
  'updatedAt', ${ISO('t.updated_at')}`;

const propsSql = (full: boolean) =>
  full ? `(jsonb_build_object(${listPropsSql}) || jsonb_build_object(${extraPropsSql}))` : `json_build_object(${listPropsSql})`;

export async function countActivities(knex: Knex, f: ActivityFilter): Promise<number> {
  const w = filterSql(f);
  const { rows } = await knex.raw(
    `SELECT count(*)::int AS n FROM activities t JOIN departments d ON d.id = t.department_id WHERE ${w.sql}`,
    w.bindings,
  );
  return rows[0].n as number;
}

/**
 * One page of features as a JSON array text, built by PostGIS. Always bounded by `limit` —
 * PGlite runs out of memory on unbounded json_agg. Ordered by id so pages are stable.
 */
export async function activityFeaturesJson(
  knex: Knex,
  f: ActivityFilter,
  page: { limit: number; offset: number; full?: boolean },
): Promise<{ json: string; count: number }> {
  const w = filterSql(f);
  const { rows } = await knex.raw(
    `WITH page AS (
       SELECT t.id FROM activities t JOIN departments d ON d.id = t.department_id
        WHERE ${w.sql} ORDER BY t.id LIMIT ? OFFSET ?)
     SELECT coalesce(json_agg(json_build_object(
              'type', 'Feature', 'id', t.id,
              'geometry', ST_AsGeoJSON(t.geom, 6)::json,
              'properties', ${propsSql(page.full ?? false)}) ORDER BY t.id), '[]'::json)::text AS features,
            count(*)::int AS n
       FROM page JOIN activities t ON t.id = page.id JOIN departments d ON d.id = t.department_id`,
    [...w.bindings, page.limit, page.offset],
  );
  return { json: rows[0].features as string, count: rows[0].n as number };
}

/** Rows for CSV: full properties plus WKT and a representative point. */
export async function activityRows(
  knex: Knex,
  f: ActivityFilter,
  page: { limit: number; offset: number },
): Promise<(ActivityFullProperties & { lon: number; lat: number; wkt: string })[]> {
  const w = filterSql(f);
  const { rows } = await knex.raw(
    `SELECT ${propsSql(true)} AS p, ST_AsText(t.geom, 6) AS wkt,
            ST_X(ST_PointOnSurface(t.geom)) AS lon, ST_Y(ST_PointOnSurface(t.geom)) AS lat
       FROM activities t JOIN departments d ON d.id = t.department_id
      WHERE ${w.sql} ORDER BY t.id LIMIT ? OFFSET ?`,
    [...w.bindings, page.limit, page.offset],
  );
  return (rows as { p: ActivityFullProperties; wkt: string; lon: number; lat: number }[]).map((r) => ({
    ...r.p,
    lon: Math.round(r.lon * 1e6) / 1e6,
    lat: Math.round(r.lat * 1e6) / 1e6,
    wkt: r.wkt,
  }));
}

/** Overall extent and time span of the activities, for OGC collection metadata. */
export async function activityExtent(
  knex: Knex,
): Promise<{ bbox: [number, number, number, number] | null; start: string | null; end: string | null }> {
  const { rows } = await knex.raw(
    `SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2, s, en
       FROM (SELECT ST_Extent(geom)::geometry AS e, ${ISO('min(starts_at)')} AS s, ${ISO('max(ends_at)')} AS en FROM activities) x`,
  );
  const r = rows[0];
  return { bbox: r.x1 === null ? null : [r.x1, r.y1, r.x2, r.y2], start: r.s, end: r.en };
}

// ---- one activity --------------------------------------------------------------------------

export interface ActivityDetailRow {
  geometry: unknown;
  properties: ActivityFullProperties;
  department: Department;
  themes: Theme[];
  areas: AreaSummary[];
}

/** Locks the activity's row for the rest of the transaction; false when there is none. */
export async function lockActivity(trx: Knex.Transaction, id: number): Promise<boolean> {
  const { rows } = await trx.raw('SELECT id FROM activities WHERE id = ? FOR UPDATE', [id]);
  return rows.length > 0;
}

export async function activityById(knex: Knex, id: number): Promise<ActivityDetailRow | null> {
  const { rows } = await knex.raw(
    `SELECT ST_AsGeoJSON(t.geom, 6)::json AS geometry, ${propsSql(true)} AS properties,
            json_build_object('id', d.id, 'slug', d.slug, 'nameFi', d.name_fi, 'nameSv', d.name_sv,
                              'nameEn', d.name_en, 'color', d.color) AS department,
            coalesce((SELECT json_agg(json_build_object('id', th.id, 'slug', th.slug, 'nameFi', th.name_fi,
                                      'nameSv', th.name_sv, 'nameEn', th.name_en) ORDER BY th.sort_order)
                        FROM activity_themes at JOIN themes th ON th.id = at.theme_id WHERE at.activity_id = t.id), '[]'::json) AS themes,
            coalesce((SELECT json_agg(json_build_object('id', a.id, 'level', a.level, 'code', a.code, 'fullCode', a.full_code,
                                      'nameFi', a.name_fi, 'nameSv', a.name_sv, 'parentId', a.parent_id)
                                      ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], a.level), a.name_fi)
                        FROM activity_areas aa JOIN areas a ON a.id = aa.area_id WHERE aa.activity_id = t.id), '[]'::json) AS areas
       FROM activities t JOIN departments d ON d.id = t.department_id
      WHERE t.id = ?`,
    [id],
  );
  return (rows[0] as ActivityDetailRow | undefined) ?? null;
}

// ---- overlaps ------------------------------------------------------------------------------

/**
 * Index-friendly box around `g` that surely holds everything within `d` metres: one degree of
 * latitude is ≥ 110.5 km, a degree of longitude shrinks with cos(latitude) (taken at the
 * geometry's pole-most edge). The exact test is ST_DWithin on geography afterwards.
 */
const nearBox = (g: string) =>
  `ST_Expand(${g}, ?::float8 / (110000 * cos(radians(least(89, greatest(abs(ST_YMin(${g})), abs(ST_YMax(${g}))))))), ?::float8 / 110000)`;

/** Open-ended spans overlap unless one ends before the other starts. */
const spansOverlap = (a: string, b: string) =>
  `((${a}.starts_at IS NULL OR ${b}.ends_at IS NULL OR ${a}.starts_at <= ${b}.ends_at)
    AND (${b}.starts_at IS NULL OR ${a}.ends_at IS NULL OR ${b}.starts_at <= ${a}.ends_at))`;

const overlapItemSql = (t: string, d: string) => `json_build_object(
  'id', ${t}.id, 'department', ${d}.slug, 'kind', ${t}.kind, 'status', ${t}.status,
  'titleFi', ${t}.title_fi, 'titleSv', ${t}.title_sv, 'titleEn', ${t}.title_en,
  'startsAt', ${ISO(`${t}.starts_at`)}, 'endsAt', ${ISO(`${t}.ends_at`)}, 'isDemo', ${t}.is_demo)`;

type OverlapRow = { item: Omit<OverlapItem, 'distanceMetres' | 'intersects' | 'timeOverlaps'>; distance: number; intersects: boolean; time_overlaps: boolean };

const toOverlapItem = (r: OverlapRow): OverlapItem => ({
  ...r.item,
  distanceMetres: Math.round(r.distance * 10) / 10,
  intersects: r.intersects,
  timeOverlaps: r.time_overlaps,
});

/**
 * Other departments' activities within `distance` metres of activity `id`. "Touching" is the
 * planar ST_Intersects the map draws (a geography line is a great-circle arc, which a point on
 * the drawn line can miss by metres); distances are on the spheroid.
 */
export async function overlapsOfActivity(knex: Knex, id: number, distance: number, limit: number): Promise<OverlapItem[]> {
  const { rows } = await knex.raw(
    `WITH s AS (SELECT * FROM activities WHERE id = ?)
     SELECT ${overlapItemSql('o', 'd')} AS item,
            CASE WHEN ST_Intersects(s.geom, o.geom) THEN 0 ELSE ST_Distance(s.geom::geography, o.geom::geography) END AS distance,
            ST_Intersects(s.geom, o.geom) AS intersects,
            ${spansOverlap('s', 'o')} AS time_overlaps
       FROM s
       JOIN activities o ON o.department_id <> s.department_id AND o.id <> s.id
                        AND o.geom && ${nearBox('s.geom')}
                        AND (ST_Intersects(s.geom, o.geom) OR ST_DWithin(s.geom::geography, o.geom::geography, ?))
       JOIN departments d ON d.id = o.department_id
      ORDER BY time_overlaps DESC, distance, o.id
      LIMIT ?`,
    [id, distance, distance, distance, limit],
  );
  return (rows as OverlapRow[]).map(toOverlapItem);
}

export type OverlapSubject = { areaId: number } | { geoJson: string };

/**
 * Activities within `distance` of an area or a drawn geometry (time window applied), and the
 * cross-department pairs among them that lie within `distance` of each other.
 */
export async function overlapsOfPlace(
  knex: Knex,
  subject: OverlapSubject,
  opts: { distance: number; from?: string; to?: string; limit: number; pairLimit: number },
): Promise<{ activitiesJson: string; activityCount: number; departments: { department: string; count: number }[]; pairs: unknown[] }> {
  const q =
    'areaId' in subject
      ? { sql: 'SELECT geom FROM areas WHERE id = ?', b: [subject.areaId] }
      : { sql: 'SELECT ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326) AS geom', b: [subject.geoJson] };
  const time = filterSql({ from: opts.from, to: opts.to });
  const hits = `
    q AS (${q.sql}),
    hits AS (
      SELECT t.* FROM q, activities t JOIN departments d ON d.id = t.department_id
       WHERE t.geom && ${nearBox('q.geom')}
         AND (ST_Intersects(t.geom, q.geom) OR ST_DWithin(t.geom::geography, q.geom::geography, ?))
         AND ${time.sql}
       ORDER BY t.id LIMIT ?)`;
  const hitBindings: Knex.RawBinding[] = [...q.b, opts.distance, opts.distance, opts.distance, ...time.bindings, opts.limit];
  const { rows: listRows } = await knex.raw(
    `WITH ${hits}
     SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.geom, 6)::json,
              'properties', ${propsSql(false)}) ORDER BY t.id), '[]'::json)::text AS features,
            count(*)::int AS n
       FROM hits t JOIN departments d ON d.id = t.department_id`,
    hitBindings,
  );
  const { rows: deptRows } = await knex.raw(
    `WITH ${hits}
     SELECT d.slug AS department, count(*)::int AS count FROM hits t JOIN departments d ON d.id = t.department_id
      GROUP BY d.slug, d.sort_order ORDER BY d.sort_order`,
    hitBindings,
  );
  const { rows: pairRows } = await knex.raw(
    `WITH ${hits}
     SELECT ${overlapItemSql('a', 'da')} AS a, ${overlapItemSql('b', 'db')} AS b,
            CASE WHEN ST_Intersects(a.geom, b.geom) THEN 0 ELSE ST_Distance(a.geom::geography, b.geom::geography) END AS distance,
            ST_Intersects(a.geom, b.geom) AS intersects,
            ${spansOverlap('a', 'b')} AS time_overlaps
       FROM hits a
       JOIN hits b ON a.id < b.id AND a.department_id <> b.department_id
                  AND b.geom && ${nearBox('a.geom')}
                  AND (ST_Intersects(a.geom, b.geom) OR ST_DWithin(a.geom::geography, b.geom::geography, ?))
       JOIN departments da ON da.id = a.department_id
       JOIN departments db ON db.id = b.department_id
      ORDER BY time_overlaps DESC, distance, a.id, b.id
      LIMIT ?`,
    [...hitBindings, opts.distance, opts.distance, opts.distance, opts.pairLimit],
  );
  return {
    activitiesJson: listRows[0].features as string,
    activityCount: listRows[0].n as number,
    departments: deptRows as { department: string; count: number }[],
    pairs: pairRows,
  };
}

export async function areaExists(knex: Knex, id: number): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM areas WHERE id = ?', [id]);
  return rows.length > 0;
}

// ---- writes --------------------------------------------------------------------------------

export interface ActivityInput {
  department: string;
  kind: ActivityKind;
  status: ActivityStatus;
  titleFi: string;
  titleSv?: string | null;
  titleEn?: string | null;
  descriptionFi?: string | null;
  descriptionSv?: string | null;
  descriptionEn?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  themes: string[];
  contact?: string | null;
  url?: string | null;
  source: string;
  sourceId: string;
  isDemo?: boolean;
  /** GeoJSON geometry in WGS84. */
  geometry: unknown;
}

export type UpsertResult = { id: number; action: 'inserted' | 'updated' | 'unchanged' };

/**
 * Insert or update by (source, source_id). The UPDATE only fires when a value differs, so a
 * re-import of the same data writes nothing (and the area trigger does not run again).
 * Department and theme slugs must exist (the caller resolves them first).
 */
export async function upsertActivity(knex: Knex, a: ActivityInput): Promise<UpsertResult> {
  const v: Knex.RawBinding[] = [
    a.department, a.kind, a.titleFi, a.titleSv ?? null, a.titleEn ?? null, a.descriptionFi ?? null,
    a.descriptionSv ?? null, a.descriptionEn ?? null, a.status, a.startsAt ?? null, a.endsAt ?? null,
    a.contact ?? null, a.url ?? null, a.source, a.sourceId, a.isDemo ?? false, JSON.stringify(a.geometry),
  ];
  const { rows } = await knex.raw(
    `INSERT INTO activities AS t (department_id, kind, title_fi, title_sv, title_en, description_fi, description_sv,
                             description_en, status, starts_at, ends_at, contact, url, source, source_id, is_demo, geom)
     VALUES ((SELECT id FROM departments WHERE slug = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?,
             ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326))
     ON CONFLICT (source, source_id) DO UPDATE SET
       department_id = EXCLUDED.department_id, kind = EXCLUDED.kind, title_fi = EXCLUDED.title_fi,
       title_sv = EXCLUDED.title_sv, title_en = EXCLUDED.title_en, description_fi = EXCLUDED.description_fi,
       description_sv = EXCLUDED.description_sv, description_en = EXCLUDED.description_en, status = EXCLUDED.status,
       starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, contact = EXCLUDED.contact, url = EXCLUDED.url,
       is_demo = EXCLUDED.is_demo, geom = EXCLUDED.geom, updated_at = now()
     WHERE (t.department_id, t.kind, t.title_fi, t.title_sv, t.title_en, t.description_fi, t.description_sv,
            t.description_en, t.status, t.starts_at, t.ends_at, t.contact, t.url, t.is_demo)
           IS DISTINCT FROM
           (EXCLUDED.department_id, EXCLUDED.kind, EXCLUDED.title_fi, EXCLUDED.title_sv, EXCLUDED.title_en,
            EXCLUDED.description_fi, EXCLUDED.description_sv, EXCLUDED.description_en, EXCLUDED.status,
            EXCLUDED.starts_at, EXCLUDED.ends_at, EXCLUDED.contact, EXCLUDED.url, EXCLUDED.is_demo)
        OR NOT ST_Equals(t.geom, EXCLUDED.geom) OR GeometryType(t.geom) <> GeometryType(EXCLUDED.geom)
     RETURNING id, (xmax = 0) AS inserted`,
    v,
  );
  let result: UpsertResult;
  if (rows.length) result = { id: rows[0].id, action: rows[0].inserted ? 'inserted' : 'updated' };
  else {
    const { rows: found } = await knex.raw('SELECT id FROM activities WHERE source = ? AND source_id = ?', [a.source, a.sourceId]);
    result = { id: found[0].id, action: 'unchanged' };
  }
  const themesChanged = await setActivityThemes(knex, result.id, a.themes);
  if (themesChanged && result.action === 'unchanged') {
    await knex.raw('UPDATE activities SET updated_at = now() WHERE id = ?', [result.id]);
    result.action = 'updated';
  }
  return result;
}

/** Makes the activity's themes exactly `slugs`; returns whether anything changed. */
export async function setActivityThemes(knex: Knex, activityId: number, slugs: string[]): Promise<boolean> {
  const { rows: removed } = await knex.raw(
    `DELETE FROM activity_themes WHERE activity_id = ?
        AND theme_id NOT IN (SELECT id FROM themes WHERE slug = ANY(?::text[])) RETURNING theme_id`,
    [activityId, slugs],
  );
  const { rows: added } = await knex.raw(
    `INSERT INTO activity_themes (activity_id, theme_id)
     SELECT ?, id FROM themes WHERE slug = ANY(?::text[])
     ON CONFLICT DO NOTHING RETURNING theme_id`,
    [activityId, slugs],
  );
  return removed.length + added.length > 0;
}

/** The department id of an activity, or null when there is no such activity. */
export async function departmentOfActivity(knex: Knex, id: number): Promise<number | null> {
  const { rows } = await knex.raw('SELECT department_id FROM activities WHERE id = ?', [id]);
  return (rows[0]?.department_id as number | undefined) ?? null;
}

/** The columns an edit may change; only the ones given are written. */
export type ActivityChanges = Partial<Omit<ActivityInput, 'source' | 'sourceId' | 'isDemo' | 'themes' | 'geometry'>> & {
  /** Checked GeoJSON text (validateUserGeometry). */
  geoJson?: string;
};

const CHANGE_COLUMNS = {
  kind: 'kind', status: 'status', titleFi: 'title_fi', titleSv: 'title_sv', titleEn: 'title_en',
  descriptionFi: 'description_fi', descriptionSv: 'description_sv', descriptionEn: 'description_en',
  startsAt: 'starts_at', endsAt: 'ends_at', contact: 'contact', url: 'url',
} as const satisfies Partial<Record<keyof ActivityChanges, string>>;

/** Updates what `c` names; a changed geometry makes the area trigger recompute the activity's areas. */
export async function updateActivity(knex: Knex, id: number, c: ActivityChanges): Promise<void> {
  const set: Record<string, unknown> = { updated_at: knex.fn.now() };
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = c[key as keyof typeof CHANGE_COLUMNS];
    if (value !== undefined) set[column] = value;
  }
  if (c.department !== undefined) set.department_id = knex.raw('(SELECT id FROM departments WHERE slug = ?)', [c.department]);
  if (c.geoJson !== undefined) set.geom = knex.raw('ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)', [c.geoJson]);
  await knex('activities').where({ id }).update(set);
}

export async function deleteActivity(knex: Knex, id: number): Promise<boolean> {
  const { rows } = await knex.raw('DELETE FROM activities WHERE id = ? RETURNING id', [id]);
  return rows.length > 0;
}

export async function deleteActivitiesWhere(knex: Knex, where: { isDemo: true } | { source: string }): Promise<number> {
  const { rows } =
    'isDemo' in where
      ? await knex.raw('DELETE FROM activities WHERE is_demo RETURNING id')
      : await knex.raw('DELETE FROM activities WHERE source = ? RETURNING id', [where.source]);
  return rows.length;
}

export async function countAllActivities(knex: Knex): Promise<number> {
  const { rows } = await knex.raw('SELECT count(*)::int AS n FROM activities');
  return rows[0].n as number;
}

export async function hasImportRecord(knex: Knex, dataset: string): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM data_imports WHERE dataset = ? LIMIT 1', [dataset]);
  return rows.length > 0;
}

export async function recordActivityImport(knex: Knex, dataset: string, source: string, summary: unknown): Promise<void> {
  await knex.raw('INSERT INTO data_imports (dataset, source, is_fixture, summary) VALUES (?, ?, false, ?::jsonb)', [
    dataset,
    source,
    JSON.stringify(summary),
  ]);
}
