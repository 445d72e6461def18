/**
 * The importers' write path in set-based batches: thousands of items in a few statements, area
 * links and themes included, idempotent, and one broken item rejected without losing its batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../server/src/activities/activities.repository.js';
import { runImport, type Candidate } from '../../server/src/activities/importers/import-runner.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';

const SOURCE = 'bulk-test';
const N = 2345;
const BATCH = 500;

/** A grid of points over the inner city; every third one has two themes, every fifth a line. */
function item(i: number, title = `Kohde ${i}`): ActivityInput {
  const x = 24.9 + (i % 50) * 0.0012;
  const y = 60.17 + Math.floor(i / 50) * 0.0008;
  return {
    department: i % 2 ? 'kymp' : 'kuva',
    kind: 'service',
    status: 'ongoing',
    titleFi: title,
    startsAt: i % 7 === 0 ? '2026-05-01T00:00:00Z' : null,
    themes: i % 3 === 0 ? ['youth', 'culture'] : [],
    source: SOURCE,
    sourceId: String(i),
    geometry:
      i % 5 === 0
        ? {
            type: 'LineString',
            coordinates: [
              [x, y],
              [x + 0.001, y + 0.0005],
            ],
          }
        : { type: 'Point', coordinates: [x, y] },
  };
}
const candidates = (items: ActivityInput[]): Candidate[] => items.map((activity) => ({ activity }));
const all = () => Array.from({ length: N }, (_, i) => item(i));

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const count = async (sql: string, bindings: unknown[] = []) => Number((await db.knex.raw(sql, bindings as never)).rows[0].n);

describe('bulk import', () => {
  it('writes every item with its themes and districts, and a re-run writes nothing', async () => {
    const first = await runImport(db.knex, 'bulk', SOURCE, candidates(all()), undefined, BATCH);
    expect(first).toMatchObject({ read: N, inserted: N, updated: 0, unchanged: 0, rejected: [] });
    expect(await count('SELECT count(*) AS n FROM activities WHERE source = ?', [SOURCE])).toBe(N);
    const themed = Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 === 0).length;
    expect(
      await count('SELECT count(*) AS n FROM activity_themes x JOIN activities a ON a.id = x.activity_id WHERE a.source = ?', [
        SOURCE,
      ]),
    ).toBe(2 * themed);
    // Every item lies in Helsinki's land, so the statement-level trigger gave each its districts.
    expect(
      await count(
        `SELECT count(*) AS n FROM activities a WHERE a.source = ?
           AND NOT EXISTS (SELECT 1 FROM activity_areas x WHERE x.activity_id = a.id)`,
        [SOURCE],
      ),
    ).toBe(0);
    const lines = await count(`SELECT count(*) AS n FROM activities WHERE source = ? AND GeometryType(geom) = 'LINESTRING'`, [
      SOURCE,
    ]);
    expect(lines).toBe(Math.ceil(N / 5));

    const stamp = await count('SELECT extract(epoch FROM max(updated_at)) * 1000 AS n FROM activities WHERE source = ?', [
      SOURCE,
    ]);
    const again = await runImport(db.knex, 'bulk', SOURCE, candidates(all()), undefined, BATCH);
    expect(again).toMatchObject({ read: N, inserted: 0, updated: 0, unchanged: N, rejected: [] });
    expect(await count('SELECT extract(epoch FROM max(updated_at)) * 1000 AS n FROM activities WHERE source = ?', [SOURCE])).toBe(
      stamp,
    );
  });

  it('counts a changed title, a changed theme and a moved point as updates, and nothing else', async () => {
    const items = all();
    items[10] = item(10, 'Uusi nimi');
    items[11] = { ...item(11), themes: ['sport-outdoors'] };
    items[12] = { ...item(12), themes: [] }; // 12 had youth and culture
    items[13] = { ...item(13), geometry: { type: 'Point', coordinates: [24.95, 60.2] } };
    const s = await runImport(db.knex, 'bulk', SOURCE, candidates(items), undefined, BATCH);
    expect(s).toMatchObject({ inserted: 0, updated: 4, unchanged: N - 4, rejected: [] });
    const row = (id: string) =>
      db.knex
        .raw(
          `SELECT a.title_fi, ST_X(ST_Centroid(a.geom)) AS x,
                  coalesce((SELECT array_agg(th.slug ORDER BY th.slug) FROM activity_themes x JOIN themes th ON th.id = x.theme_id
                             WHERE x.activity_id = a.id), '{}') AS themes
             FROM activities a WHERE a.source = ? AND a.source_id = ?`,
          [SOURCE, id],
        )
        .then((r) => r.rows[0]);
    expect((await row('10')).title_fi).toBe('Uusi nimi');
    expect((await row('11')).themes).toEqual(['sport-outdoors']);
    expect((await row('12')).themes).toEqual([]);
    expect((await row('13')).x).toBeCloseTo(24.95, 6);
  });

  it('rejects only the item PostGIS cannot read, and the later of two items with one id wins', async () => {
    const items = [
      item(9001),
      { ...item(9002), geometry: { type: 'Polygon', coordinates: [[[24.9, 60.17]]] } },
      item(9003),
      item(9001, 'Toinen versio'),
    ];
    const s = await runImport(db.knex, 'bulk', SOURCE, candidates(items), undefined, BATCH);
    expect(s.read).toBe(4);
    expect(s.rejected.map((r) => r.where)).toEqual([`${SOURCE}:9002`]);
    expect(s.inserted + s.updated).toBe(3);
    const titles = (
      await db.knex.raw(
        `SELECT source_id, title_fi FROM activities WHERE source = ? AND source_id IN ('9001', '9002', '9003') ORDER BY 1`,
        [SOURCE],
      )
    ).rows;
    expect(titles).toEqual([
      { source_id: '9001', title_fi: 'Toinen versio' },
      { source_id: '9003', title_fi: 'Kohde 9003' },
    ]);
  });
});
