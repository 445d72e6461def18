import type { Knex } from 'knex';
import { areaSummaryJson, isoTime as ISO, geoJsonGeometry } from '../collections/sql.js';
import type { AreaSummary } from '../contracts/areas.js';
import type {
  ActivityDetail,
  ActivityFullProperties,
  ActivityMilestone,
  ActivityKind,
  ActivityStatus,
  Department,
  OverlapItem,
  Theme,
} from '../contracts/activities.js';
import { activityAreas, activityFullProps, activityListProps, activityWhere } from './activities.dataset.js';

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
export const toTheme = (r: RefRow): Theme => ({
  id: r.id,
  slug: r.slug,
  nameFi: r.name_fi,
  nameSv: r.name_sv,
  nameEn: r.name_en,
});

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

// ---- one activity --------------------------------------------------------------------------

export interface ActivityDetailRow {
  geometry: unknown;
  properties: ActivityFullProperties;
  department: Department;
  themes: Theme[];
  areas: AreaSummary[];
  milestones: ActivityMilestone[];
  budgeting: ActivityDetail['properties']['budgeting'];
}

/** One milestone of `activity_milestones ${alias}` as the contract's JSON; ideas' timelines use it too. */
export const milestoneJson = (alias: string) => `json_build_object('id', ${alias}.id, 'titleFi', ${alias}.title_fi,
  'titleSv', ${alias}.title_sv, 'titleEn', ${alias}.title_en, 'date', to_char(${alias}.due_on, 'YYYY-MM-DD'),
  'done', ${alias}.done, 'doneAt', ${ISO(`${alias}.done_at`)})`;

/** Locks the activity's row for the rest of the transaction; false when there is none. */
export async function lockActivity(trx: Knex.Transaction, id: number): Promise<boolean> {
  const { rows } = await trx.raw('SELECT id FROM activities WHERE id = ? FOR UPDATE', [id]);
  return rows.length > 0;
}

export async function activityById(knex: Knex, id: number): Promise<ActivityDetailRow | null> {
  const { rows } = await knex.raw(
    `SELECT ${geoJsonGeometry('t.geom')} AS geometry, ${activityFullProps.sql} AS properties,
            json_build_object('id', d.id, 'slug', d.slug, 'nameFi', d.name_fi, 'nameSv', d.name_sv,
                              'nameEn', d.name_en, 'color', d.color) AS department,
            coalesce((SELECT json_agg(json_build_object('id', th.id, 'slug', th.slug, 'nameFi', th.name_fi,
                                      'nameSv', th.name_sv, 'nameEn', th.name_en) ORDER BY th.sort_order)
                        FROM activity_themes at JOIN themes th ON th.id = at.theme_id WHERE at.activity_id = t.id), '[]'::json) AS themes,
            ${areaSummaryJson(activityAreas, 't')} AS areas,
            coalesce((SELECT json_agg(${milestoneJson('m')} ORDER BY m.due_on, m.id) FROM activity_milestones m
                       WHERE m.activity_id = t.id), '[]'::json) AS milestones,
            (SELECT json_build_object('roundId', bp.round_id, 'roundName', br.name_fi, 'planId', bp.id, 'planTitle', bp.title)
               FROM budgeting_plans bp JOIN budgeting_rounds br ON br.id = bp.round_id WHERE bp.activity_id = t.id) AS budgeting
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

type OverlapRow = {
  item: Omit<OverlapItem, 'distanceMetres' | 'intersects' | 'timeOverlaps'>;
  distance: number;
  intersects: boolean;
  time_overlaps: boolean;
};

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
): Promise<{
  activitiesJson: string;
  activityCount: number;
  departments: { department: string; count: number }[];
  pairs: unknown[];
}> {
  const q =
    'areaId' in subject
      ? { sql: 'SELECT geom FROM areas WHERE id = ?', b: [subject.areaId] }
      : { sql: 'SELECT ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326) AS geom', b: [subject.geoJson] };
  const time = activityWhere({ from: opts.from, to: opts.to });
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
     SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'id', t.id, 'geometry', ${geoJsonGeometry('t.geom')},
              'properties', ${activityListProps.sql}) ORDER BY t.id), '[]'::json)::text AS features,
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
 * Department and theme slugs must exist (the caller resolves them first). A batch of one: the
 * rule is written once, in upsertActivities.
 */
export async function upsertActivity(knex: Knex, a: ActivityInput): Promise<UpsertResult> {
  const [result] = await upsertActivities(knex, [a]);
  return result;
}

/**
 * Upserts a whole batch in three statements, whatever its size: one INSERT … SELECT
 * FROM jsonb_to_recordset with the same ON CONFLICT rule (unchanged rows are not rewritten, so
 * their triggers do not fire), then the themes of every row of the batch in one DELETE and one
 * INSERT. The statement-level area-membership trigger links the batch's districts in one join.
 * A (source, sourceId) may stand only once in a batch (PostgreSQL refuses to update a row twice
 * in one statement); the caller starts a new batch instead.
 */
export async function upsertActivities(knex: Knex, batch: readonly ActivityInput[]): Promise<UpsertResult[]> {
  if (batch.length === 0) return [];
  const rows = batch.map((a, ord) => ({
    ord,
    department: a.department,
    kind: a.kind,
    title_fi: a.titleFi,
    title_sv: a.titleSv ?? null,
    title_en: a.titleEn ?? null,
    description_fi: a.descriptionFi ?? null,
    description_sv: a.descriptionSv ?? null,
    description_en: a.descriptionEn ?? null,
    status: a.status,
    starts_at: a.startsAt ?? null,
    ends_at: a.endsAt ?? null,
    contact: a.contact ?? null,
    url: a.url ?? null,
    source: a.source,
    source_id: a.sourceId,
    is_demo: a.isDemo ?? false,
    geometry: a.geometry,
  }));
  const { rows: written } = await knex.raw(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(
         ord int, department text, kind text, title_fi text, title_sv text, title_en text, description_fi text,
         description_sv text, description_en text, status text, starts_at timestamptz, ends_at timestamptz,
         contact text, url text, source text, source_id text, is_demo boolean, geometry jsonb)
     ),
     upserted AS (
       INSERT INTO activities AS t (department_id, kind, title_fi, title_sv, title_en, description_fi, description_sv,
                                    description_en, status, starts_at, ends_at, contact, url, source, source_id, is_demo, geom)
       SELECT d.id, i.kind, i.title_fi, i.title_sv, i.title_en, i.description_fi, i.description_sv, i.description_en,
              i.status, i.starts_at, i.ends_at, i.contact, i.url, i.source, i.source_id, i.is_demo,
              ST_SetSRID(ST_GeomFromGeoJSON(i.geometry::text), 4326)
       FROM input i JOIN departments d ON d.slug = i.department
       ORDER BY i.ord
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
       RETURNING t.id, t.source, t.source_id, (xmax = 0) AS inserted
     )
     -- Rows the upsert left alone are not in its RETURNING; they existed before, so the snapshot sees them.
     SELECT i.ord, coalesce(u.id, a.id) AS id, u.inserted
     FROM input i
     LEFT JOIN upserted u ON u.source = i.source AND u.source_id = i.source_id
     LEFT JOIN activities a ON u.id IS NULL AND a.source = i.source AND a.source_id = i.source_id
     ORDER BY i.ord`,
    [JSON.stringify(rows)],
  );
  const results: UpsertResult[] = written.map((r: { id: number; inserted: boolean | null }) => ({
    id: r.id,
    action: r.inserted === null ? 'unchanged' : r.inserted ? 'inserted' : 'updated',
  }));
  if (results.some((r) => r.id === null || r.id === undefined)) throw new Error('unknown department');

  // Themes of the whole batch: (activity, slug) pairs, one DELETE of what is no longer wanted, one INSERT of what is new.
  const pairIds: number[] = [];
  const pairSlugs: string[] = [];
  batch.forEach((a, i) => a.themes.forEach((slug) => (pairIds.push(results[i].id), pairSlugs.push(slug))));
  const ids = results.map((r) => r.id);
  const { rows: removed } = await knex.raw(
    `DELETE FROM activity_themes at WHERE at.activity_id = ANY(?::int[])
       AND NOT EXISTS (SELECT 1 FROM unnest(?::int[], ?::text[]) AS p(activity_id, slug) JOIN themes th ON th.slug = p.slug
                       WHERE p.activity_id = at.activity_id AND th.id = at.theme_id)
     RETURNING at.activity_id`,
    [ids, pairIds, pairSlugs],
  );
  const { rows: added } = await knex.raw(
    `INSERT INTO activity_themes (activity_id, theme_id)
     SELECT p.activity_id, th.id FROM unnest(?::int[], ?::text[]) AS p(activity_id, slug) JOIN themes th ON th.slug = p.slug
     ON CONFLICT DO NOTHING RETURNING activity_id`,
    [pairIds, pairSlugs],
  );
  // A row whose only change is its themes counts as updated, and its updated_at moves.
  const themesChanged = new Set<number>([...removed, ...added].map((r: { activity_id: number }) => r.activity_id));
  const touched = results.filter((r) => r.action === 'unchanged' && themesChanged.has(r.id));
  if (touched.length) {
    await knex.raw('UPDATE activities SET updated_at = now() WHERE id = ANY(?::int[])', [touched.map((r) => r.id)]);
    for (const r of touched) r.action = 'updated';
  }
  return results;
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
  kind: 'kind',
  status: 'status',
  titleFi: 'title_fi',
  titleSv: 'title_sv',
  titleEn: 'title_en',
  descriptionFi: 'description_fi',
  descriptionSv: 'description_sv',
  descriptionEn: 'description_en',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  contact: 'contact',
  url: 'url',
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

// ---- milestones ----------------------------------------------------------------------------

export interface MilestoneInput {
  titleFi: string;
  titleSv: string | null;
  titleEn: string | null;
  date: string;
  done: boolean;
}

export async function insertMilestone(knex: Knex, activityId: number, m: MilestoneInput): Promise<ActivityMilestone> {
  const { rows } = await knex.raw(
    `INSERT INTO activity_milestones AS m (activity_id, title_fi, title_sv, title_en, due_on, done, done_at)
     VALUES (?, ?, ?, ?, ?::date, ?, CASE WHEN ? THEN now() END) RETURNING ${milestoneJson('m')} AS milestone`,
    [activityId, m.titleFi, m.titleSv, m.titleEn, m.date, m.done, m.done],
  );
  return rows[0].milestone;
}

export async function milestoneById(knex: Knex, activityId: number, id: number): Promise<ActivityMilestone | null> {
  const { rows } = await knex.raw(
    `SELECT ${milestoneJson('m')} AS milestone FROM activity_milestones m WHERE m.id = ? AND m.activity_id = ? FOR UPDATE`,
    [id, activityId],
  );
  return rows[0]?.milestone ?? null;
}

/** Changes what `c` names; done_at is when it was first marked done, and goes when it is undone. */
export async function updateMilestone(knex: Knex, id: number, c: Partial<MilestoneInput>): Promise<ActivityMilestone> {
  const { rows } = await knex.raw(
    `UPDATE activity_milestones AS m SET title_fi = coalesce(?, title_fi), title_sv = CASE WHEN ?::boolean THEN ? ELSE title_sv END,
            title_en = CASE WHEN ?::boolean THEN ? ELSE title_en END, due_on = coalesce(?::date, due_on),
            done = coalesce(?, done),
            done_at = CASE WHEN coalesce(?, done) THEN coalesce(done_at, now()) END
      WHERE id = ? RETURNING ${milestoneJson('m')} AS milestone`,
    [
      c.titleFi ?? null,
      c.titleSv !== undefined,
      c.titleSv ?? null,
      c.titleEn !== undefined,
      c.titleEn ?? null,
      c.date ?? null,
      c.done ?? null,
      c.done ?? null,
      id,
    ],
  );
  return rows[0].milestone;
}

/**
 * The status the milestones give: done when it has milestones and all are done, else ongoing.
 * Returns the status when it changed, null when it stayed.
 */
export async function statusFromMilestones(knex: Knex, activityId: number): Promise<ActivityStatus | null> {
  const { rows } = await knex.raw(
    `UPDATE activities t SET status = s.status, updated_at = now()
       FROM (SELECT CASE WHEN count(*) > 0 AND bool_and(done) THEN 'done' ELSE 'ongoing' END AS status
               FROM activity_milestones WHERE activity_id = ?) s
      WHERE t.id = ? AND t.status IS DISTINCT FROM s.status RETURNING t.status`,
    [activityId, activityId],
  );
  return rows[0]?.status ?? null;
}
