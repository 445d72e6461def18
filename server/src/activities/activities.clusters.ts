import type { Knex } from 'knex';
import type { ActivityCluster, ActivityClusterCollection, ActivityFilter } from '../contracts/activities.js';
import { checkFilterReferences } from '../collections/collection.service.js';
import { and, raw, run, sql, type Sql } from '../collections/sql.js';
import { CELL_MAX_ZOOM } from '../db/migrations/20261203150000_activity_cells.js';
import { activitiesSource, activityWhere } from './activities.dataset.js';

/** A viewport of cells is far below this; it only bounds the answer (PGlite and the browser). */
const MAX_CELLS = 5000;
const EARTH_RADIUS = 6_378_137;
const R = raw(String(EARTH_RADIUS));

type ClusterFilter = ActivityFilter & { bbox: NonNullable<ActivityFilter['bbox']> };

interface CellRow {
  n: number;
  lon: number;
  lat: number;
  w: number;
  s: number;
  e: number;
  no: number;
  departments: Record<string, number>;
}

/**
 * Every matching activity, placed by the centre of its bounding box (a point's own place), counted
 * into the square cells of the Web Mercator grid at `zoom` (cells 60 px wide, about the client's
 * own cluster radius) and by department; each cell is drawn at the centre of its square, so no two
 * overlap on screen. The grid is the database's `activity_cell_x/y` (migration
 * 20261203150000_activity_cells), so the kept counts and the live ones place an activity alike.
 *
 * A filter the kept counts can answer (view, department, "from") sums them; any other (district,
 * theme, kind, status, "to", demo) places its activities live, which PostGIS groups, so the
 * answer is as small as the screen either way.
 */
export async function activityClusters(knex: Knex, f: ClusterFilter, zoom: number): Promise<ActivityClusterCollection> {
  await checkFilterReferences(knex, f);
  const byDepartment = keptCountsAnswer(f, zoom) ? keptByDepartment(f, zoom) : liveByDepartment(f, zoom);
  const rows = await run<CellRow>(
    knex,
    sql`WITH ${byDepartment}
        SELECT sum(n)::int AS n,
               -- At the centre of its grid square, not the mean of its activities: markers then never overlap.
               round(degrees((cx + 0.5) * activity_cell_size(${zoom}) / ${R})::numeric, 6)::float8 AS lon,
               round((degrees(2 * atan(exp((cy + 0.5) * activity_cell_size(${zoom}) / ${R}))) - 90)::numeric, 6)::float8 AS lat,
               min(w)::float8 AS w, min(s)::float8 AS s, max(e)::float8 AS e, max(no)::float8 AS no,
               json_object_agg(department, n ORDER BY department) AS departments
        FROM (SELECT b.cx, b.cy, d.slug AS department, sum(b.n)::int AS n,
                     min(b.w) AS w, min(b.s) AS s, max(b.e) AS e, max(b.no) AS no
              FROM by_department b JOIN departments d ON d.id = b.department_id
              GROUP BY 1, 2, 3) cell_departments
        GROUP BY cx, cy
        ORDER BY n DESC, lon, lat
        LIMIT ${MAX_CELLS}`,
  );
  const features = rows.map((r): ActivityCluster => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: { count: r.n, bbox: [r.w, r.s, r.e, r.no], departments: r.departments },
  }));
  return { type: 'FeatureCollection', numberMatched: features.reduce((sum, c) => sum + c.properties.count, 0), features };
}

/** The kept counts hold view, department and end; any other filter is placed live. */
export const keptCountsAnswer = (f: ActivityFilter, zoom: number) =>
  zoom <= CELL_MAX_ZOOM && !f.area && !f.theme && !f.kind && !f.status && !f.to && !f.demo;

const centre = raw('(ST_XMin(t.geom) + ST_XMax(t.geom)) / 2 AS x, (ST_YMin(t.geom) + ST_YMax(t.geom)) / 2 AS y');

/** `by_department`: (cx, cy, department_id, n and the box of centres) of every matching activity, placed here. */
function liveByDepartment(f: ClusterFilter, zoom: number): Sql {
  return sql`hits AS (
      SELECT ${centre}, t.department_id FROM ${raw(activitiesSource.table)} t ${raw(activitiesSource.joins)}
      WHERE ${activityWhere(f)}
    ),
    by_department AS (
      SELECT activity_cell_x(x, ${zoom}) AS cx, activity_cell_y(y, ${zoom}) AS cy, department_id, count(*)::int AS n,
             min(x) AS w, min(y) AS s, max(x) AS e, max(y) AS no
      FROM hits GROUP BY 1, 2, 3
    )`;
}

/** How many zooms finer an edge cell is looked at before its activities are placed live. */
const EDGE_REFINE = 3;

/**
 * `by_department` from the kept counts. A cell whose activities lie wholly inside the view is
 * counted as kept. A cell on the view's edge is looked at again in its finer cells (EDGE_REFINE
 * zooms deeper, at most the deepest kept): those wholly inside are counted as kept too, and only
 * the activities of the finer cells still on the edge are placed live, as some may be outside.
 * With "from", activities ending before its day are left out, those ending later (or never) are
 * counted as kept, and those ending on its own day, where the hour decides, are placed live,
 * found through the index on the end.
 */
function keptByDepartment(f: ClusterFilter, zoom: number): Sql {
  const [w, s, e, n] = f.bbox;
  const fine = Math.min(zoom + EDGE_REFINE, CELL_MAX_ZOOM);
  const shift = fine - zoom;
  const from = f.from && sql`${f.from}::timestamptz`;
  // Month rows of later months, day rows of the rest of this month; the day itself is key_hits'.
  const ends = from
    ? sql`((NOT c.by_day AND c.end_key > activity_end_key(${from}, false))
           OR (c.by_day AND c.end_key > activity_end_key(${from}, true)
               AND c.end_key < (date_trunc('month', ${from} AT TIME ZONE 'UTC') + interval '1 month')::date - date '1970-01-01'))`
    : raw('NOT c.by_day');
  const nextDay = from && sql`(date_trunc('day', ${from} AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC'`;
  const live = activityWhere(f);
  const lat = (cy: string) => sql`degrees(2 * atan(exp((${raw(cy)}) * activity_cell_size(${fine}) / ${R}))) - 90`;
  const lon = (cx: string) => sql`degrees((${raw(cx)}) * activity_cell_size(${fine}) / ${R})`;
  const keptAt = (z: number) =>
    and([
      sql`c.z = ${z} AND c.gw <= ${e} AND c.ge >= ${w} AND c.gs <= ${n} AND c.gn >= ${s}`,
      f.department && sql`c.department_id IN (SELECT id FROM departments WHERE slug = ANY(${f.department}::text[]))`,
      ends,
    ]);
  const inside = sql`min(gw) >= ${w} AND max(ge) <= ${e} AND min(gs) >= ${s} AND max(gn) <= ${n}`;
  return sql`kept AS (SELECT c.* FROM activity_cells c WHERE ${keptAt(zoom)}),
    cells AS (SELECT cx, cy, ${inside} AS inside FROM kept GROUP BY cx, cy),
    -- The finer cells of the edge cells (shifting a finer cell's number gives its cell at the view's zoom).
    -- At the deepest kept zoom there is nothing finer: the edge cells themselves are placed live.
    kept_fine AS (${
      shift
        ? sql`SELECT c.* FROM activity_cells c
      JOIN cells p ON NOT p.inside AND p.cx = c.cx >> ${raw(String(shift))} AND p.cy = c.cy >> ${raw(String(shift))}
      WHERE ${keptAt(fine)}`
        : raw('SELECT * FROM activity_cells WHERE false')
    }),
    fine_cells AS (${shift ? sql`SELECT cx, cy, ${inside} AS inside FROM kept_fine GROUP BY cx, cy` : raw('SELECT * FROM cells')}),
    edge_hits AS (
      SELECT h.* FROM fine_cells c
      CROSS JOIN LATERAL (
        SELECT ${centre}, t.department_id FROM ${raw(activitiesSource.table)} t ${raw(activitiesSource.joins)}
        -- An activity's centre lies in its cell's square, so its box meets the square (give or take rounding).
        WHERE t.geom && ST_Expand(ST_MakeEnvelope(${lon('c.cx')}, ${lat('c.cy')}, ${lon('c.cx + 1')}, ${lat('c.cy + 1')}, 4326), 1e-9)
          AND ${live} ${nextDay ? sql`AND (t.ends_at IS NULL OR t.ends_at >= ${nextDay})` : raw('')}
      ) h
      WHERE NOT c.inside AND activity_cell_x(h.x, ${fine}) = c.cx AND activity_cell_y(h.y, ${fine}) = c.cy
    ),
    key_hits AS (
      SELECT ${centre}, t.department_id FROM ${raw(activitiesSource.table)} t ${raw(activitiesSource.joins)}
      WHERE ${nextDay ? sql`${live} AND t.ends_at < ${nextDay}` : raw('false')}
    ),
    by_department AS (
      SELECT k.cx, k.cy, k.department_id, k.n, k.w, k.s, k.e, k.no
      FROM kept k JOIN cells c USING (cx, cy) WHERE c.inside
      UNION ALL
      SELECT k.cx >> ${raw(String(shift))}, k.cy >> ${raw(String(shift))}, k.department_id, k.n, k.w, k.s, k.e, k.no
      FROM kept_fine k JOIN fine_cells c USING (cx, cy) WHERE c.inside
      UNION ALL
      SELECT activity_cell_x(x, ${zoom}), activity_cell_y(y, ${zoom}), department_id, count(*)::int, min(x), min(y), max(x), max(y)
      FROM (SELECT * FROM edge_hits UNION ALL SELECT * FROM key_hits) h GROUP BY 1, 2, 3
    )`;
}
