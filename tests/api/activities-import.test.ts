import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGeoJson, type GeoJsonMapping } from '../../server/src/activities/importers/geojson.js';
import type { FetchJson } from '../../server/src/activities/importers/import-runner.js';
import { importLinkedEvents } from '../../server/src/activities/importers/linkedevents.js';
import { importServiceMap } from '../../server/src/activities/importers/servicemap.js';
import { repoRoot } from '../../server/src/config.js';
import { DEMO_DATASET, ensureDemoSeed, removeDemo, seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

const fixtures = path.join(repoRoot, 'tests/fixtures');
const PLAYPARKS = path.resolve(repoRoot, '../shared/data/helsinki/hki-leikkipuistot/leikkipuistot-helsinki.geojson');

/** Serves recorded pages by URL: the importers page through "the API" without the network. */
const fixtureFetch =
  (pages: Record<string, string>): FetchJson =>
  async (url) => {
    const key = Object.keys(pages).find((k) => url.includes(k));
    if (!key) throw new Error(`test fetch: no fixture for ${url}`);
    return JSON.parse(fs.readFileSync(path.join(fixtures, pages[key]), 'utf8'));
  };

let db: TestDatabase;
const rowsOf = async (source: string) =>
  (
    await db.knex.raw(
      `SELECT t.source_id, d.slug AS department, t.kind, t.status, t.title_fi, t.description_fi, t.url, t.starts_at, t.ends_at,
              coalesce((SELECT array_agg(th.slug ORDER BY th.slug) FROM activity_themes x JOIN themes th ON th.id = x.theme_id WHERE x.activity_id = t.id), '{}') AS themes
         FROM activities t JOIN departments d ON d.id = t.department_id WHERE t.source = ? ORDER BY t.source_id`,
      [source],
    )
  ).rows as {
    source_id: string;
    department: string;
    kind: string;
    status: string;
    title_fi: string;
    description_fi: string | null;
    url: string | null;
    starts_at: Date | null;
    ends_at: Date | null;
    themes: string[];
  }[];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('Service Map importer', () => {
  const SM = 'https://api.hel.fi/servicemap/v2/unit/?include=department%2Croot_department&municipality=helsinki&page_size=3';
  const fetchJson = fixtureFetch({
    'page=2': 'servicemap/units-page-2.json',
    'servicemap/v2/unit/': 'servicemap/units-page-1.json',
  });

  it('pages through the API, maps departments and rejects units it cannot place', async () => {
    const progress: string[] = [];
    const s = await importServiceMap(db.knex, SM, { fetchJson, onProgress: (m) => progress.push(m) });
    expect(s).toMatchObject({ read: 5, inserted: 3, updated: 0, unchanged: 0 });
    expect(s.rejected.map((r) => r.where).sort()).toEqual(['unit 51003', 'unit 60777']);
    expect(progress.some((m) => m.includes('page 2'))).toBe(true);
    const rows = await rowsOf('servicemap');
    expect(rows.map((r) => [r.source_id, r.department, r.kind, r.themes])).toEqual([
      ['2256', 'sote', 'service', ['services']],
      ['40012', 'kasko', 'service', ['services']],
      ['8310', 'kuva', 'service', ['services']],
    ]);
    // Stored as given: escaping is the UI's job, formula guarding the CSV export's.
    expect(rows[0].description_fi).toBe('=Terveysaseman palvelut <b>arkisin</b>');
  });

  it('re-import changes nothing', async () => {
    const s = await importServiceMap(db.knex, SM, { fetchJson });
    expect(s).toMatchObject({ read: 5, inserted: 0, updated: 0, unchanged: 3 });
    const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM activities WHERE source = 'servicemap'`);
    expect(rows[0].n).toBe(3);
  });

  it('reads a saved page from a file', async () => {
    const s = await importServiceMap(db.knex, path.join(fixtures, 'servicemap/units-page-1.json'));
    expect(s).toMatchObject({ read: 3, inserted: 0, unchanged: 2 });
  });

  it.skipIf(!fs.existsSync(PLAYPARKS))(
    'loads the shared playparks export with the right departments, twice without change',
    async () => {
      const s = await importServiceMap(db.knex, PLAYPARKS);
      expect(s).toMatchObject({ read: 307, inserted: 307, rejected: [] });
      const { rows } = await db.knex.raw(
        `SELECT d.slug, count(*)::int AS n FROM activities t JOIN departments d ON d.id = t.department_id
        WHERE t.source = 'servicemap' AND t.source_id NOT IN ('2256', '40012', '8310') GROUP BY d.slug ORDER BY d.slug`,
      );
      // 67 supervised playparks (Education), 240 play areas (Urban Environment) — see PROVENANCE.md.
      expect(rows).toEqual([
        { slug: 'kasko', n: 67 },
        { slug: 'kymp', n: 240 },
      ]);
      const hilleri = (await rowsOf('servicemap')).find((r) => r.source_id === '79029')!;
      expect(hilleri).toMatchObject({
        department: 'kasko',
        title_fi: 'Leikkipuisto Hilleri',
        url: 'https://www.hel.fi/fi/kasvatus-ja-koulutus/leikkipuisto-hilleri',
      });
      expect(hilleri.themes).toEqual(['children-families', 'services']);
      const { rows: linked } = await db.knex.raw(
        `SELECT count(DISTINCT aa.activity_id)::int AS n FROM activity_areas aa JOIN activities t ON t.id = aa.activity_id WHERE t.source = 'servicemap'`,
      );
      if (db.areasAreReal) expect(linked[0].n).toBeGreaterThanOrEqual(306); // one lies in Espoo (Varsasaari)
      const again = await importServiceMap(db.knex, PLAYPARKS);
      expect(again).toMatchObject({ read: 307, inserted: 0, updated: 0, unchanged: 307 });
    },
  );
});

describe('Linked Events importer', () => {
  const LE = 'https://api.hel.fi/linkedevents/v1/event/?include=location&page_size=2';
  const fetchJson = fixtureFetch({
    'page=2': 'linkedevents/events-page-2.json',
    'linkedevents/v1/event/': 'linkedevents/events-page-1.json',
  });
  const now = new Date('2030-01-01T00:00:00Z');

  it('follows meta.next and maps place, time, status, publisher and keywords', async () => {
    const s = await importLinkedEvents(db.knex, LE, { fetchJson, now });
    expect(s).toMatchObject({ read: 4, inserted: 3, updated: 0, unchanged: 0 });
    expect(s.rejected).toEqual([
      expect.objectContaining({ where: 'event helsinki:agtest0003', reason: expect.stringContaining('no position') }),
    ]);
    const rows = await rowsOf('linkedevents');
    expect(rows.map((r) => [r.source_id, r.department, r.kind, r.status, r.themes])).toEqual([
      ['helsinki:agtest0001', 'kuva', 'event', 'planned', ['children-families']],
      ['helsinki:agtest0002', 'kuva', 'event', 'cancelled', ['sport-outdoors', 'youth']],
      ['kulke:77001', 'sote', 'event', 'planned', ['elderly', 'sport-outdoors']],
    ]);
    expect(rows[0].starts_at?.toISOString()).toBe('2030-03-04T08:00:00.000Z');
    expect(rows[1].starts_at?.toISOString()).toBe('2030-05-10T09:00:00.000Z');
    expect(rows[2].ends_at).toBeNull();
    expect(rows[0].url).toBe('https://tapahtumat.hel.fi/fi/events/helsinki:agtest0001');
  });

  it('re-import changes nothing', async () => {
    const s = await importLinkedEvents(db.knex, LE, { fetchJson, now });
    expect(s).toMatchObject({ read: 4, inserted: 0, updated: 0, unchanged: 3 });
  });
});

describe('generic GeoJSON importer', () => {
  const file = path.join(fixtures, 'geojson/katutyot.geojson');
  const mapping = JSON.parse(fs.readFileSync(path.join(fixtures, 'geojson/katutyot.mapping.json'), 'utf8')) as GeoJsonMapping;

  it('maps fields by the mapping file, names included, and says why it skips features', async () => {
    const s = await importGeoJson(db.knex, file, mapping);
    expect(s).toMatchObject({ read: 4, inserted: 2 });
    expect(s.rejected.map((r) => r.reason)).toEqual(['unknown department Puolustusvoimat', 'no tunnus']);
    const rows = await rowsOf('kymp-katutyot');
    expect(rows.map((r) => [r.source_id, r.department, r.kind, r.themes])).toEqual([
      ['KT-2030-001', 'kymp', 'construction', ['environment-climate', 'traffic-streets']],
      ['KT-2030-002', 'kymp', 'planning', ['local-vitality']],
    ]);
    expect(rows[0].starts_at?.toISOString()).toBe('2030-03-01T00:00:00.000Z');
  });

  it('re-import changes nothing; an edited feature updates in place', async () => {
    expect(await importGeoJson(db.knex, file, mapping)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const edited = JSON.parse(fs.readFileSync(file, 'utf8'));
    edited.features[0].properties.nimi = 'Metsäpurontien saneeraus (2. vaihe)';
    edited.features[0].geometry.coordinates[2] = [24.935, 60.232];
    const tmp = path.join(repoRoot, '.tmp', `katutyot-${process.pid}.geojson`);
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(edited));
    try {
      expect(await importGeoJson(db.knex, tmp, mapping)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    } finally {
      fs.rmSync(tmp);
    }
    const rows = await rowsOf('kymp-katutyot');
    expect(rows).toHaveLength(2);
    expect(rows[0].title_fi).toBe('Metsäpurontien saneeraus (2. vaihe)');
  });
});

describe('demo seed', () => {
  it('tells the Keskuspuisto story with every department, flagged as demo, and is removable', async () => {
    const first = await seedDemo(db.knex);
    expect(first.inserted).toBeGreaterThanOrEqual(15);
    expect(await seedDemo(db.knex)).toMatchObject({ inserted: 0, updated: 0 });
    const server = await startTestServer(db);
    try {
      const res = await fetch(`${server.url}/api/activities?demo=only&limit=100`);
      const body = await res.json();
      expect(body.features.length).toBe(first.inserted);
      expect(body.features.every((f: { properties: { isDemo: boolean } }) => f.properties.isDemo)).toBe(true);
      expect(new Set(body.features.map((f: { properties: { department: string } }) => f.properties.department))).toEqual(
        new Set(['kasko', 'kymp', 'kuva', 'sote', 'kanslia']),
      );
      const types = new Set(body.features.map((f: { geometry: { type: string } }) => f.geometry.type));
      for (const t of ['Point', 'LineString', 'Polygon']) expect(types.has(t)).toBe(true);
      // In and around Central Park.
      for (const f of body.features as { properties: { id: number } }[]) {
        const { rows } = await db.knex.raw(
          'SELECT ST_Intersects(geom, ST_MakeEnvelope(24.89, 60.19, 24.95, 60.26, 4326)) AS inside FROM activities WHERE id = ?',
          [f.properties.id],
        );
        expect(rows[0].inside).toBe(true);
      }
      // Overlapping places and times across departments.
      const pairs = await (
        await fetch(
          `${server.url}/api/overlaps?geometry=${encodeURIComponent(
            JSON.stringify({
              type: 'Polygon',
              coordinates: [
                [
                  [24.9, 60.19],
                  [24.95, 60.19],
                  [24.95, 60.26],
                  [24.9, 60.26],
                  [24.9, 60.19],
                ],
              ],
            }),
          )}`,
        )
      ).json();
      expect(pairs.pairs.filter((p: { timeOverlaps: boolean }) => p.timeOverlaps).length).toBeGreaterThan(5);
    } finally {
      await server.close();
    }
    expect((await removeDemo(db.knex)).activities).toBe(first.inserted);
    const { rows } = await db.knex.raw('SELECT count(*)::int AS n FROM activities WHERE is_demo');
    expect(rows[0].n).toBe(0);
    // Removal is remembered: a later first start does not bring the demo back.
    await db.knex.raw('DELETE FROM activities');
    await ensureDemoSeed(db.knex);
    const { rows: after } = await db.knex.raw('SELECT count(*)::int AS n FROM activities');
    expect(after[0].n).toBe(0);
    const { rows: rec } = await db.knex.raw('SELECT count(*)::int AS n FROM data_imports WHERE dataset = ?', [DEMO_DATASET]);
    expect(rec[0].n).toBe(3);
  });
});
