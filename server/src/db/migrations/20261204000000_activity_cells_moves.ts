import type { Knex } from 'knex';
import { addCells, cellRows } from './20261203150000_activity_cells.js';

/**
 * An edit that leaves an activity's place, department and end as they were (a new title, a status)
 * leaves its kept cells alone. The first triggers took every updated row out of its 22 cell rows
 * and put it back, so editing one title rewrote 44 rows; one update trigger that sees the old and
 * the new rows side by side now moves only the activities whose cells can change.
 */
const moved = (side: 'o' | 'n') => `(
  SELECT ${side}.geom, ${side}.department_id, ${side}.ends_at
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE o.department_id IS DISTINCT FROM n.department_id
     OR o.ends_at IS DISTINCT FROM n.ends_at
     -- The cells depend on the geometry only through its box (its centre and its extent).
     OR (ST_XMin(o.geom), ST_YMin(o.geom), ST_XMax(o.geom), ST_YMax(o.geom))
        IS DISTINCT FROM (ST_XMin(n.geom), ST_YMin(n.geom), ST_XMax(n.geom), ST_YMax(n.geom))
) moved`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION activity_cells_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE activity_cells c SET n = c.n - gone.n
      FROM (${cellRows(moved('o'))}) gone
      WHERE (c.z, c.cx, c.cy, c.department_id, c.by_day, c.end_key) = (gone.z, gone.cx, gone.cy, gone.department_id, gone.by_day, gone.end_key);
      DELETE FROM activity_cells WHERE n <= 0;
      ${addCells(moved('n'))};
      RETURN NULL;
    END $$`);
  await knex.raw('DROP TRIGGER activity_cells_upd_a ON activities');
  await knex.raw('DROP TRIGGER activity_cells_upd_b ON activities');
  await knex.raw(`
    CREATE TRIGGER activity_cells_upd AFTER UPDATE ON activities
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_move()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS activity_cells_upd ON activities');
  await knex.raw('DROP FUNCTION IF EXISTS activity_cells_move()');
  await knex.raw(`
    CREATE TRIGGER activity_cells_upd_a AFTER UPDATE ON activities
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_remove()`);
  await knex.raw(`
    CREATE TRIGGER activity_cells_upd_b AFTER UPDATE ON activities
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_add()`);
}
