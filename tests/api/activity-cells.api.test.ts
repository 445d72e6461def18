/**
 * The kept cell counts (migration 20261203150000_activity_cells): a city-wide view sums them instead
 * of placing every activity. Whatever was written (bulk inserts, edits that move an activity or
 * change its department or end, deletes), the cells a visitor sees count exactly what placing each
 * activity counts. `demo=include` changes no result but is a filter the kept counts do not
 * hold, so the same request with it is answered by placing each activity: the reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertActivities, type ActivityInput } from '../../server/src/activities/activities.repository.js';
import type { ActivityClusterCollection } from '../../server/src/contracts/activities.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };

const DEPARTMENTS = ['kymp', 'kuva', 'sote'];
const DAY = 86_400_000;
/** The day the test runs, at midnight UTC, and the hour now: "from" is either. */
const TODAY = new Date(Math.floor(Date.now() / DAY) * DAY);

/** Deterministic pseudo-random numbers, so a failure can be repeated. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Points, lines and polygons over Helsinki, in every department, ending in the past, today, later or never. */
function activities(n: number, seed: number, prefix: string): ActivityInput[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const lon = 24.83 + r() * 0.3;
    const lat = 60.13 + r() * 0.15;
    const shape = i % 5;
    const d = 0.002 + r() * 0.02;
    const geometry =
      shape < 3
        ? { type: 'Point', coordinates: [lon, lat] }
        : shape === 3
          ? {
              type: 'LineString',
              coordinates: [
                [lon, lat],
                [lon + d, lat + d / 2],
              ],
            }
          : {
              type: 'Polygon',
              coordinates: [
                [
                  [lon, lat],
                  [lon + d, lat],
                  [lon + d, lat + d],
                  [lon, lat + d],
                  [lon, lat],
                ],
              ],
            };
    // Ends spread over some 60 days either side of today, some today itself (at any hour), some never.
    const end = i % 7 === 0 ? null : i % 7 === 1 ? TODAY.getTime() + r() * DAY : TODAY.getTime() + (r() - 0.5) * 120 * DAY;
    return {
      source: 'cells-test',
      sourceId: `${prefix}-${i}`,
      department: DEPARTMENTS[i % 3],
      kind: 'project',
      status: 'ongoing',
      titleFi: `${prefix} ${i}`,
      themes: [],
      startsAt: end === null ? null : new Date(end - 30 * DAY).toISOString(),
      endsAt: end === null ? null : new Date(end).toISOString(),
      geometry,
    };
  });
}

const clusters = async (query: string) => {
  const res = await fetch(`${server.url}/api/activities/clusters?${query}`);
  const body = (await res.json()) as ActivityClusterCollection;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

/** Views: the whole city, its halves and corners (cut through the activities), and a small one. */
const VIEWS = [
  '24.5,59.9,25.5,60.45',
  '24.8,60.1,24.98,60.3',
  '24.98,60.1,25.2,60.2',
  '24.9,60.16,24.96,60.19',
  '24.93,60.17,24.935,60.175',
];
const FILTERS = [
  '',
  `from=${TODAY.toISOString().slice(0, 10)}`,
  `from=${new Date(TODAY.getTime() + 13 * 3_600_000).toISOString()}`,
  `from=${new Date(TODAY.getTime() + 40 * DAY).toISOString().slice(0, 10)}`,
  'department=kuva',
  `department=kymp,sote&from=${TODAY.toISOString().slice(0, 10)}`,
];

/** Every view, zoom and filter: the kept answer is the placed one. Returns the city-wide total. */
async function expectKeptEqualsPlaced(): Promise<number> {
  let cityTotal = -1;
  for (const bbox of VIEWS) {
    for (const zoom of [3, 8, 9, 10]) {
      for (const filter of FILTERS) {
        const q = `bbox=${bbox}&zoom=${zoom}${filter ? `&${filter}` : ''}`;
        const kept = await clusters(q);
        const placed = await clusters(`${q}&demo=include`);
        // The same cells, counts and breakdowns. A kept box is never smaller than the activities'
        // (after an edit or a delete it can be larger): a click on the cell still shows them all.
        const strip = (c: ActivityClusterCollection) => ({
          ...c,
          features: c.features.map((f) => ({ ...f, properties: { ...f.properties, bbox: undefined } })),
        });
        expect(strip(kept), q).toEqual(strip(placed));
        kept.features.forEach((f, i) => {
          const [w, s, e, n] = f.properties.bbox;
          const [pw, ps, pe, pn] = placed.features[i].properties.bbox;
          expect(w <= pw && s <= ps && e >= pe && n >= pn, q).toBe(true);
        });
        if (bbox === VIEWS[0] && !filter) cityTotal = kept.numberMatched;
      }
    }
  }
  return cityTotal;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('kept cell counts', () => {
  it('count what placing each activity counts, after a bulk import', async () => {
    const before = (await clusters(`bbox=${VIEWS[0]}&zoom=8`)).numberMatched;
    await upsertActivities(db.knex, activities(400, 1, 'a'));
    expect(await expectKeptEqualsPlaced()).toBe(before + 400);
  });

  it('follow edits that move activities, change their department or their end', async () => {
    const moved = activities(400, 2, 'a').slice(0, 150);
    await upsertActivities(db.knex, moved);
    await db.knex.raw(`UPDATE activities SET department_id = (SELECT id FROM departments WHERE slug = 'sote')
                       WHERE source = 'cells-test' AND source_id LIKE 'a-2%'`);
    await db.knex.raw(`UPDATE activities SET ends_at = NULL WHERE source = 'cells-test' AND source_id LIKE 'a-3%'`);
    await expectKeptEqualsPlaced();
  });

  it('are not rewritten by edits that move nothing, and follow a statement that moves some', async () => {
    // xmin names the transaction that last wrote a row: unchanged, the row was not rewritten.
    const rows = async () =>
      (await db.knex.raw('SELECT xmin::text AS x, * FROM activity_cells ORDER BY z, cx, cy, department_id, by_day, end_key'))
        .rows;
    const before = await rows();
    await db.knex.raw(`UPDATE activities SET title_fi = title_fi || ' (muokattu)', status = status WHERE source = 'cells-test'`);
    expect(await rows()).toEqual(before);
    // One statement that retitles every test activity and moves a tenth of them far off.
    await db.knex.raw(`UPDATE activities SET title_fi = title_fi || '!',
                              geom = CASE WHEN source_id LIKE 'a-4%' THEN ST_Translate(geom, 0.07, 0.03) ELSE geom END
                        WHERE source = 'cells-test'`);
    await expectKeptEqualsPlaced();
  });

  it('follow deletes, down to nothing left of the test', async () => {
    const before = (await clusters(`bbox=${VIEWS[0]}&zoom=8`)).numberMatched;
    await db.knex('activities').where({ source: 'cells-test' }).whereLike('source_id', 'a-1%').delete();
    const gone = before - (await expectKeptEqualsPlaced());
    expect(gone).toBeGreaterThan(100);
    await db.knex('activities').where({ source: 'cells-test' }).delete();
    expect(await expectKeptEqualsPlaced()).toBe(before - 400);
    // No kept row stays behind with nothing in it.
    const { rows } = await db.knex.raw('SELECT count(*)::int AS n FROM activity_cells WHERE n <= 0');
    expect(rows[0].n).toBe(0);
  });
});
