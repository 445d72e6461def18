import type { Knex } from 'knex';
import type { AreaSummary } from '../contracts/areas.js';
import type {
  DevAreaStatus,
  FundingStatus,
  KehraDevAreaProperties,
  KehraDevAreaVersion,
  KehraMember,
  PlanCandidate,
  PlanGoal,
  PlanItem,
  Sector,
} from '../contracts/kehra.js';
import { patchSet } from '../db/patch.js';
import { isoTime, areaSummaryObject, geoJsonGeometry } from '../collections/sql.js';
import { devAreaProps, overlapsAreasSql } from './kehra.dataset.js';
import { THEME_LINKS, copyThemes, setThemes, themeSlugsJsonSql } from '../reference-data/theme-links.js';

const devAreaPropsSql = devAreaProps.sql;

export const ISO = isoTime;
export const areaSummarySql = areaSummaryObject;

// ---- groups --------------------------------------------------------------------------------

export interface GroupRow {
  id: number;
  name: string;
  description: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  districts: AreaSummary[];
  sectors: Sector[];
  dev_area_count: number;
  is_demo: boolean;
}

const groupSql = (where: string) => `
  SELECT g.id, g.name, g.description, g.contact_name, g.contact_email, g.contact_phone, g.is_demo,
         coalesce((SELECT json_agg(${areaSummarySql('a')} ORDER BY a.name_fi)
                     FROM kehra_group_areas ga JOIN areas a ON a.id = ga.area_id WHERE ga.kehra_group_id = g.id), '[]'::json) AS districts,
         coalesce((SELECT array_agg(m.sector ORDER BY m.id) FROM kehra_members m WHERE m.kehra_group_id = g.id), '{}') AS sectors,
         (SELECT count(*)::int FROM kehra_dev_areas d WHERE d.kehra_group_id = g.id) AS dev_area_count
    FROM kehra_groups g WHERE ${where}`;

export async function listGroups(knex: Knex, f: { area?: number[] } = {}): Promise<GroupRow[]> {
  const where = f.area
    ? `EXISTS (SELECT 1 FROM kehra_group_areas ga JOIN areas a ON a.id = ga.area_id
                WHERE ga.kehra_group_id = g.id AND ${overlapsAreasSql('a.geom')})
       OR EXISTS (SELECT 1 FROM kehra_dev_areas d WHERE d.kehra_group_id = g.id AND ${inAreasSql('d.id')})`
    : 'true';
  const { rows } = await knex.raw(`${groupSql(where)} ORDER BY g.name`, f.area ? [f.area, f.area] : []);
  return rows as GroupRow[];
}

export async function groupById(knex: Knex, id: number): Promise<GroupRow | null> {
  const { rows } = await knex.raw(groupSql('g.id = ?'), [id]);
  return rows[0] ?? null;
}

export async function groupExists(knex: Knex, id: number): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM kehra_groups WHERE id = ?', [id]);
  return rows.length > 0;
}

export async function groupNameTaken(knex: Knex, name: string, exceptId: number | null): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM kehra_groups WHERE name = ? AND id IS DISTINCT FROM ?', [name, exceptId]);
  return rows.length > 0;
}

/** null empties a contact field (PATCH); undefined leaves it as it is. */
export interface GroupFields {
  name?: string;
  description?: string;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

export async function insertGroup(trx: Knex.Transaction, g: GroupFields & { name: string }): Promise<number> {
  const { rows } = await trx.raw(
    `INSERT INTO kehra_groups (name, description, contact_name, contact_email, contact_phone) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    [g.name, g.description ?? '', g.contactName ?? null, g.contactEmail ?? null, g.contactPhone ?? null],
  );
  return rows[0].id as number;
}

export async function updateGroup(trx: Knex.Transaction, id: number, g: GroupFields): Promise<void> {
  const set = patchSet([
    ['name', g.name],
    ['description', g.description],
    ['contact_name', g.contactName],
    ['contact_email', g.contactEmail],
    ['contact_phone', g.contactPhone],
  ]);
  await trx.raw(`UPDATE kehra_groups SET ${set.sql}, updated_at = now() WHERE id = ?`, [...set.bindings, id]);
}

export async function replaceGroupAreas(trx: Knex.Transaction, groupId: number, areaIds: number[]): Promise<void> {
  await trx.raw('DELETE FROM kehra_group_areas WHERE kehra_group_id = ?', [groupId]);
  await trx.raw(`INSERT INTO kehra_group_areas (kehra_group_id, area_id) SELECT ?, x FROM unnest(?::int[]) AS x`, [
    groupId,
    areaIds,
  ]);
}

// ---- members -------------------------------------------------------------------------------

export async function membersOf(knex: Knex, groupId: number): Promise<KehraMember[]> {
  const { rows } = await knex.raw(
    `SELECT id, name, sector, organisation FROM kehra_members WHERE kehra_group_id = ? ORDER BY sector, name, id`,
    [groupId],
  );
  return rows as KehraMember[];
}

export async function insertMember(
  trx: Knex.Transaction,
  groupId: number,
  m: { name: string; sector: Sector; organisation?: string },
): Promise<KehraMember> {
  const { rows } = await trx.raw(
    `INSERT INTO kehra_members (kehra_group_id, name, sector, organisation) VALUES (?, ?, ?, ?)
     RETURNING id, name, sector, organisation`,
    [groupId, m.name, m.sector, m.organisation ?? null],
  );
  return rows[0] as KehraMember;
}

export async function updateMember(
  trx: Knex.Transaction,
  groupId: number,
  memberId: number,
  m: { name?: string; sector?: Sector; organisation?: string | null },
): Promise<KehraMember | null> {
  const set = patchSet([
    ['name', m.name],
    ['sector', m.sector],
    ['organisation', m.organisation],
  ]);
  const { rows } = await trx.raw(
    `UPDATE kehra_members SET ${set.sql} WHERE kehra_group_id = ? AND id = ? RETURNING id, name, sector, organisation`,
    [...set.bindings, groupId, memberId],
  );
  return rows[0] ?? null;
}

export async function deleteMember(trx: Knex.Transaction, groupId: number, memberId: number): Promise<KehraMember | null> {
  const { rows } = await trx.raw(
    `DELETE FROM kehra_members WHERE kehra_group_id = ? AND id = ? RETURNING id, name, sector, organisation`,
    [groupId, memberId],
  );
  return rows[0] ?? null;
}

// ---- development areas ---------------------------------------------------------------------

/** The development area is in any of the given districts (bound: the id array); links by the membership rule. */
const inAreasSql = (id: string) =>
  `EXISTS (SELECT 1 FROM kehra_dev_area_areas da WHERE da.dev_area_id = ${id} AND da.area_id = ANY(?::int[]))`;

export async function devAreaFeatureJson(knex: Knex, id: number): Promise<string | null> {
  const { rows } = await knex.raw(
    `SELECT json_build_object('type', 'Feature', 'id', k.id, 'geometry', ${geoJsonGeometry('k.geom')},
                              'properties', ${devAreaPropsSql})::text AS f
       FROM kehra_dev_areas k JOIN kehra_groups g ON g.id = k.kehra_group_id WHERE k.id = ?`,
    [id],
  );
  return rows[0]?.f ?? null;
}

export async function devAreasOfGroup(knex: Knex, groupId: number): Promise<KehraDevAreaProperties[]> {
  const { rows } = await knex.raw(
    `SELECT ${devAreaPropsSql} AS p FROM kehra_dev_areas k JOIN kehra_groups g ON g.id = k.kehra_group_id
      WHERE k.kehra_group_id = ? ORDER BY k.id`,
    [groupId],
  );
  return (rows as { p: KehraDevAreaProperties }[]).map((r) => r.p);
}

export async function groupOfDevArea(knex: Knex, id: number): Promise<number | null> {
  const { rows } = await knex.raw('SELECT kehra_group_id FROM kehra_dev_areas WHERE id = ?', [id]);
  return rows[0]?.kehra_group_id ?? null;
}

/** Copies the current state of a development area into its history as version `version`. */
async function snapshot(
  trx: Knex.Transaction,
  id: number,
  action: 'create' | 'update' | 'restore',
  userId: number,
  restoredFrom: number | null,
) {
  const { rows } = await trx.raw(
    `INSERT INTO kehra_dev_area_versions (dev_area_id, version, action, restored_from, name, description, status, geom, edited_by, edited_at)
     SELECT id, version, ?, ?, name, description, status, geom, ?, updated_at FROM kehra_dev_areas WHERE id = ? RETURNING id`,
    [action, restoredFrom, userId, id],
  );
  await copyThemes(trx, THEME_LINKS.kehraDevAreas, id, THEME_LINKS.kehraDevAreaVersions, rows[0].id);
}

export interface DevAreaFields {
  name: string;
  description: string;
  themes: string[];
  status: DevAreaStatus;
  geoJson: string;
}

export async function insertDevArea(trx: Knex.Transaction, groupId: number, a: DevAreaFields, userId: number): Promise<number> {
  const { rows } = await trx.raw(
    `INSERT INTO kehra_dev_areas (kehra_group_id, name, description, status, geom, updated_by)
     VALUES (?, ?, ?, ?, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)), ?) RETURNING id`,
    [groupId, a.name, a.description, a.status, a.geoJson, userId],
  );
  const id = rows[0].id as number;
  await setThemes(trx, THEME_LINKS.kehraDevAreas, id, a.themes);
  await snapshot(trx, id, 'create', userId, null);
  return id;
}

export async function lockDevArea(
  trx: Knex.Transaction,
  id: number,
): Promise<{ version: number; kehra_group_id: number } | null> {
  const { rows } = await trx.raw('SELECT version, kehra_group_id FROM kehra_dev_areas WHERE id = ? FOR UPDATE', [id]);
  return rows[0] ?? null;
}

/** Applies the given fields (null = keep) as a new version and records it. */
export async function updateDevArea(trx: Knex.Transaction, id: number, a: Partial<DevAreaFields>, userId: number): Promise<void> {
  await trx.raw(
    `UPDATE kehra_dev_areas SET
        name = coalesce(?, name), description = coalesce(?, description), status = coalesce(?, status),
        geom = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)), geom),
        version = version + 1, updated_at = now(), updated_by = ?
      WHERE id = ?`,
    [a.name ?? null, a.description ?? null, a.status ?? null, a.geoJson ?? null, userId, id],
  );
  if (a.themes) await setThemes(trx, THEME_LINKS.kehraDevAreas, id, a.themes);
  await snapshot(trx, id, 'update', userId, null);
}

/** Makes an earlier version current again, as a new version (history is never rewritten). */
export async function restoreDevArea(trx: Knex.Transaction, id: number, version: number, userId: number): Promise<boolean> {
  const { rows } = await trx.raw(
    `UPDATE kehra_dev_areas k SET name = v.name, description = v.description, status = v.status,
            geom = v.geom, version = k.version + 1, updated_at = now(), updated_by = ?
       FROM kehra_dev_area_versions v WHERE v.dev_area_id = k.id AND k.id = ? AND v.version = ? RETURNING v.id AS version_id`,
    [userId, id, version],
  );
  if (!rows.length) return false;
  await copyThemes(trx, THEME_LINKS.kehraDevAreaVersions, rows[0].version_id, THEME_LINKS.kehraDevAreas, id);
  await snapshot(trx, id, 'restore', userId, version);
  return true;
}

export async function versionsOf(knex: Knex, id: number): Promise<KehraDevAreaVersion[]> {
  const { rows } = await knex.raw(
    `SELECT v.version, v.action, v.restored_from AS "restoredFrom", v.name, v.description,
            ${themeSlugsJsonSql(THEME_LINKS.kehraDevAreaVersions, 'v.id')} AS themes,
            v.status, ${geoJsonGeometry('v.geom')} AS geometry, u.display_name AS "editedBy", ${ISO('v.edited_at')} AS "editedAt"
       FROM kehra_dev_area_versions v LEFT JOIN users u ON u.id = v.edited_by
      WHERE v.dev_area_id = ? ORDER BY v.version DESC`,
    [id],
  );
  return rows as KehraDevAreaVersion[];
}

// ---- development plan ----------------------------------------------------------------------

/** Ideas (not hidden) that reach the group's development areas or working districts. */
const touchesGroupSql = `
  i.hidden_at IS NULL AND (
    EXISTS (SELECT 1 FROM kehra_dev_areas d WHERE d.kehra_group_id = ? AND d.geom && i.geom AND ST_Intersects(d.geom, i.geom))
    OR EXISTS (SELECT 1 FROM idea_areas ia JOIN kehra_group_areas ga ON ga.area_id = ia.area_id
                WHERE ia.idea_id = i.id AND ga.kehra_group_id = ?))`;

const ideaThemesSql = `coalesce((SELECT json_agg(th.slug ORDER BY th.sort_order) FROM idea_themes it JOIN themes th ON th.id = it.theme_id
                                  WHERE it.idea_id = i.id), '[]'::json)`;

export async function ideaTouchesGroup(knex: Knex, groupId: number, ideaId: number): Promise<boolean> {
  const { rows } = await knex.raw(`SELECT 1 FROM ideas i WHERE i.id = ? AND ${touchesGroupSql}`, [ideaId, groupId, groupId]);
  return rows.length > 0;
}

export async function ideaExists(knex: Knex, ideaId: number): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM ideas WHERE id = ? AND hidden_at IS NULL', [ideaId]);
  return rows.length > 0;
}

export async function planCandidates(knex: Knex, groupId: number, limit: number): Promise<PlanCandidate[]> {
  const { rows } = await knex.raw(
    `SELECT i.id AS "ideaId", i.tracking_code AS "trackingCode", i.title, i.stage, ${ideaThemesSql} AS themes
       FROM ideas i
      WHERE ${touchesGroupSql}
        AND NOT EXISTS (SELECT 1 FROM kehra_plan_items p WHERE p.kehra_group_id = ? AND p.idea_id = i.id)
      ORDER BY i.submitted_at DESC, i.id DESC LIMIT ?`,
    [groupId, groupId, groupId, limit],
  );
  return rows as PlanCandidate[];
}

export async function planGoals(knex: Knex, groupId: number): Promise<PlanGoal[]> {
  const { rows } = await knex.raw(
    `SELECT th.slug AS theme, g.goal FROM kehra_plan_goals g JOIN themes th ON th.id = g.theme_id
      WHERE g.kehra_group_id = ? ORDER BY g.position, g.id`,
    [groupId],
  );
  return rows as PlanGoal[];
}

export async function replacePlanGoals(trx: Knex.Transaction, groupId: number, goals: PlanGoal[]): Promise<void> {
  await trx.raw('DELETE FROM kehra_plan_goals WHERE kehra_group_id = ?', [groupId]);
  for (const [i, g] of goals.entries()) {
    await trx.raw(
      'INSERT INTO kehra_plan_goals (kehra_group_id, theme_id, goal, position) SELECT ?, id, ?, ? FROM themes WHERE slug = ?',
      [groupId, g.goal, i + 1, g.theme],
    );
  }
}

export async function planItems(knex: Knex, groupId: number): Promise<PlanItem[]> {
  const { rows } = await knex.raw(
    `SELECT p.rank, i.id AS "ideaId", i.tracking_code AS "trackingCode",
            CASE WHEN i.hidden_at IS NULL THEN i.title ELSE '' END AS title, i.stage, ${ideaThemesSql} AS themes,
            p.note, p.funding_status AS "fundingStatus"
       FROM kehra_plan_items p JOIN ideas i ON i.id = p.idea_id
      WHERE p.kehra_group_id = ? ORDER BY p.rank`,
    [groupId],
  );
  return rows as PlanItem[];
}

/** Locks the group's row for the rest of the transaction, so concurrent edits of it apply one after another. */
export async function lockGroup(trx: Knex.Transaction, groupId: number): Promise<void> {
  await trx.raw('SELECT id FROM kehra_groups WHERE id = ? FOR UPDATE', [groupId]);
}

export async function lockPlan(trx: Knex.Transaction, groupId: number): Promise<number[]> {
  // The group row is the lock: concurrent reorders of one plan run one after another.
  await trx.raw('SELECT id FROM kehra_groups WHERE id = ? FOR UPDATE', [groupId]);
  const { rows } = await trx.raw('SELECT idea_id FROM kehra_plan_items WHERE kehra_group_id = ? ORDER BY rank', [groupId]);
  return (rows as { idea_id: number }[]).map((r) => r.idea_id);
}

export async function insertPlanItem(
  trx: Knex.Transaction,
  groupId: number,
  item: { ideaId: number; note: string; fundingStatus: FundingStatus },
): Promise<void> {
  await trx.raw(
    `INSERT INTO kehra_plan_items (kehra_group_id, idea_id, rank, note, funding_status)
     VALUES (?, ?, (SELECT coalesce(max(rank), 0) + 1 FROM kehra_plan_items WHERE kehra_group_id = ?), ?, ?)`,
    [groupId, item.ideaId, groupId, item.note, item.fundingStatus],
  );
}

export async function updatePlanItem(
  trx: Knex.Transaction,
  groupId: number,
  ideaId: number,
  item: { note?: string; fundingStatus?: FundingStatus },
): Promise<boolean> {
  const { rows } = await trx.raw(
    `UPDATE kehra_plan_items SET note = coalesce(?, note), funding_status = coalesce(?, funding_status)
      WHERE kehra_group_id = ? AND idea_id = ? RETURNING idea_id`,
    [item.note ?? null, item.fundingStatus ?? null, groupId, ideaId],
  );
  return rows.length > 0;
}

export async function deletePlanItem(trx: Knex.Transaction, groupId: number, ideaId: number): Promise<boolean> {
  const { rows } = await trx.raw('DELETE FROM kehra_plan_items WHERE kehra_group_id = ? AND idea_id = ? RETURNING rank', [
    groupId,
    ideaId,
  ]);
  if (!rows.length) return false;
  // Keep ranks 1..n without gaps.
  await trx.raw('UPDATE kehra_plan_items SET rank = rank - 1 WHERE kehra_group_id = ? AND rank > ?', [groupId, rows[0].rank]);
  return true;
}

/** Ranks 1..n in the given order (the unique rank constraint is checked at commit). */
export async function setPlanOrder(trx: Knex.Transaction, groupId: number, ideaIds: number[]): Promise<void> {
  await trx.raw(
    `UPDATE kehra_plan_items p SET rank = o.n
       FROM unnest(?::int[]) WITH ORDINALITY AS o(idea_id, n)
      WHERE p.kehra_group_id = ? AND p.idea_id = o.idea_id`,
    [ideaIds, groupId],
  );
}
