import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';
import { createTestDatabase, withRollback, type TestDatabase } from '../test-support/test-db.js';
import { AREA_MEMBERSHIPS, refreshAreaMemberships } from './area-membership.js';

/** Helsinki Cathedral: Kruununhaka / Vironniemi / Eteläinen in both the fixture and the real division. */
const CATHEDRAL = [24.9522, 60.1704];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const areaId = async (knex: Knex, level: string, name: string) =>
  (await knex.raw('SELECT id FROM areas WHERE level = ? AND name_fi = ?', [level, name])).rows[0].id as number;

/** The names of an activity's districts, in a stable order. */
const activityAreas = async (knex: Knex, id: number) =>
  (
    await knex.raw(
      `SELECT a.name_fi FROM activity_areas l JOIN areas a ON a.id = l.area_id WHERE l.activity_id = ?
      ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], a.level)`,
      [id],
    )
  ).rows.map((r: { name_fi: string }) => r.name_fi);

const point = (lon: number, lat: number) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

describe('district membership triggers', () => {
  it('links every row of a bulk insert in the same statement, and relinks only moved rows on update', async () => {
    await withRollback(db, async (trx) => {
      const { rows } = await trx.raw(
        `INSERT INTO activities (department_id, kind, title_fi, source, source_id, geom)
         SELECT (SELECT id FROM departments WHERE slug = 'kymp'), 'project', 'Bulk ' || n, 'test', 'bulk-' || n, ${point(CATHEDRAL[0], CATHEDRAL[1])}
           FROM generate_series(1, 50) AS n RETURNING id`,
      );
      const ids = (rows as { id: number }[]).map((r) => r.id);
      const { rows: linked } = await trx.raw(
        'SELECT count(DISTINCT activity_id)::int AS n FROM activity_areas WHERE activity_id = ANY(?::int[])',
        [ids],
      );
      expect(linked[0].n).toBe(50);
      expect(await activityAreas(trx, ids[0])).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);

      // A title change leaves the links alone; moving one activity out of the city unlinks only it.
      await trx.raw(`UPDATE activities SET title_fi = 'Renamed' WHERE id = ANY(?::int[])`, [ids]);
      expect(await activityAreas(trx, ids[1])).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);
      await trx.raw(`UPDATE activities SET geom = ${point(20, 60)} WHERE id = ?`, [ids[0]]);
      expect(await activityAreas(trx, ids[0])).toEqual([]);
      expect(await activityAreas(trx, ids[1])).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);
    });
  });

  it('keeps a picked district with its ancestors and sub-districts only, and follows a change of the pick', async () => {
    await withRollback(db, async (trx) => {
      const kamppi = await areaId(trx, 'osa_alue', 'Kamppi');
      const { rows } = await trx.raw(
        `INSERT INTO ideas (tracking_code, title, description, picked_area_id, geom)
         VALUES ('T-PICK', 'Picked', 'Picked district', ?, ${point(CATHEDRAL[0], CATHEDRAL[1])}) RETURNING id`,
        [kamppi],
      );
      const id = rows[0].id as number;
      const names = async () =>
        (
          await trx.raw(
            `SELECT a.name_fi FROM idea_areas l JOIN areas a ON a.id = l.area_id WHERE l.idea_id = ?
            ORDER BY array_position(ARRAY['suurpiiri','peruspiiri','osa_alue'], a.level)`,
            [id],
          )
        ).rows.map((r: { name_fi: string }) => r.name_fi);
      // The cathedral point is not in Kamppi: the pick, not the geometry, decides.
      expect(await names()).toEqual(['Eteläinen', 'Kampinmalmi', 'Kamppi']);
      // A picked peruspiiri brings the osa-alue inside it, not the neighbours its border touches.
      const kampinmalmi = await areaId(trx, 'peruspiiri', 'Kampinmalmi');
      await trx.raw('UPDATE ideas SET picked_area_id = ? WHERE id = ?', [kampinmalmi, id]);
      const { rows: inside } = await trx.raw(`SELECT name_fi FROM areas WHERE parent_id = ? ORDER BY name_fi`, [kampinmalmi]);
      const linked = await names();
      expect(linked.slice(0, 2)).toEqual(['Eteläinen', 'Kampinmalmi']);
      expect(linked.slice(2).sort()).toEqual(inside.map((r: { name_fi: string }) => r.name_fi));
      expect(linked).toContain('Kamppi');
      expect(linked).not.toContain('Kluuvi');
      await trx.raw('UPDATE ideas SET picked_area_id = NULL WHERE id = ?', [id]);
      expect(await names()).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);
    });
  });

  it('refresh repairs stale links and counts the items that changed, per dataset', async () => {
    await withRollback(db, async (trx) => {
      const { rows } = await trx.raw(
        `INSERT INTO activities (department_id, kind, title_fi, source, source_id, geom)
         VALUES ((SELECT id FROM departments WHERE slug = 'kymp'), 'project', 'Stale', 'test', 'stale', ${point(CATHEDRAL[0], CATHEDRAL[1])})
         RETURNING id`,
      );
      const id = rows[0].id as number;
      await trx.raw('DELETE FROM activity_areas WHERE activity_id = ?', [id]);
      const changed = await refreshAreaMemberships(trx);
      expect(Object.keys(changed).sort()).toEqual(AREA_MEMBERSHIPS.map((m) => m.dataset).sort());
      expect(changed.activities).toBe(1);
      expect(await activityAreas(trx, id)).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);
      expect(await refreshAreaMemberships(trx)).toMatchObject({
        activities: 0,
        ideas: 0,
        kehraDevAreas: 0,
        partnershipTables: 0,
      });
    });
  });
});

describe('the migration', () => {
  it('rolls back to text[] themes and activity triggers, and up again keeps themes and links', async () => {
    await withRollback(db, async (trx) => {
      const m = migrations['20261202100000_area_membership'];
      const groupId = (await trx.raw(`INSERT INTO kehra_groups (name) VALUES ('Rollback group') RETURNING id`)).rows[0].id;
      const devArea = (
        await trx.raw(
          `INSERT INTO kehra_dev_areas (kehra_group_id, name, status, geom)
         VALUES (?, 'Around the cathedral', 'idea', ST_Multi(ST_Buffer(${point(CATHEDRAL[0], CATHEDRAL[1])}, 0.0005))) RETURNING id`,
          [groupId],
        )
      ).rows[0].id;
      await trx.raw(
        `INSERT INTO kehra_dev_area_themes (dev_area_id, theme_id) SELECT ?, id FROM themes WHERE slug IN ('youth', 'culture')`,
        [devArea],
      );

      // Later migrations may build on its functions and tables: every later one goes down first, in reverse.
      const later = Object.keys(migrations)
        .sort()
        .filter((name) => name > '20261202100000_area_membership')
        .map((name) => migrations[name]);
      for (const l of [...later].reverse()) await l.down(trx);
      await m.down(trx);
      const { rows: down } = await trx.raw('SELECT themes FROM kehra_dev_areas WHERE id = ?', [devArea]);
      expect(down[0].themes).toEqual(['youth', 'culture']);
      const { rows: triggers } = await trx.raw(`SELECT tgname FROM pg_trigger WHERE tgname = 'activities_areas_trg'`);
      expect(triggers).toHaveLength(1);

      await m.up(trx);
      for (const l of later) await l.up(trx);
      const { rows: up } = await trx.raw(
        `SELECT th.slug FROM kehra_dev_area_themes x JOIN themes th ON th.id = x.theme_id WHERE x.dev_area_id = ? ORDER BY th.slug`,
        [devArea],
      );
      expect(up.map((r: { slug: string }) => r.slug)).toEqual(['culture', 'youth']);
      const { rows: links } = await trx.raw('SELECT count(*)::int AS n FROM kehra_dev_area_areas WHERE dev_area_id = ?', [
        devArea,
      ]);
      expect(links[0].n).toBeGreaterThanOrEqual(3); // backfilled: at least osa-alue, peruspiiri and suurpiiri
    });
  });
});
