/** GET /api/activities/clusters: cell counts for views that hold more than the map fetches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertActivity } from '../../server/src/activities/activities.repository.js';
import type { ActivityClusterCollection } from '../../server/src/contracts/activities.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };

/** Two tight groups ~8 km apart (Kamppi and Malmi), in two departments, and one park polygon. */
const KAMPPI: [number, number] = [24.931, 60.168];
const MALMI: [number, number] = [25.011, 60.251];
const CITY = '24.8,60.1,25.2,60.3';

const get = async (path: string) => {
  const res = await fetch(server.url + path);
  return { status: res.status, body: await res.json() };
};
const clusters = async (query: string) => {
  const r = await get(`/api/activities/clusters?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as ActivityClusterCollection;
};

beforeAll(async () => {
  db = await createTestDatabase();
  const add = (sourceId: string, department: string, geometry: object) =>
    upsertActivity(db.knex, {
      source: 'test',
      sourceId,
      department,
      kind: 'service',
      status: 'ongoing',
      titleFi: sourceId,
      themes: [],
      geometry,
    });
  for (let i = 0; i < 12; i++) {
    await add(`kamppi-${i}`, i % 2 ? 'kuva' : 'kymp', { type: 'Point', coordinates: [KAMPPI[0] + i * 0.0002, KAMPPI[1]] });
    await add(`malmi-${i}`, 'sote', { type: 'Point', coordinates: [MALMI[0], MALMI[1] + i * 0.0002] });
  }
  await add('malmi-park', 'kymp', {
    type: 'Polygon',
    coordinates: [
      [
        [25.0105, 60.2505],
        [25.0125, 60.2505],
        [25.0125, 60.2515],
        [25.0105, 60.2515],
        [25.0105, 60.2505],
      ],
    ],
  });
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('GET /api/activities/clusters', () => {
  it('counts every matching activity once, in one cell per group at city zoom', async () => {
    const c = await clusters(`bbox=${CITY}&zoom=10`);
    expect(c.features.map((f) => f.properties.count).sort((a, b) => a - b)).toEqual([12, 13]);
    const listed = await get(`/api/activities?bbox=${CITY}&limit=1`);
    expect(c.numberMatched).toBe(listed.body.numberMatched);
    // Each cell is drawn at the centre of its grid square (about 9 km at zoom 10), and its box holds its activities.
    const malmi = c.features.find((f) => f.properties.count === 13)!;
    const cellKm = ((2 * Math.PI * 6378.137) / 512 / 2 ** 10) * 60;
    const km = ([lon, lat]: number[], [lon0, lat0]: number[]) => [
      Math.abs(lon - lon0) * 111.32 * Math.cos((lat0 * Math.PI) / 180),
      Math.abs(lat - lat0) * 111.32,
    ];
    for (const d of km(malmi.geometry.coordinates, MALMI)) expect(d).toBeLessThan(cellKm);
    const [w, s, e, n] = malmi.properties.bbox;
    expect(MALMI[0]).toBeGreaterThanOrEqual(w);
    expect(MALMI[0]).toBeLessThanOrEqual(e);
    expect(MALMI[1]).toBeGreaterThanOrEqual(s);
    expect(MALMI[1]).toBeLessThanOrEqual(n);
  });

  it('never draws two cells closer than the grid: one per square, at its centre', async () => {
    for (const zoom of [10, 13, 16, 18]) {
      const c = await clusters(`bbox=${CITY}&zoom=${zoom}`);
      const cellM = ((2 * Math.PI * 6378137) / 512 / 2 ** zoom) * 60;
      const mercator = ([lon, lat]: number[]) => [
        (lon * Math.PI * 6378137) / 180,
        Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 6378137,
      ];
      const centres = c.features.map((f) => mercator(f.geometry.coordinates));
      for (const [i, a] of centres.entries()) {
        // The centre of a square: half a cell from its edges, to within the 6-decimal rounding.
        expect(Math.abs(((a[0] / cellM) % 1) - 0.5 * Math.sign(a[0]))).toBeLessThan(0.01);
        for (const b of centres.slice(i + 1)) {
          expect(Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]))).toBeGreaterThan(cellM * 0.99);
        }
      }
    }
  });

  it('breaks each cell down by department, and the breakdown adds up to its count', async () => {
    const c = await clusters(`bbox=${CITY}&zoom=10`);
    const byCount = Object.fromEntries(c.features.map((f) => [f.properties.count, f.properties.departments]));
    expect(byCount[12]).toEqual({ kuva: 6, kymp: 6 });
    expect(byCount[13]).toEqual({ kymp: 1, sote: 12 });
    const fine = await clusters(`bbox=${CITY}&zoom=18`);
    for (const f of fine.features) {
      expect(Object.values(f.properties.departments).reduce((a, b) => a + b, 0)).toBe(f.properties.count);
    }
  });

  it('splits into finer cells when zoomed in, still counting each activity once', async () => {
    const c = await clusters(`bbox=${CITY}&zoom=18`);
    expect(c.features.length).toBeGreaterThan(2);
    expect(c.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(25);
  });

  it('applies the same filters as the list', async () => {
    const c = await clusters(`bbox=${CITY}&zoom=10&department=kuva`);
    expect(c.features.map((f) => f.properties.count)).toEqual([6]);
    const west = await clusters(`bbox=24.9,60.15,24.95,60.2&zoom=10`);
    expect(west.features.map((f) => f.properties.count)).toEqual([12]);
  });

  it.each([
    ['zoom=10', 'bbox'],
    [`bbox=${CITY}`, 'zoom'],
    [`bbox=${CITY}&zoom=40`, 'zoom'],
    [`bbox=${CITY}&zoom=10&theme=no-such-theme`, 'theme'],
    [`bbox=${CITY}&zoom=10&colour=red`, 'colour'],
  ])('?%s → 400 naming %s', async (query, parameter) => {
    const r = await get(`/api/activities/clusters?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(parameter);
  });
});
