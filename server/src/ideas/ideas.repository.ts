import type { Knex } from 'knex';
import type { Language } from '../contracts/common.js';
import { areaSummaryJson, isoTime, geoJsonGeometry } from '../collections/sql.js';
import type { AreaSummary } from '../contracts/areas.js';
import type { AlternativeRoute, IdeaStage, IdeaStageEvent, NearbyActivity } from '../contracts/ideas.js';
import { milestoneJson } from '../activities/activities.repository.js';
import { ideaAreas, ideaProps } from './ideas.dataset.js';

const ISO = isoTime;

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

const ideaRowSql = (props: string, where: string) => `
  SELECT ${geoJsonGeometry('i.geom')} AS geometry, ${props} AS properties,
         i.description, i.cost_estimate_eur, i.funding, i.alternative_route, i.alternative_details,
         ${ISO('i.hidden_at')} AS hidden_at, i.hidden_reason,
         coalesce(u.display_name, 'Helsingin kaupunki') AS responsible_name,
         (SELECT slug FROM departments WHERE id = i.department_id) AS responsible_department,
         i.responsible_user_id,
         ${areaSummaryJson(ideaAreas, 'i')} AS areas
    FROM ideas i LEFT JOIN users u ON u.id = i.responsible_user_id
   WHERE ${where}`;

export async function ideaById(
  knex: Knex,
  id: number,
  waitingDays: number,
): Promise<(IdeaRow & { responsible_user_id: number | null }) | null> {
  const props = ideaProps({ waitingDays });
  const { rows } = await knex.raw(ideaRowSql(props.sql, 'i.id = ?'), [...props.bindings, id]);
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
            e.alternative_details AS "alternativeDetails", e.funding,
            CASE WHEN m.id IS NOT NULL THEN ${milestoneJson('m')} END AS milestone,
            CASE WHEN bp.id IS NOT NULL THEN json_build_object('id', bp.id, 'roundId', bp.round_id, 'title', bp.title) END AS plan
       FROM idea_stage_events e LEFT JOIN users u ON u.id = e.actor_user_id
       LEFT JOIN activity_milestones m ON m.id = e.milestone_id
       LEFT JOIN budgeting_plans bp ON bp.activity_id = m.activity_id
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
  language: Language;
}

/**
 * The idea, its themes and its first timeline entry in one statement: atomic without a
 * transaction of its own and one round trip instead of five (issue 10: 32 people submitting at
 * once saturated at 26 ideas/s). Its districts follow from the database's membership rule (a picked
 * district with its ancestors and sub-districts, else what the geometry meets), by the statement trigger.
 */
export async function insertIdea(knex: Knex, idea: NewIdea): Promise<number> {
  const { rows } = await knex.raw(
    `WITH idea AS (
       INSERT INTO ideas (tracking_code, title, description, cost_estimate_eur, contact_name, contact_email,
                          author_user_id, picked_area_id, language, geom)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326))
       RETURNING id, author_user_id
     ),
     themed AS (
       INSERT INTO idea_themes (idea_id, theme_id) SELECT idea.id, t.id FROM idea, themes t WHERE t.slug = ANY(?::text[])
     ),
     staged AS (
       INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, actor_user_id)
       SELECT id, NULL, 'submitted', author_user_id FROM idea
     )
     SELECT id FROM idea`,
    [
      idea.trackingCode,
      idea.title,
      idea.description,
      idea.costEstimateEur,
      idea.contactName,
      idea.contactEmail,
      idea.authorUserId,
      idea.pickedAreaId,
      idea.language,
      idea.geoJson,
      idea.themes,
    ],
  );
  return rows[0].id as number;
}

export async function lockIdea(
  trx: Knex.Transaction,
  id: number,
): Promise<{
  stage: IdeaStage;
  department_id: number | null;
  department_slug: string | null;
  responsible_user_id: number | null;
} | null> {
  const { rows } = await trx.raw(
    `SELECT stage, department_id, (SELECT slug FROM departments WHERE id = department_id) AS department_slug, responsible_user_id
       FROM ideas WHERE id = ? FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function recordStageChange(
  trx: Knex.Transaction,
  e: {
    ideaId: number;
    from: IdeaStage;
    to: IdeaStage;
    actorUserId: number;
    reason: string;
    alternativeRoute?: string;
    alternativeDetails?: string;
    funding?: string;
  },
): Promise<void> {
  await trx.raw(
    `INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, actor_user_id, reason, alternative_route, alternative_details, funding)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      e.ideaId,
      e.from,
      e.to,
      e.actorUserId,
      e.reason,
      e.alternativeRoute ?? null,
      e.alternativeDetails ?? null,
      e.funding ?? null,
    ],
  );
  await trx.raw(
    `UPDATE ideas SET stage = ?, stage_changed_at = now(), first_response_at = coalesce(first_response_at, now()),
            funding = coalesce(?, funding), alternative_route = ?, alternative_details = ?
      WHERE id = ?`,
    [e.to, e.funding ?? null, e.alternativeRoute ?? null, e.alternativeDetails ?? null, e.ideaId],
  );
}

/** Returns the slug of the department the idea now belongs to. */
export async function takeResponsibility(
  trx: Knex.Transaction,
  ideaId: number,
  userId: number,
  departmentId: number,
): Promise<string> {
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
