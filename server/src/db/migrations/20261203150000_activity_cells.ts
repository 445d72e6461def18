import type { Knex } from 'knex';

/**
 * The deepest zoom kept. The views that hold most of the city (zoom 10 and out) sum kept rows;
 * closer views hold less, and placing their activities live was as fast as the kept rows' edges
 * (measured at 1M activities on PostgreSQL), without rows that outnumber the activities.
 */
export const CELL_MAX_ZOOM = 10;
export const OPEN_END = 2147483647;

/**
 * Activity counts kept per map cell, so a city-wide view of a million activities sums a few
 * thousand rows instead of placing every activity (issue 10: 16 s at 1M on PostgreSQL).
 *
 * The cells are the squares of the Web Mercator grid that `/api/activities/clusters` draws, at
 * every zoom 0–10. Each activity is counted twice per zoom: in a row keyed by its end month and in
 * one keyed by its end day (`by_day`), as day numbers. The default "from today on" filter then sums
 * the month rows of later months and the day rows of the rest of this month, and places live only
 * the activities ending today, where the hour decides. Each row keeps two boxes: of its
 * activities' centres (what a click zooms to) and of their geometries (a row wholly inside the
 * view is counted as is; one on the view's edge is looked at closer). Deletes and updates leave the
 * boxes as they were: larger than needed, never smaller, which keeps both uses right.
 *
 * Statement-level triggers with transition tables keep it current in the writing transaction, so
 * a bulk import of 5 000 rows updates it in one grouped statement, not per row.
 */
/** The cell rows of a set of activities (a table or a trigger's transition table): per zoom 0–10, by month and by day. */
export const cellRows = (rows: string) => `
  SELECT z, activity_cell_x(x, z) AS cx, activity_cell_y(y, z) AS cy, department_id, by_day,
         activity_end_key(ends_at, by_day) AS end_key, count(*)::int AS n,
         min(x), min(y), max(x), max(y), min(gw), min(gs), max(ge), max(gn)
  FROM (SELECT (ST_XMin(geom) + ST_XMax(geom)) / 2 AS x, (ST_YMin(geom) + ST_YMax(geom)) / 2 AS y,
               ST_XMin(geom) AS gw, ST_YMin(geom) AS gs, ST_XMax(geom) AS ge, ST_YMax(geom) AS gn,
               department_id, ends_at
        FROM ${rows}) r
  CROSS JOIN generate_series(0, ${CELL_MAX_ZOOM}) z
  CROSS JOIN (VALUES (false), (true)) g(by_day)
  GROUP BY 1, 2, 3, 4, 5, 6
  -- In key order, so two concurrent writers lock shared rows in the same order (no deadlock).
  ORDER BY 1, 2, 3, 4, 5, 6`;

/** Adds a set of activities to the kept rows: counts summed, boxes widened. */
export const addCells = (rows: string) => `
      INSERT INTO activity_cells AS c (z, cx, cy, department_id, by_day, end_key, n, w, s, e, no, gw, gs, ge, gn)
      ${cellRows(rows)}
      ON CONFLICT (z, cx, cy, department_id, by_day, end_key) DO UPDATE SET
        n = c.n + excluded.n,
        w = least(c.w, excluded.w), s = least(c.s, excluded.s), e = greatest(c.e, excluded.e), no = greatest(c.no, excluded.no),
        gw = least(c.gw, excluded.gw), gs = least(c.gs, excluded.gs), ge = greatest(c.ge, excluded.ge), gn = greatest(c.gn, excluded.gn)`;

export async function up(knex: Knex): Promise<void> {
  // One definition of a cell and of an end key, used by the triggers and by the queries alike:
  // the same floating-point steps on both sides put an activity in the same cell.
  await knex.raw(`
    CREATE FUNCTION activity_cell_size(z int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT (2 * pi() * 6378137 / 512) / (2 ^ z) * 60 $$`);
  await knex.raw(`
    CREATE FUNCTION activity_cell_x(x float8, z int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT floor(radians(x) * 6378137 / activity_cell_size(z))::int $$`);
  await knex.raw(`
    CREATE FUNCTION activity_cell_y(y float8, z int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT floor(ln(tan(radians(45 + y / 2))) * 6378137 / activity_cell_size(z))::int $$`);
  // An end as a day number: its own day, or the first day of its month.
  await knex.raw(`
    CREATE FUNCTION activity_end_key(t timestamptz, by_day boolean) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT CASE WHEN t IS NULL THEN ${OPEN_END}
                ELSE date_trunc(CASE WHEN by_day THEN 'day' ELSE 'month' END, t AT TIME ZONE 'UTC')::date - date '1970-01-01' END $$`);
  await knex.raw(`
    CREATE TABLE activity_cells (
      z smallint NOT NULL,
      cx int NOT NULL,
      cy int NOT NULL,
      department_id int NOT NULL,
      by_day boolean NOT NULL,
      end_key int NOT NULL,
      n int NOT NULL,
      -- the box of the activities' centres
      w float8 NOT NULL, s float8 NOT NULL, e float8 NOT NULL, no float8 NOT NULL,
      -- the box of their geometries
      gw float8 NOT NULL, gs float8 NOT NULL, ge float8 NOT NULL, gn float8 NOT NULL,
      PRIMARY KEY (z, cx, cy, department_id, by_day, end_key)
    )`);
  // Emptied rows are found by this index at once, however many rows the table holds.
  await knex.raw('CREATE INDEX activity_cells_empty_idx ON activity_cells (z) WHERE n <= 0');
  // The activities ending on the filter's own day are placed live, found by their end.
  await knex.raw('CREATE INDEX activities_ends_at_idx ON activities (ends_at)');
  await knex.raw(`
    CREATE FUNCTION activity_cells_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${addCells('new_rows')};
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION activity_cells_remove() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE activity_cells c SET n = c.n - gone.n
      FROM (${cellRows('old_rows')}) gone
      WHERE (c.z, c.cx, c.cy, c.department_id, c.by_day, c.end_key) = (gone.z, gone.cx, gone.cy, gone.department_id, gone.by_day, gone.end_key);
      -- A second statement: one statement cannot both lower a row and delete it.
      DELETE FROM activity_cells WHERE n <= 0;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION activity_cells_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM activity_cells;
      RETURN NULL;
    END $$`);
  // Transition tables need one event per trigger; on an update, the old rows leave first.
  await knex.raw(`
    CREATE TRIGGER activity_cells_ins AFTER INSERT ON activities
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_add()`);
  await knex.raw(`
    CREATE TRIGGER activity_cells_upd_a AFTER UPDATE ON activities
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_remove()`);
  await knex.raw(`
    CREATE TRIGGER activity_cells_upd_b AFTER UPDATE ON activities
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_add()`);
  await knex.raw(`
    CREATE TRIGGER activity_cells_del AFTER DELETE ON activities
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_remove()`);
  await knex.raw(`
    CREATE TRIGGER activity_cells_truncate AFTER TRUNCATE ON activities
      FOR EACH STATEMENT EXECUTE FUNCTION activity_cells_clear()`);
  // The activities already there, by the same rows the triggers add.
  await knex.raw(`
    INSERT INTO activity_cells (z, cx, cy, department_id, by_day, end_key, n, w, s, e, no, gw, gs, ge, gn)
    ${cellRows('activities')}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of [
    'activity_cells_ins',
    'activity_cells_upd_a',
    'activity_cells_upd_b',
    'activity_cells_del',
    'activity_cells_truncate',
  ])
    await knex.raw(`DROP TRIGGER IF EXISTS ${t} ON activities`);
  await knex.raw('DROP TABLE IF EXISTS activity_cells');
  await knex.raw('DROP INDEX IF EXISTS activities_ends_at_idx');
  for (const f of ['activity_cells_add()', 'activity_cells_remove()', 'activity_cells_clear()'])
    await knex.raw(`DROP FUNCTION IF EXISTS ${f}`);
  for (const f of [
    'activity_cell_x(float8, int)',
    'activity_cell_y(float8, int)',
    'activity_cell_size(int)',
    'activity_end_key(timestamptz, boolean)',
  ])
    await knex.raw(`DROP FUNCTION IF EXISTS ${f}`);
}
