import type { Knex } from 'knex';
import type { AreaSummary } from '../contracts/areas.js';
import type { AlternativeRoute, IdeaFilter, IdeaStage, IdeaStageEvent, NearbyActivity } from '../contracts/ideas.js';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** WHERE over `ideas i`; hidden ideas never show in lists. Only bound values. */
export function ideaFilterSql(f: IdeaFilter & { ids?: number[] }): { sql: string; bindings: Knex.RawBinding[] } {
  const parts = ['i.hidden_at IS NULL'];
  const b: Knex.RawBinding[] = [];
  if (f.ids) {
    parts.push('i.id = ANY(?::int[])');
    b.push(f.ids);
  }
  if (f.bbox) {
    parts.push('i.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(i.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))');
    b.push(...f.bbox, ...f.bbox);
  }
  if (f.area) {
    parts.push('EXISTS (SELECT 1 FROM idea_areas ia WHERE ia.idea_id = i.id AND ia.area_id = ANY(?::int[]))');
    b.push(f.area);
  }
  if (f.theme) {
    parts.push(`EXISTS (SELECT 1 FROM idea_themes it JOIN themes th ON th.id = it.theme_id
                         WHERE it.idea_id = i.id AND th.slug = ANY(?::text[]))`);
    b.push(f.theme);
  }
  if (f.stage) {
    parts.push('i.stage = ANY(?::text[])');
    b.push(f.stage);
  }
  if (f.from) {
    parts.push('i.submitted_at >= ?::timestamptz');
    b.push(f.from);
  }
  if (f.to) {
    parts.push('i.submitted_at <= ?::timestamptz');
    b.push(f.to);
  }
  return { sql: parts.join(' AND '), bindings: b };
}

/** An idea waits when nobody from the city has answered it within `waitingDays` of submission. */
const waitingSql = `(i.first_response_at IS NULL AND i.stage = 'submitted' AND i.submitted_at < now() - make_interval(days => ?))`;

const ideaPropsSql = `json_build_object(
  'id', i.id, 'trackingCode', i.tracking_code, 'title', i.title, 'stage', i.stage,
  'themes', coalesce((SELECT json_agg(th.slug ORDER BY th.sort_order) FROM idea_themes it JOIN themes th ON th.id = it.theme_id
                       WHERE it.idea_id = i.id), '[]'::json),
  'submittedAt', ${ISO('i.submitted_at')}, 'stageChangedAt', ${ISO('i.stage_changed_at')},
  'votes', (SELECT count(*)::int FROM idea_votes v WHERE v.idea_id = i.id),
  'comments', (SELECT count(*)::int FROM idea_comments c WHERE c.idea_id = i.id AND c.hidden_at IS NULL),
  'waiting', ${waitingSql},
  'department', (SELECT slug FROM departments WHERE id = i.department_id))`;

export async function ideaFeaturesJson(
  knex: Knex,
  f: IdeaFilter & { ids?: number[] },
  page: { limit: number; offset: number; waitingDays: number },
): Promise<{ json: string; count: number; matched: number }> {
  const w = ideaFilterSql(f);
  const waiting = f.waiting === undefined ? '' : ` AND ${f.waiting ? '' : 'NOT '}${waitingSql}`;
  const wb = f.waiting === undefined ? [] : [page.waitingDays];
  const { rows } = await knex.raw(
    `WITH matched AS (SELECT i.id, i.submitted_at FROM ideas i WHERE ${w.sql}${waiting}),
          page AS (SELECT id FROM matched ORDER BY submitted_at DESC, id DESC LIMIT ? OFFSET ?)
     SELECT (SELECT count(*)::int FROM matched) AS matched,
            coalesce(json_agg(json_build_object('type', 'Feature', 'id', i.id,
              'geometry', ST_AsGeoJSON(i.geom, 6)::json, 'properties', ${ideaPropsSql})
              ORDER BY i.submitted_at DESC, i.id DESC), '[]'::json)::text AS features,
            count(i.id)::int AS n
       FROM page JOIN ideas i ON i.id = page.id`,
    [...w.bindings, ...wb, page.limit, page.offset, page.waitingDays],
  );
  return { json: rows[0].features, count: rows[0].n, matched: rows[0].matched };
}

export interface IdeaRow {
  geometry: unknown;
  properties: Record<string, unknown> & { id: number; stage: IdeaStage };
  description: string;
  cost_estimate_eur: number | null;
  funding: string | null;
  alternative_route: AlternativeRoute | null;
  alternative_details: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  responsible_name: string | null;
  responsible_department: string | null;
  areas: AreaSummary[];
}

const ideaRowSql = (where: string) => `
  SELECT ST_AsGeoJSON(i.geom, 6)::json AS geometry, ${ideaPropsSql} AS properties,
         i.description, i.cost_estimate_eur, i.funding, i.alternative_route, i.alternative_details,
         ${ISO('i.hidden_at')} AS hidden_at, i.hidden_reason,
         coalesce(u.display_name, 'Helsingin kaupunki') AS responsible_name,
         (SELECT slug FROM departments WHERE id = i.department_id) AS responsible_department,
         i.responsible_user_id,
         coalesce((SELECT json_agg(json_build_object('id', a.id, 'level', a.level, 'code', a.code, 'fullCode', a.full_code,
                                   'nameFi', a.name_fi, 'nameSv', a.name_sv, 'parentId', a.parent_id)
                                   ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], a.level), a.name_fi)
                     FROM idea_areas ia JOIN areas a ON a.id = ia.area_id WHERE ia.idea_id = i.id), '[]'::json) AS areas
    FROM ideas i LEFT JOIN users u ON u.id = i.responsible_user_id
   WHERE ${where}`;

export async function ideaById(knex: Knex, id: number, waitingDays: number): Promise<(IdeaRow & { responsible_user_id: number | null }) | null> {
  const { rows } = await knex.raw(ideaRowSql('i.id = ?'), [waitingDays, id]);
  return rows[0] ?? null;
}

export async function ideaIdByCode(knex: Knex, code: string): Promise<number | null> {
  const { rows } = await knex.raw('SELECT id FROM ideas WHERE tracking_code = ?', [code]);
  return rows[0]?.id ?? null;
}

export async function stageEvents(knex: Knex, ideaId: number): Promise<IdeaStageEvent[]> {
  const { rows } = await knex.raw(
    `SELECT e.id, e.from_stage AS "from", e.to_stage AS "to", ${ISO('e.created_at')} AS at,
            u.display_name AS by, e.reason, e.alternative_route AS "alternativeRoute",
            e.alternative_details AS "alternativeDetails", e.funding
       FROM idea_stage_events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.idea_id = ? ORDER BY e.id`,
    [ideaId],
  );
  return rows as IdeaStageEvent[];
}

/** Theme slugs among `slugs` that do not exist. */
export async function unknownThemes(knex: Knex, slugs: string[]): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT s FROM unnest(?::text[]) AS x(s) WHERE NOT EXISTS (SELECT 1 FROM themes WHERE slug = x.s)`,
    [slugs],
  );
  return (rows as { s: string }[]).map((r) => r.s);
}

export async function areaGeometryText(knex: Knex, areaId: number): Promise<string | null> {
  const { rows } = await knex.raw('SELECT ST_AsGeoJSON(geom)::text AS g FROM areas WHERE id = ?', [areaId]);
  return rows[0]?.g ?? null;
}

export interface NewIdea {
  trackingCode: string;
  title: string;
  description: string;
  themes: string[];
  geoJson: string;
  pickedAreaId: number | null;
  costEstimateEur: number | null;
  contactName: string | null;
  contactEmail: string | null;
  authorUserId: number | null;
}

/**
 * Inserts the idea, its themes and the first timeline entry. Its districts follow from the
 * database's membership rule (a picked district with its ancestors and sub-districts, else what the geometry meets).
 */
export async function insertIdea(trx: Knex.Transaction, idea: NewIdea): Promise<number> {
  const { rows } = await trx.raw(
    `INSERT INTO ideas (tracking_code, title, description, cost_estimate_eur, contact_name, contact_email,
                        author_user_id, picked_area_id, geom)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326))
     RETURNING id`,
    [idea.trackingCode, idea.title, idea.description, idea.costEstimateEur, idea.contactName, idea.contactEmail,
      idea.authorUserId, idea.pickedAreaId, idea.geoJson],
  );
  const id = rows[0].id as number;
  await trx.raw(
    `INSERT INTO idea_themes (idea_id, theme_id) SELECT ?, id FROM themes WHERE slug = ANY(?::text[])`,
    [id, idea.themes],
  );
  await trx.raw(`INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, actor_user_id) VALUES (?, NULL, 'submitted', ?)`, [
    id,
    idea.authorUserId,
  ]);
  return id;
}

export async function lockIdea(
  trx: Knex.Transaction,
  id: number,
): Promise<{ stage: IdeaStage; department_id: number | null; department_slug: string | null; responsible_user_id: number | null } | null> {
  const { rows } = await trx.raw(
    `SELECT stage, department_id, (SELECT slug FROM departments WHERE id = department_id) AS department_slug, responsible_user_id
       FROM ideas WHERE id = ? FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function recordStageChange(
  trx: Knex.Transaction,
  e: { ideaId: number; from: IdeaStage; to: IdeaStage; actorUserId: number; reason: string; alternativeRoute?: string; alternativeDetails?: string; funding?: string },
): Promise<void> {
  await trx.raw(
    `INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, actor_user_id, reason, alternative_route, alternative_details, funding)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [e.ideaId, e.from, e.to, e.actorUserId, e.reason, e.alternativeRoute ?? null, e.alternativeDetails ?? null, e.funding ?? null],
  );
  await trx.raw(
    `UPDATE ideas SET stage = ?, stage_changed_at = now(), first_response_at = coalesce(first_response_at, now()),
            funding = coalesce(?, funding), alternative_route = ?, alternative_details = ?
      WHERE id = ?`,
    [e.to, e.funding ?? null, e.alternativeRoute ?? null, e.alternativeDetails ?? null, e.ideaId],
  );
}

/** Returns the slug of the department the idea now belongs to. */
export async function takeResponsibility(trx: Knex.Transaction, ideaId: number, userId: number, departmentId: number): Promise<string> {
  const { rows } = await trx.raw(
    `UPDATE ideas SET responsible_user_id = ?, department_id = ?, first_response_at = coalesce(first_response_at, now())
      WHERE id = ? RETURNING (SELECT slug FROM departments WHERE id = ideas.department_id) AS department`,
    [userId, departmentId, ideaId],
  );
  return rows[0].department;
}

/**
 * "What else happens here": current and coming activities of every department within
 * `distance` metres of the idea (geography distance; the box test first uses the GiST index).
 */
export async function activitiesNearIdea(knex: Knex, ideaId: number, distance: number, limit: number) {
  const { rows } = await knex.raw(
    `WITH s AS (SELECT geom FROM ideas WHERE id = ?)
     SELECT t.id, d.slug AS department, d.color AS "departmentColor", t.kind, t.status,
            t.title_fi AS "titleFi", t.title_sv AS "titleSv", t.title_en AS "titleEn",
            ${ISO('t.starts_at')} AS "startsAt", ${ISO('t.ends_at')} AS "endsAt", t.is_demo AS "isDemo",
            round(ST_Distance(s.geom::geography, t.geom::geography)::numeric, 1)::float8 AS "distanceMetres"
       FROM s JOIN activities t
         ON t.geom && ST_Expand(s.geom, ?::float8 / 55000)
        AND ST_DWithin(s.geom::geography, t.geom::geography, ?)
       JOIN departments d ON d.id = t.department_id
      WHERE t.status <> 'cancelled' AND (t.ends_at IS NULL OR t.ends_at >= now())
      ORDER BY "distanceMetres", t.id LIMIT ?`,
    [ideaId, distance, distance, limit],
  );
  return rows as NearbyActivity[];
}

/**
 * "Who is active here": residents taking part in, and officials responsible for, other ideas that
 * share an osa-alue and a theme with this one.
 */
export async function peopleActiveNearIdea(knex: Knex, ideaId: number, limit: number) {
  const related = `
    SELECT DISTINCT o.id FROM ideas o
      JOIN idea_areas oa ON oa.idea_id = o.id
      JOIN idea_areas ia ON ia.area_id = oa.area_id AND ia.idea_id = ?
      JOIN areas a ON a.id = ia.area_id AND a.level = 'osa_alue'
      JOIN idea_themes ot ON ot.idea_id = o.id
      JOIN idea_themes it ON it.theme_id = ot.theme_id AND it.idea_id = ?
     WHERE o.id <> ? AND o.hidden_at IS NULL`;
  const { rows } = await knex.raw(
    `WITH related AS (${related})
     SELECT 'resident' AS role, coalesce(u.display_name, 'Asukas') AS name, NULL AS department, count(*)::int AS ideas
       FROM related r JOIN idea_participants p ON p.idea_id = r.id JOIN users u ON u.id = p.user_id
      GROUP BY u.id, u.display_name
     UNION ALL
     -- Public: an official is shown by display name, never by the account's e-mail address.
     SELECT 'official', coalesce(u.display_name, 'Helsingin kaupunki'), d.slug, count(*)::int
       FROM related r JOIN ideas o ON o.id = r.id JOIN users u ON u.id = o.responsible_user_id
       LEFT JOIN departments d ON d.id = o.department_id
      GROUP BY u.id, u.display_name, d.slug
     ORDER BY ideas DESC, name LIMIT ?`,
    [ideaId, ideaId, ideaId, limit],
  );
  return rows as { role: 'resident' | 'official'; name: string; department: string | null; ideas: number }[];
}

export async function ideaExtent(
  knex: Knex,
): Promise<{ bbox: [number, number, number, number] | null; interval: [string | null, string | null] }> {
  const { rows } = await knex.raw(
    `SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2, s, en
       FROM (SELECT ST_Extent(geom)::geometry AS e, ${ISO('min(submitted_at)')} AS s, ${ISO('max(submitted_at)')} AS en
               FROM ideas WHERE hidden_at IS NULL) x`,
  );
  const r = rows[0];
  return { bbox: r.x1 === null ? null : [r.x1, r.y1, r.x2, r.y2], interval: [r.s, r.en] };
}

/** Rows for the CSV export: the map properties, a representative point and the WKT geometry. */
export async function ideaRows(
  knex: Knex,
  f: IdeaFilter,
  page: { limit: number; offset: number; waitingDays: number },
): Promise<(Record<string, unknown> & { lon: number; lat: number; wkt: string })[]> {
  const w = ideaFilterSql(f);
  const { rows } = await knex.raw(
    `SELECT ${ideaPropsSql} AS p, ST_AsText(i.geom, 6) AS wkt,
            round(ST_X(ST_PointOnSurface(i.geom))::numeric, 6)::float8 AS lon,
            round(ST_Y(ST_PointOnSurface(i.geom))::numeric, 6)::float8 AS lat
       FROM ideas i WHERE ${w.sql} ORDER BY i.submitted_at DESC, i.id DESC LIMIT ? OFFSET ?`,
    [page.waitingDays, ...w.bindings, page.limit, page.offset],
  );
  return (rows as { p: Record<string, unknown>; wkt: string; lon: number; lat: number }[]).map((r) => ({ ...r.p, lon: r.lon, lat: r.lat, wkt: r.wkt }));
}
