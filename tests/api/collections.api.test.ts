import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

/**
 * Every dataset is served by one mechanism from its declaration: the same filter must give the
 * same items in the list, the GeoJSON and CSV downloads and the OGC collection, in every section.
 */

// Two places in the city centre, ~1.3 km apart: the bbox holds the first only.
const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const FAR: [number, number] = [24.9312, 60.1634];
const BBOX = '24.945,60.165,24.96,60.175';
const square = ([lon, lat]: [number, number], d = 0.002) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat - d / 2],
      [lon + d, lat - d / 2],
      [lon + d, lat + d / 2],
      [lon - d, lat + d / 2],
      [lon - d, lat - d / 2],
    ],
  ],
});

let db: TestDatabase;
let server: TestServer;
let admin: TestAgent;
let visitor: TestAgent;
let groupId: number;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};

/** How each dataset is created through its own API: `place` and `theme` vary, the rest is valid filler. */
const create: Record<string, (place: [number, number], theme: string) => Promise<number>> = {
  activities: async (place, theme) =>
    (
      await json(
        await admin.post('/api/activities', {
          department: 'kuva',
          kind: 'event',
          status: 'planned',
          titleFi: `Tapahtuma ${theme}`,
          themes: [theme],
          geometry: { type: 'Point', coordinates: place },
        }),
        201,
      )
    ).id,
  ideas: async (place, theme) =>
    (
      await json(
        await visitor.post('/api/ideas', {
          title: `Idea ${theme}`,
          description: 'Kokeiluidea kaikkiin näkymiin.',
          themes: [theme],
          geometry: { type: 'Point', coordinates: place },
        }),
        201,
      )
    ).id,
  kehra: async (place, theme) =>
    (
      await json(
        await admin.post(`/api/kehra/groups/${groupId}/areas`, {
          name: `Alue ${theme} ${place[0]}`,
          themes: [theme],
          status: 'idea',
          geometry: square(place),
        }),
        201,
      )
    ).id,
  'partnership-tables': async (place, theme) =>
    (
      await json(
        await admin.post('/api/partnership-tables', {
          name: `Pöytä ${theme} ${place[0]}`,
          convener: 'Kulttuurin toimiala',
          themes: [theme],
          geometry: square(place),
          meetingPlace: { lon: place[0], lat: place[1] },
        }),
        201,
      )
    ).id,
};
const OGC_ID: Record<string, string> = {
  activities: 'activities',
  ideas: 'ideas',
  kehra: 'kehra-areas',
  'partnership-tables': 'partnership-tables',
};
const made: Record<string, { hit: number; otherTheme: number; elsewhere: number }> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
  groupId = await createTestKehraGroup(db.knex, 'Kokoelmatestin Kehrä');
  admin = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['admin'] })));
  visitor = new TestAgent(server.url);
  for (const [name, make] of Object.entries(create)) {
    made[name] = {
      hit: await make(CATHEDRAL, 'culture'),
      otherTheme: await make(CATHEDRAL, 'youth'),
      elsewhere: await make(FAR, 'culture'),
    };
  }
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const idsOf = (features: { id: number | string; properties: { id: number } }[]) =>
  [...new Set(features.map((f) => f.properties.id))].sort();

describe.each(Object.keys(create))('%s served from its declaration', (name) => {
  const filter = `theme=culture&bbox=${BBOX}`;

  it('gives the same items in the list, GeoJSON, CSV and OGC', async () => {
    const mine = made[name];
    const list = await json(await visitor.get(`/api/${name}?${filter}`), 200);
    // Other tests' rows do not exist here: the filter selects exactly the one made for it.
    expect(idsOf(list.features)).toEqual([mine.hit]);
    expect(list).toMatchObject({ type: 'FeatureCollection', numberMatched: 1, numberReturned: 1, offset: 0 });

    const gj = await json(await visitor.get(`/api/${name}.geojson?${filter}`), 200);
    expect(idsOf(gj.features)).toEqual([mine.hit]);
    const csv = await (await visitor.get(`/api/${name}.csv?${filter}`)).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0].split(',')[0]).toBe('id');
    expect(rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual([mine.hit]);
    expect(await (await visitor.get(`/api/${name}?${filter}&format=csv`)).text()).toBe(csv);

    const ogc = await json(await visitor.get(`/ogc/collections/${OGC_ID[name]}/items?${filter}`), 200);
    expect(ogc.features.map((f: { id: number }) => f.id)).toEqual([mine.hit]);
    expect(ogc.numberMatched).toBe(1);
    const one = await json(await visitor.get(`/ogc/collections/${OGC_ID[name]}/items/${mine.hit}`), 200);
    expect(one).toMatchObject({ type: 'Feature', id: mine.hit, properties: { id: mine.hit } });
    expect((await visitor.get(`/ogc/collections/${OGC_ID[name]}/items/999999999`)).status).toBe(404);
  });

  it('describes its OGC collection with an extent covering its items', async () => {
    const c = await json(await visitor.get(`/ogc/collections/${OGC_ID[name]}`), 200);
    const [w, s, e, n] = c.extent.spatial.bbox[0];
    for (const [lon, lat] of [CATHEDRAL, FAR]) {
      expect(lon >= w && lon <= e && lat >= s && lat <= n, `${lon},${lat} in ${c.extent.spatial.bbox[0]}`).toBe(true);
    }
    expect(c.links.find((l: { rel: string }) => l.rel === 'items').href).toMatch(
      new RegExp(`/ogc/collections/${OGC_ID[name]}/items$`),
    );
  });

  it('reads ?theme= as a list, given as a,b or repeated, the same in every section', async () => {
    const mine = made[name];
    const all = [mine.hit, mine.otherTheme].sort();
    expect(idsOf((await json(await visitor.get(`/api/${name}?theme=culture,youth&bbox=${BBOX}`), 200)).features)).toEqual(all);
    expect(idsOf((await json(await visitor.get(`/api/${name}?theme=culture&theme=youth&bbox=${BBOX}`), 200)).features)).toEqual(
      all,
    );
    expect(idsOf((await json(await visitor.get(`/api/${name}?theme=culture`), 200)).features)).toEqual(
      [mine.hit, mine.elsewhere].sort(),
    );
  });

  it('answers a bad or unknown filter with a 400 naming it, in the list and the downloads', async () => {
    for (const path of [`/api/${name}`, `/api/${name}.csv`, `/api/${name}.geojson`]) {
      expect((await json(await visitor.get(`${path}?theme=no-such-theme`), 400)).error.message).toMatch(/^theme: unknown theme/);
      expect((await json(await visitor.get(`${path}?bbox=1,2,3`), 400)).error.message).toMatch(/^bbox:/);
      expect((await json(await visitor.get(`${path}?area=999999999`), 400)).error.message).toMatch(/^area: unknown area/);
    }
  });

  it('pages the list by rows with stable counts', async () => {
    const first = await json(await visitor.get(`/api/${name}?theme=culture,youth&limit=2`), 200);
    const second = await json(await visitor.get(`/api/${name}?theme=culture,youth&limit=2&offset=2`), 200);
    expect(first).toMatchObject({ numberMatched: 3, numberReturned: 2, limit: 2 });
    expect(second).toMatchObject({ numberMatched: 3, numberReturned: 1, offset: 2 });
    expect([...idsOf(first.features), ...idsOf(second.features)].sort()).toEqual(Object.values(made[name]).sort());
  });
});
