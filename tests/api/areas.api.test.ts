/** /api/areas, /api/areas/locate, /api/health, /api/config over HTTP, against the real PostGIS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAreas } from '../../server/src/areas/areas.service.js';
import { AREA_LEVELS, type AreaCollection, type LocateResponse } from '../../server/src/contracts/areas.js';
import { ErrorBody } from '../../server/src/contracts/common.js';
import { setLogLevel } from '../../server/src/log.js';
import { EXPECTED_COUNTS, expectedCounts } from '../../server/src/test-support/test-areas.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  setLogLevel('silent');
  db = await createTestDatabase();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const get = async (path: string) => {
  const res = await fetch(server.url + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
};

/** The 400 answer names the parameter that was wrong, in the one error shape. */
async function expectBadRequest(path: string, parameter: string): Promise<void> {
  const { status, body } = await get(path);
  expect(status, path).toBe(400);
  expect(ErrorBody.parse(body).error.code).toBe('invalid_request');
  expect(body.error.message, path).toContain(parameter);
}

function* positions(coordinates: unknown): Generator<number[]> {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') yield coordinates as number[];
  else if (Array.isArray(coordinates)) for (const c of coordinates) yield* positions(c);
}
const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;
/** Shoelace sum: positive for a counter-clockwise ring in lon/lat. */
const signedArea = (ring: number[][]) => ring.slice(1).reduce((sum, [x, y], i) => sum + (ring[i][0] * y - x * ring[i][1]), 0) / 2;

describe('district downloads (/api/areas.csv, /api/areas.geojson)', () => {
  it.each(AREA_LEVELS)('gives every %s as CSV rows with its area in km², and as GeoJSON', async (level) => {
    const count = expectedCounts(db.areasAreReal)[level];
    const csv = await fetch(`${server.url}/api/areas.csv?level=${level}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`districts-${level}.csv`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,level,code,fullCode,nameFi,nameSv,parentId,areaKm2,lon,lat,wkt');
    expect(lines).toHaveLength(count + 1);
    for (const line of lines.slice(1))
      expect(line).toMatch(new RegExp(`^\\d+,${level},.*,\\d+(\\.\\d+)?,2[45]\\.\\d+,60\\.\\d+,"MULTIPOLYGON`));

    const geo = await fetch(`${server.url}/api/areas.geojson?level=${level}`);
    expect(geo.headers.get('content-disposition')).toContain(`districts-${level}.geojson`);
    const fc = (await geo.json()) as AreaCollection;
    expect(fc.features).toHaveLength(count);
    expect(fc.features.every((f) => f.properties.level === level && f.geometry.type === 'MultiPolygon')).toBe(true);
  });

  it('areas add up: the major districts cover what their sub-districts cover', async () => {
    const total = async (level: string) => {
      const fc = (await (await fetch(`${server.url}/api/areas.geojson?level=${level}`)).json()) as AreaCollection;
      return fc.features.reduce((sum, f) => sum + (f.properties as unknown as { areaKm2: number }).areaKm2, 0);
    };
    const [major, minor] = [await total('suurpiiri'), await total('osa_alue')];
    expect(major).toBeGreaterThan(0);
    expect(Math.abs(major - minor) / major).toBeLessThan(0.01);
  });

  it('refuses an unknown or missing level with a 400 naming it', async () => {
    for (const path of ['/api/areas.csv?level=kunta', '/api/areas.geojson']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(400);
      expect(ErrorBody.parse(await res.json()).error.message).toContain('level');
    }
  });
});

describe('GET /api/areas?level=…', () => {
  it('answers compressed to a client that accepts gzip, and the same collection', async () => {
    const res = await fetch(`${server.url}/api/areas?level=osa_alue`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const fc = (await res.json()) as AreaCollection;
    expect(fc.features).toHaveLength(expectedCounts(db.areasAreReal).osa_alue);
  });

  it.each(AREA_LEVELS)('returns every %s as an RFC 7946 FeatureCollection', async (level) => {
    const { status, type, body } = await get(`/api/areas?level=${level}`);
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/geo\+json/);
    const fc = body as AreaCollection;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs'); // RFC 7946 §4: WGS 84 only, no crs member
    expect(fc.features).toHaveLength(expectedCounts(db.areasAreReal)[level]);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.properties.level).toBe(level);
      expect(f.id).toBe(f.properties.id);
      expect(f.geometry.type).toBe('MultiPolygon');
      for (const polygon of f.geometry.coordinates as number[][][][]) {
        for (const ring of polygon) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring.at(-1)).toEqual(ring[0]);
        }
      }
      for (const [lon, lat] of positions(f.geometry.coordinates)) {
        // [longitude, latitude] in that order, around Helsinki, at most 6 decimals (~0.1 m).
        expect(lon).toBeGreaterThan(24.4);
        expect(lon).toBeLessThan(25.4);
        expect(lat).toBeGreaterThan(59.9);
        expect(lat).toBeLessThan(60.4);
        expect(Math.max(decimals(lon), decimals(lat))).toBeLessThanOrEqual(6);
      }
    }
    if (level === 'suurpiiri') {
      expect(fc.features.map((f) => f.properties.nameFi)).toContain('Eteläinen');
    }
  });

  it('rounds the label point and bbox to 6 decimals too', async () => {
    const { body } = await get('/api/areas?level=peruspiiri');
    for (const f of (body as AreaCollection).features) {
      const numbers = [f.properties.labelLon, f.properties.labelLat, ...f.properties.bbox];
      expect(Math.max(...numbers.map(decimals))).toBeLessThanOrEqual(6);
    }
  });

  // RFC 7946 §3.1.6: exterior rings MUST be counter-clockwise, holes clockwise.
  it('winds exterior rings counter-clockwise (right-hand rule)', async () => {
    const { body } = await get('/api/areas?level=suurpiiri');
    const clockwise = (body as AreaCollection).features.filter((f) =>
      (f.geometry.coordinates as number[][][][]).some((polygon) => signedArea(polygon[0]) < 0),
    );
    expect(clockwise.map((f) => f.properties.nameFi)).toEqual([]);
  });

  it('rejects a missing or unknown level, naming it', async () => {
    await expectBadRequest('/api/areas', 'level');
    await expectBadRequest('/api/areas?level=kunta', 'level');
  });

  it('rejects an unknown parameter, naming it', async () => {
    await expectBadRequest('/api/areas?level=suurpiiri&colour=red', 'colour');
  });
});

describe('GET /api/areas/locate', () => {
  it('finds Helsinki Cathedral in Kruununhaka, Vironniemi, Eteläinen', async () => {
    const { status, body } = await get('/api/areas/locate?lon=24.9522&lat=60.1704');
    expect(status).toBe(200);
    const { point, areas } = body as LocateResponse;
    expect(point).toEqual({ lon: 24.9522, lat: 60.1704 });
    expect(areas.osa_alue).toMatchObject({ nameFi: 'Kruununhaka', level: 'osa_alue' });
    expect(areas.peruspiiri).toMatchObject({ nameFi: 'Vironniemi', level: 'peruspiiri' });
    expect(areas.suurpiiri).toMatchObject({ nameFi: 'Eteläinen', level: 'suurpiiri', parentId: null });
    expect(areas.osa_alue?.parentId).toBe(areas.peruspiiri?.id);
    expect(areas.peruspiiri?.parentId).toBe(areas.suurpiiri?.id);
  });

  it('answers 200 with every level null for a point outside the city (Tallinn)', async () => {
    const { status, body } = await get('/api/areas/locate?lon=24.7536&lat=59.4370');
    expect(status).toBe(200);
    expect((body as LocateResponse).areas).toEqual({ suurpiiri: null, peruspiiri: null, osa_alue: null });
  });

  it.each([
    ['/api/areas/locate?lat=60.17', 'lon'],
    ['/api/areas/locate?lon=24.95', 'lat'],
    ['/api/areas/locate?lon=&lat=60.17', 'lon'],
    ['/api/areas/locate?lon=abc&lat=60.17', 'lon'],
    ['/api/areas/locate?lon=24.95&lat=north', 'lat'],
    ['/api/areas/locate?lon=181&lat=60.17', 'lon'],
    ['/api/areas/locate?lon=24.95&lat=-91', 'lat'],
    ['/api/areas/locate?lon=24.95&lat=60.17&radius=5', 'radius'],
  ])('%s → 400 naming %s', async (path, parameter) => {
    await expectBadRequest(path, parameter);
  });
});

describe('GET /api/health', () => {
  it('reports the backend in use and the PostGIS version', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.backend).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.postgis).toMatch(/^3\.\d+/);
    const counts = expectedCounts(db.areasAreReal);
    expect(body.areas.count).toBe(counts.suurpiiri + counts.peruspiiri + counts.osa_alue);
    expect(body.areas.isFixture).toBe(!db.areasAreReal);
  });
});

describe('unknown API routes', () => {
  it('answer 404 in the one error shape', async () => {
    const { status, type, body } = await get('/api/no-such-thing');
    expect(status).toBe(404);
    expect(type).toMatch(/^application\/json/);
    expect(ErrorBody.parse(body)).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('/no-such-thing'), details: null },
    });
  });
});

describe('an app whose district source could not be reached', () => {
  let fallbackDb: TestDatabase;
  let fallback: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    fallbackDb = await createTestDatabase();
    await fallbackDb.knex('areas').delete();
    await fallbackDb.knex('data_imports').delete();
    await ensureAreas(fallbackDb.knex, 'http://127.0.0.1:9/wfs');
    fallback = await startTestServer(fallbackDb);
  });
  afterAll(async () => {
    await fallback?.close();
    await fallbackDb?.close();
  });

  it('runs on the offline fixture and tells the client so', async () => {
    const config = await (await fetch(`${fallback.url}/api/config`)).json();
    expect(config).toMatchObject({ areasFromFixture: true });
    const health = await (await fetch(`${fallback.url}/api/health`)).json();
    expect(health.areas).toMatchObject({ isFixture: true, count: 11 });
    const { features } = (await (await fetch(`${fallback.url}/api/areas?level=osa_alue`)).json()) as AreaCollection;
    expect(features).toHaveLength(EXPECTED_COUNTS.fixture.osa_alue);
  });
});
