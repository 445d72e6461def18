import type { Knex } from 'knex';
import type { AreaSummary } from '../contracts/areas.js';
import type { Sector } from '../contracts/kehra.js';
import type {
  MeetingsQuery,
  OutcomeRoute,
  TableMeeting,
  TableOutcome,
  TableParticipant,
} from '../contracts/partnership-tables.js';
import { ISO, areaSummarySql } from '../kehra/kehra.repository.js';
import { tableWhere } from './partnership-tables.dataset.js';
import { patchSet } from '../db/patch.js';
import { THEME_LINKS, setThemes, themeSlugsJsonSql } from '../reference-data/theme-links.js';
import { geoJsonGeometry } from '../collections/sql.js';

const themesJson = themeSlugsJsonSql(THEME_LINKS.partnershipTables, 't.id');

// ---- one table -----------------------------------------------------------------------------

export interface TableRow {
  id: number;
  name: string;
  convener: string;
  description: string;
  themes: string[];
  area: AreaSummary | null;
  geometry: { type: 'MultiPolygon'; coordinates: unknown };
  meeting_place_name: string | null;
  meeting_place: { lon: number; lat: number } | null;
  contact_name: string | null;
  contact_email: string | null;
  is_demo: boolean;
}

export async function tableById(knex: Knex, id: number): Promise<TableRow | null> {
  const { rows } = await knex.raw(
    `SELECT t.id, t.name, t.convener, t.description, ${themesJson} AS themes, ${geoJsonGeometry('t.geom')} AS geometry,
            (SELECT ${areaSummarySql('a')} FROM areas a WHERE a.id = t.area_id) AS area,
            t.meeting_place_name,
            CASE WHEN t.meeting_place IS NULL THEN NULL
                 ELSE json_build_object('lon', round(ST_X(t.meeting_place)::numeric, 6), 'lat', round(ST_Y(t.meeting_place)::numeric, 6)) END AS meeting_place,
            t.contact_name, t.contact_email, t.is_demo
       FROM partnership_tables t WHERE t.id = ?`,
    [id],
  );
  return rows[0] ?? null;
}

/** Who may edit a table: its convening department's officials and its organiser (who set it up). */
export async function tableKeepers(
  knex: Knex,
  id: number,
): Promise<{ departmentId: number | null; organiserId: number | null } | null> {
  const { rows } = await knex.raw(
    'SELECT department_id AS "departmentId", created_by AS "organiserId" FROM partnership_tables WHERE id = ?',
    [id],
  );
  return rows[0] ?? null;
}

/** Locks the table's row for the rest of the transaction, so concurrent edits apply one after another. */
export async function lockTable(trx: Knex.Transaction, id: number): Promise<boolean> {
  const { rows } = await trx.raw('SELECT id FROM partnership_tables WHERE id = ? FOR UPDATE', [id]);
  return rows.length > 0;
}

export async function tableExists(knex: Knex, id: number): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM partnership_tables WHERE id = ?', [id]);
  return rows.length > 0;
}

export interface TableFields {
  name?: string;
  convener?: string;
  description?: string;
  themes?: string[];
  areaId?: number | null;
  /** GeoJSON text of the area (a picked district's shape or a drawn polygon). */
  geoJson?: string;
  /** null empties the optional fields below (PATCH); undefined leaves them as they are. */
  meetingPlaceName?: string | null;
  meetingPlace?: { lon: number; lat: number } | null;
  contactName?: string | null;
  contactEmail?: string | null;
}

const pointSql = 'ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)';

export async function insertTable(
  trx: Knex.Transaction,
  t: TableFields & { name: string; convener: string; geoJson: string; departmentId: number | null },
  userId: number,
): Promise<number> {
  const { rows } = await trx.raw(
    `INSERT INTO partnership_tables (name, convener, description, area_id, geom, meeting_place_name, meeting_place,
                                     contact_name, contact_email, created_by, department_id)
     VALUES (?, ?, ?, ?, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)), ?,
             CASE WHEN ?::float8 IS NULL THEN NULL ELSE ${pointSql} END, ?, ?, ?, ?)
     RETURNING id`,
    [
      t.name,
      t.convener,
      t.description ?? '',
      t.areaId ?? null,
      t.geoJson,
      t.meetingPlaceName ?? null,
      t.meetingPlace?.lon ?? null,
      t.meetingPlace?.lon ?? null,
      t.meetingPlace?.lat ?? null,
      t.contactName ?? null,
      t.contactEmail ?? null,
      userId,
      t.departmentId,
    ],
  );
  const id = rows[0].id as number;
  await setThemes(trx, THEME_LINKS.partnershipTables, id, t.themes ?? []);
  return id;
}

export async function updateTable(trx: Knex.Transaction, id: number, t: TableFields): Promise<void> {
  const set = patchSet([
    ['name', t.name],
    ['convener', t.convener],
    ['description', t.description],
    ['area_id', t.areaId, 'int'],
    ['meeting_place_name', t.meetingPlaceName],
    ['meeting_place', pointEwkt(t.meetingPlace), 'geometry'],
    ['contact_name', t.contactName],
    ['contact_email', t.contactEmail],
  ]);
  await trx.raw(
    `UPDATE partnership_tables SET ${set.sql},
        geom = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)), geom), updated_at = now()
      WHERE id = ?`,
    [...set.bindings, t.geoJson ?? null, id],
  );
  if (t.themes) await setThemes(trx, THEME_LINKS.partnershipTables, id, t.themes);
}

/** A validated point as EWKT for a PATCH (its numbers come from the schema, never raw text). */
function pointEwkt(p: { lon: number; lat: number } | null | undefined): string | null | undefined {
  return p ? `SRID=4326;POINT(${Number(p.lon)} ${Number(p.lat)})` : p;
}

// ---- participants, meetings, outcomes ------------------------------------------------------

/** The table's participants; `onlyPublic` keeps those who agreed to be published (what visitors see). */
export async function participantsOf(knex: Knex, tableId: number, onlyPublic: boolean): Promise<TableParticipant[]> {
  const { rows } = await knex.raw(
    `SELECT id, name, sector, organisation, public FROM partnership_table_participants
      WHERE table_id = ? AND (public OR NOT ?) ORDER BY sector, name, id`,
    [tableId, onlyPublic],
  );
  return rows as TableParticipant[];
}

export async function insertParticipant(
  trx: Knex.Transaction,
  tableId: number,
  p: { name: string; sector: Sector; organisation?: string; public?: boolean },
): Promise<TableParticipant> {
  const { rows } = await trx.raw(
    `INSERT INTO partnership_table_participants (table_id, name, sector, organisation, public) VALUES (?, ?, ?, ?, ?)
     RETURNING id, name, sector, organisation, public`,
    [tableId, p.name, p.sector, p.organisation ?? null, p.public ?? false],
  );
  return rows[0] as TableParticipant;
}

export async function deleteParticipant(trx: Knex.Transaction, tableId: number, id: number): Promise<TableParticipant | null> {
  const { rows } = await trx.raw(
    'DELETE FROM partnership_table_participants WHERE table_id = ? AND id = ? RETURNING id, name, sector, organisation, public',
    [tableId, id],
  );
  return rows[0] ?? null;
}

const meetingSql = `m.id, ${ISO('m.starts_at')} AS "startsAt", ${ISO('m.ends_at')} AS "endsAt", m.place,
  CASE WHEN m.place_point IS NULL THEN NULL
       ELSE json_build_object('lon', round(ST_X(m.place_point)::numeric, 6), 'lat', round(ST_Y(m.place_point)::numeric, 6)) END AS "placePoint",
  m.agenda, m.minutes`;

export async function meetingsOf(knex: Knex, tableId: number): Promise<TableMeeting[]> {
  const { rows } = await knex.raw(
    `SELECT ${meetingSql} FROM partnership_table_meetings m WHERE m.table_id = ? ORDER BY m.starts_at, m.id`,
    [tableId],
  );
  return rows as TableMeeting[];
}

export interface MeetingFields {
  startsAt?: string;
  endsAt?: string | null;
  place?: string;
  placePoint?: { lon: number; lat: number } | null;
  agenda?: string;
  minutes?: string;
}

export async function insertMeeting(
  trx: Knex.Transaction,
  tableId: number,
  m: MeetingFields & { startsAt: string; place: string },
): Promise<TableMeeting> {
  const { rows } = await trx.raw(
    `INSERT INTO partnership_table_meetings (table_id, starts_at, ends_at, place, place_point, agenda, minutes)
     VALUES (?, ?::timestamptz, ?::timestamptz, ?, CASE WHEN ?::float8 IS NULL THEN NULL ELSE ${pointSql} END, ?, ?)
     RETURNING id`,
    [
      tableId,
      m.startsAt,
      m.endsAt ?? null,
      m.place,
      m.placePoint?.lon ?? null,
      m.placePoint?.lon ?? null,
      m.placePoint?.lat ?? null,
      m.agenda ?? '',
      m.minutes ?? '',
    ],
  );
  return (await meetingById(trx, tableId, rows[0].id))!;
}

async function meetingById(knex: Knex, tableId: number, id: number): Promise<TableMeeting | null> {
  const { rows } = await knex.raw(`SELECT ${meetingSql} FROM partnership_table_meetings m WHERE m.table_id = ? AND m.id = ?`, [
    tableId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function lockMeeting(
  trx: Knex.Transaction,
  tableId: number,
  id: number,
): Promise<{ starts_at: Date; ends_at: Date | null } | null> {
  const { rows } = await trx.raw(
    'SELECT starts_at, ends_at FROM partnership_table_meetings WHERE table_id = ? AND id = ? FOR UPDATE',
    [tableId, id],
  );
  return rows[0] ?? null;
}

export async function updateMeeting(trx: Knex.Transaction, tableId: number, id: number, m: MeetingFields): Promise<TableMeeting> {
  const set = patchSet([
    ['starts_at', m.startsAt, 'timestamptz'],
    ['ends_at', m.endsAt, 'timestamptz'],
    ['place', m.place],
    ['place_point', pointEwkt(m.placePoint), 'geometry'],
    ['agenda', m.agenda],
    ['minutes', m.minutes],
  ]);
  await trx.raw(`UPDATE partnership_table_meetings SET ${set.sql} WHERE table_id = ? AND id = ?`, [...set.bindings, tableId, id]);
  return (await meetingById(trx, tableId, id))!;
}

export async function outcomesOf(knex: Knex, tableId: number): Promise<TableOutcome[]> {
  const { rows } = await knex.raw(
    `SELECT o.id, o.route, o.description, ${ISO('o.created_at')} AS "createdAt",
            coalesce((SELECT json_agg(x.idea_id ORDER BY x.idea_id) FROM partnership_table_outcome_ideas x WHERE x.outcome_id = o.id), '[]'::json) AS "ideaIds",
            coalesce((SELECT json_agg(x.activity_id ORDER BY x.activity_id) FROM partnership_table_outcome_activities x WHERE x.outcome_id = o.id), '[]'::json) AS "activityIds"
       FROM partnership_table_outcomes o WHERE o.table_id = ? ORDER BY o.id`,
    [tableId],
  );
  return rows as TableOutcome[];
}

export async function insertOutcome(
  trx: Knex.Transaction,
  tableId: number,
  o: { route: OutcomeRoute; description: string; ideaIds: number[]; activityIds: number[] },
): Promise<number> {
  const { rows } = await trx.raw(
    'INSERT INTO partnership_table_outcomes (table_id, route, description) VALUES (?, ?, ?) RETURNING id',
    [tableId, o.route, o.description],
  );
  const id = rows[0].id as number;
  await trx.raw('INSERT INTO partnership_table_outcome_ideas (outcome_id, idea_id) SELECT ?, x FROM unnest(?::int[]) AS x', [
    id,
    o.ideaIds,
  ]);
  await trx.raw(
    'INSERT INTO partnership_table_outcome_activities (outcome_id, activity_id) SELECT ?, x FROM unnest(?::int[]) AS x',
    [id, o.activityIds],
  );
  return id;
}

export async function missingIds(knex: Knex, table: 'ideas' | 'activities', ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const { rows } = await knex.raw(
    `SELECT x.id FROM unnest(?::int[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM ?? t WHERE t.id = x.id)`,
    [ids, table],
  );
  return (rows as { id: number }[]).map((r) => r.id);
}

// ---- meetings in a time window -------------------------------------------------------------

/** Meetings as point features (the meeting's own place, else the table's, else a point of its area). */
/** The tables' names in id order, for a calendar that names the tables it holds. */
export async function tableNames(knex: Knex, ids: number[]): Promise<string[]> {
  const { rows } = await knex.raw('SELECT name FROM partnership_tables WHERE id = ANY(?::int[]) ORDER BY id', [ids]);
  return (rows as { name: string }[]).map((r) => r.name);
}

export async function meetingFeaturesJson(
  knex: Knex,
  q: MeetingsQuery & { from: string },
  limit: number,
): Promise<{ json: string; count: number }> {
  const w = tableWhere({ area: q.area, theme: q.theme, department: q.department });
  const parts = [w.sql, 'm.starts_at >= ?::timestamptz'];
  const b: Knex.RawBinding[] = [...w.bindings, q.from];
  if (q.to) {
    parts.push('m.starts_at <= ?::timestamptz');
    b.push(q.to);
  }
  const point = 'coalesce(m.place_point, t.meeting_place, ST_PointOnSurface(t.geom))';
  if (q.bbox) {
    parts.push(`${point} && ST_MakeEnvelope(?, ?, ?, ?, 4326)`);
    b.push(...q.bbox);
  }
  if (q.table) {
    parts.push('t.id = ANY(?::int[])');
    b.push(q.table);
  }
  const { rows } = await knex.raw(
    `SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'id', x.id, 'geometry', x.geometry, 'properties', x.p)
                              ORDER BY x.starts_at, x.id), '[]'::json)::text AS features, count(*)::int AS n
       FROM (SELECT m.id, m.starts_at, ${geoJsonGeometry(point)} AS geometry,
                    json_build_object('id', m.id, 'tableId', t.id, 'tableName', t.name, 'convener', t.convener,
                                      'startsAt', ${ISO('m.starts_at')}, 'endsAt', ${ISO('m.ends_at')}, 'place', m.place,
                                      'themes', ${themesJson}) AS p
               FROM partnership_table_meetings m JOIN partnership_tables t ON t.id = m.table_id
              WHERE ${parts.join(' AND ')} ORDER BY m.starts_at, m.id LIMIT ?) x`,
    [...b, limit],
  );
  return { json: rows[0].features as string, count: rows[0].n as number };
}
