import type { Knex } from 'knex';
import type { WhoIsActive } from '../contracts/kehra.js';
import { ISO, areaSummarySql } from './kehra.repository.js';

/**
 * "Who is active here": the place is a point or an area. Shapes count when they share more than a
 * boundary with it, so neighbouring districts do not show up for a point on a border street.
 */
export type Place = { lon: number; lat: number } | { areaId: number };

const placeCte = (p: Place) =>
  'areaId' in p
    ? { sql: 'WITH p AS (SELECT geom FROM areas WHERE id = ?)', b: [p.areaId] }
    : { sql: 'WITH p AS (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geom)', b: [p.lon, p.lat] };

const meets = (g: string) => `(${g} && p.geom AND ST_Intersects(${g}, p.geom) AND NOT ST_Touches(${g}, p.geom))`;

/**
 * Items with a geometry at the place: for a district, the items the membership rule links to it
 * (the same answer as the `area=` filters); for a point, those whose shape meets it.
 */
const itemAt = (p: Place, link: string, column: string, id: string, geom: string) =>
  'areaId' in p
    ? { sql: `EXISTS (SELECT 1 FROM ${link} l WHERE l.${column} = ${id} AND l.area_id = ?)`, b: [p.areaId] }
    : { sql: meets(geom), b: [] };

export async function placesOf(knex: Knex, p: Place): Promise<WhoIsActive['places']> {
  const c = placeCte(p);
  const where = 'areaId' in p ? 'a.id = ?' : `${meets('a.geom')}`;
  const { rows } = await knex.raw(
    `${c.sql} SELECT ${areaSummarySql('a')} AS a FROM areas a, p WHERE ${where}
      ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], a.level), a.name_fi`,
    [...c.b, ...('areaId' in p ? [p.areaId] : [])],
  );
  return (rows as { a: WhoIsActive['places'][number] }[]).map((r) => r.a);
}

export async function groupsAt(knex: Knex, p: Place): Promise<WhoIsActive['kehraGroups']> {
  const c = placeCte(p);
  const devArea = itemAt(p, 'kehra_dev_area_areas', 'dev_area_id', 'd.id', 'd.geom');
  const { rows } = await knex.raw(
    `${c.sql}, hits AS (
       SELECT ga.kehra_group_id AS id, 'district' AS via FROM kehra_group_areas ga JOIN areas a ON a.id = ga.area_id, p WHERE ${meets('a.geom')}
       UNION SELECT d.kehra_group_id, 'dev_area' FROM kehra_dev_areas d, p WHERE ${devArea.sql})
     SELECT g.id, g.name, json_build_object('name', g.contact_name, 'email', g.contact_email, 'phone', g.contact_phone) AS contact,
            array_agg(DISTINCT h.via ORDER BY h.via) AS via
       FROM hits h JOIN kehra_groups g ON g.id = h.id
      GROUP BY g.id ORDER BY g.name`,
    [...c.b, ...devArea.b],
  );
  return rows as WhoIsActive['kehraGroups'];
}

export async function tablesAt(knex: Knex, p: Place): Promise<WhoIsActive['partnershipTables']> {
  const c = placeCte(p);
  const table = itemAt(p, 'partnership_table_areas', 'partnership_table_id', 't.id', 't.geom');
  const { rows } = await knex.raw(
    `${c.sql}
     SELECT t.id, t.name, t.convener, json_build_object('name', t.contact_name, 'email', t.contact_email, 'phone', NULL) AS contact,
            (SELECT ${ISO('min(m.starts_at)')} FROM partnership_table_meetings m WHERE m.table_id = t.id AND m.starts_at >= now()) AS "nextMeeting"
       FROM partnership_tables t, p WHERE ${table.sql}
      ORDER BY t.name, t.id`,
    [...c.b, ...table.b],
  );
  return rows as WhoIsActive['partnershipTables'];
}

/** Open ideas (not hidden, not closed) of the point's osa-alue, or of the area asked for. */
export async function ideasAt(knex: Knex, p: Place, limit: number): Promise<WhoIsActive['ideas']> {
  const c = placeCte(p);
  const places =
    'areaId' in p
      ? 'ia.area_id = ?'
      : `ia.area_id IN (SELECT a.id FROM areas a, p WHERE a.level = 'osa_alue' AND ${meets('a.geom')})`;
  const { rows } = await knex.raw(
    `${c.sql}
     SELECT i.id, i.tracking_code AS "trackingCode", i.title, i.stage,
            coalesce((SELECT json_agg(th.slug ORDER BY th.sort_order) FROM idea_themes it JOIN themes th ON th.id = it.theme_id
                       WHERE it.idea_id = i.id), '[]'::json) AS themes,
            CASE WHEN i.responsible_user_id IS NULL THEN NULL
                 ELSE json_build_object('name', coalesce(u.display_name, 'Helsingin kaupunki'),
                                        'department', (SELECT slug FROM departments WHERE id = i.department_id)) END AS responsible
       FROM ideas i LEFT JOIN users u ON u.id = i.responsible_user_id
      WHERE i.hidden_at IS NULL AND i.stage NOT IN ('implemented', 'not_taken_forward')
        AND EXISTS (SELECT 1 FROM idea_areas ia WHERE ia.idea_id = i.id AND ${places})
      ORDER BY i.submitted_at DESC, i.id DESC LIMIT ?`,
    [...c.b, ...('areaId' in p ? [p.areaId] : []), limit],
  );
  return rows as WhoIsActive['ideas'];
}
