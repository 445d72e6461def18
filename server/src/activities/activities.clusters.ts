import type { Knex } from 'knex';
import type { ActivityCluster, ActivityClusterCollection, ActivityFilter } from '../contracts/activities.js';
import { checkFilterReferences } from '../collections/collection.service.js';
import { activitiesSource, activityWhere } from './activities.dataset.js';

/** The Web Mercator sphere (EPSG:3857), and its metres per pixel at zoom 0 for MapLibre's 512 px tiles. */
const EARTH_RADIUS = 6_378_137;
const METRES_PER_PIXEL_Z0 = (2 * Math.PI * EARTH_RADIUS) / 512;
/** About the client's own cluster radius, so cells look like the clusters MapLibre makes. */
const CELL_PIXELS = 60;
/** A viewport of cells is far below this; it only bounds the answer (PGlite and the browser). */
const MAX_CELLS = 5000;

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
 * into the square cells of the Web Mercator grid at `zoom` and by department; each cell is drawn at
 * the centre of its square, so no two overlap on screen. Plain arithmetic on the box, not
 * ST_PointOnSurface + ST_Transform per row: three times faster at 100 000 activities. PostGIS does
 * the grouping, so the answer is as small as the screen whatever the number of activities.
 */
export async function activityClusters(
  knex: Knex,
  f: ActivityFilter & { bbox: NonNullable<ActivityFilter['bbox']> },
  zoom: number,
): Promise<ActivityClusterCollection> {
  await checkFilterReferences(knex, f);
  const w = activityWhere(f);
  const cell = (METRES_PER_PIXEL_Z0 / 2 ** zoom) * CELL_PIXELS;
  // Cells by department first, then the cells: each carries its breakdown, which adds up to its count.
  const { rows } = await knex.raw(
    `WITH hits AS (
       SELECT (ST_XMin(t.geom) + ST_XMax(t.geom)) / 2 AS x, (ST_YMin(t.geom) + ST_YMax(t.geom)) / 2 AS y, d.slug AS department
       FROM ${activitiesSource.table} t ${activitiesSource.joins}
       WHERE ${w.sql}
     ),
     by_department AS (
       SELECT floor(radians(x) * ${EARTH_RADIUS} / ?) AS cx, floor(ln(tan(radians(45 + y / 2))) * ${EARTH_RADIUS} / ?) AS cy,
              department, count(*)::int AS n, sum(x) AS sx, sum(y) AS sy, min(x) AS w, min(y) AS s, max(x) AS e, max(y) AS no
       FROM hits GROUP BY 1, 2, 3
     )
     SELECT sum(n)::int AS n,
            -- At the centre of its grid square, not the mean of its activities: markers then never overlap.
            round(degrees((cx + 0.5) * ? / ${EARTH_RADIUS})::numeric, 6)::float8 AS lon,
            round((degrees(2 * atan(exp((cy + 0.5) * ? / ${EARTH_RADIUS}))) - 90)::numeric, 6)::float8 AS lat,
            min(w)::float8 AS w, min(s)::float8 AS s, max(e)::float8 AS e, max(no)::float8 AS no,
            json_object_agg(department, n ORDER BY department) AS departments
     FROM by_department
     GROUP BY cx, cy
     ORDER BY n DESC, lon, lat
     LIMIT ?`,
    [...w.bindings, cell, cell, cell, cell, MAX_CELLS],
  );
  const features = (rows as CellRow[]).map((r): ActivityCluster => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: { count: r.n, bbox: [r.w, r.s, r.e, r.no], departments: r.departments },
  }));
  return { type: 'FeatureCollection', numberMatched: features.reduce((sum, c) => sum + c.properties.count, 0), features };
}
