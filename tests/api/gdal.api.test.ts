import { execFile, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OGC_MAX_LIMIT } from '../../server/src/contracts/ogc.js';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

/**
 * /ogc read by GDAL's own OGC API – Features client (the OAPIF driver of `ogrinfo`/`ogr2ogr`), as
 * a GIS user reads it: every collection with the downloads' properties, in EPSG:3067, paged at
 * the maximum `limit` of the OpenAPI document, and a `-where` sent to the server as a CQL2 filter.
 * Without GDAL the file is skipped, except in CI (.ci/run installs Debian's gdal-bin).
 */

const gdalVersion = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
const HAS_GDAL = gdalVersion.status === 0;
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
/** GDAL 3.7 added the driver's CRS open option (Part 2); before it, ogr2ogr -t_srs reprojects. */
const OAPIF_HAS_CRS = HAS_GDAL && /name="CRS"/.test(spawnSync('ogrinfo', ['--format', 'OAPIF'], { encoding: 'utf8' }).stdout);

const run = promisify(execFile);
const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const FAR: [number, number] = [24.9312, 60.1634];
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
/** The download each collection's properties must match. */
const DOWNLOADS: Record<string, string> = {
  activities: '/api/activities.geojson',
  ideas: '/api/ideas.geojson',
  'kehra-areas': '/api/kehra.geojson',
  'partnership-tables': '/api/partnership-tables.geojson',
  'budgeting-plans': '/api/budgeting/plans.geojson',
  'budgeting-results': '/api/budgeting/results.geojson',
  spaces: '/api/spaces.geojson',
  'areas-suurpiiri': '/api/areas.geojson?level=suurpiiri',
  'areas-peruspiiri': '/api/areas.geojson?level=peruspiiri',
  'areas-osa_alue': '/api/areas.geojson?level=osa_alue',
};

type Feature = { id: number | string; geometry: { coordinates: number[] }; properties: Record<string, unknown> };

let db: TestDatabase;
let server: TestServer;
let proxy: http.Server;
/** What GDAL asked the server for: every path with its query, in order. */
let requests: string[] = [];
let ogc: string;
let admin: TestAgent;
let visitor: TestAgent;
let festival: number;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return JSON.parse(text);
};

/** `ogr2ogr` of one collection to GeoJSON on stdout, with GDAL's own options. */
async function ogr2ogr(collection: string, ...options: string[]): Promise<{ features: Feature[] }> {
  const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', ...options, `OAPIF:${ogc}`, collection], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
const itemRequests = (collection: string) => requests.filter((r) => r.startsWith(`/ogc/collections/${collection}/items`));

if (!HAS_GDAL && !IN_CI) {
  describe('GDAL reads /ogc', () => {
    it.skip('skipped: GDAL is not installed (ogrinfo not found); apt-get install gdal-bin to run it', () => {});
  });
} else {
  describe('GDAL reads /ogc', () => {
    beforeAll(async () => {
      if (!HAS_GDAL) return;
      db = await createTestDatabase();
      server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
      // A real forwarding proxy in front of the app: it only writes down what GDAL asks for.
      const target = new URL(server.url);
      proxy = http.createServer((req, res) => {
        requests.push(req.url ?? '');
        const upstream = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      // GDAL rewrites links to the host it was given: the proxy's, so it keeps going through it.
      ogc = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/ogc`;

      admin = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['admin'] })));
      visitor = new TestAgent(server.url);
      const groupId = await createTestKehraGroup(db.knex, 'GDAL-testin Kehrä');
      for (const [i, place] of [CATHEDRAL, FAR].entries()) {
        const id = (
          await json(
            await admin.post('/api/activities', {
              department: 'kuva',
              kind: 'event',
              status: i === 0 ? 'planned' : 'ongoing',
              titleFi: i === 0 ? 'Kesäjuhla Tuomiokirkolla' : 'Syysmarkkinat',
              startsAt: '2030-06-01T15:00:00Z',
              geometry: { type: 'Point', coordinates: place },
            }),
            201,
          )
        ).id as number;
        if (i === 0) festival = id;
        await json(
          await visitor.post('/api/ideas', {
            title: `Idea ${i}`,
            description: 'Penkkejä puistoon, kiitos.',
            themes: ['culture'],
            geometry: { type: 'Point', coordinates: place },
          }),
          201,
        );
        await json(
          await admin.post(`/api/kehra/groups/${groupId}/areas`, {
            name: `Alue ${i}`,
            themes: ['culture'],
            status: 'idea',
            geometry: square(place),
          }),
          201,
        );
        await json(
          await admin.post('/api/partnership-tables', {
            name: `Pöytä ${i}`,
            convener: 'Kulttuurin toimiala',
            themes: ['culture'],
            geometry: square(place),
            meetingPlace: { lon: place[0], lat: place[1] },
          }),
          201,
        );
      }
    });
    afterAll(async () => {
      await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
      await server?.close();
      await db?.close();
    });

    it('is installed (CI installs gdal-bin)', () => {
      expect(HAS_GDAL, 'GDAL is missing: .ci/run installs Debian’s gdal-bin; ogrinfo was not found').toBe(true);
    });

    it.skipIf(!HAS_GDAL)('lists every collection as a layer', async () => {
      const { stdout } = await run('ogrinfo', ['-ro', '-q', `OAPIF:${ogc}`]);
      for (const id of Object.keys(DOWNLOADS)) expect(stdout, id).toMatch(new RegExp(`^\\d+: ${id} `, 'm'));
    });

    it.skipIf(!HAS_GDAL).each(Object.keys(DOWNLOADS))('reads %s with the properties of its download', async (collection) => {
      const download = await json(await visitor.get(DOWNLOADS[collection]), 200);
      const read = await ogr2ogr(collection);
      expect(read.features.length, collection).toBe(download.features.length);
      const names = (fs: Feature[]) => [...new Set(fs.flatMap((f) => Object.keys(f.properties)))].sort();
      expect(names(read.features)).toEqual(names(download.features));
      if (collection === 'activities') {
        const f = read.features.find((x) => x.properties.id === festival)!;
        expect(f.properties.titleFi).toBe('Kesäjuhla Tuomiokirkolla');
        expect(f.geometry.coordinates).toEqual(CATHEDRAL);
      }
    });

    it.skipIf(!HAS_GDAL)('reads a collection in EPSG:3067: metres that match ST_Transform', async () => {
      requests = [];
      // GDAL 3.7+ asks the server (crs=…EPSG/0/3067); older GDAL (Debian 12 has 3.6) reprojects itself.
      const read = await ogr2ogr('activities', ...(OAPIF_HAS_CRS ? ['-oo', 'CRS=EPSG:3067'] : ['-t_srs', 'EPSG:3067']));
      if (OAPIF_HAS_CRS)
        expect(
          itemRequests('activities').some((r) =>
            decodeURIComponent(r).includes('crs=http://www.opengis.net/def/crs/EPSG/0/3067'),
          ),
        ).toBe(true);
      const [want] = (
        await db.knex.raw(
          'SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT ST_Transform(geom, 3067) AS g FROM activities WHERE id = ?) t',
          [festival],
        )
      ).rows as { x: number; y: number }[];
      const [x, y] = read.features.find((f) => f.properties.id === festival)!.geometry.coordinates;
      expect(x).toBeGreaterThan(380_000);
      expect(Math.abs(x - want.x)).toBeLessThan(0.1);
      expect(Math.abs(y - want.y)).toBeLessThan(0.1);
    });

    it.skipIf(!HAS_GDAL)(`pages at the maximum limit (${OGC_MAX_LIMIT}) the OpenAPI document gives`, async () => {
      const doc = await json(await visitor.get('/ogc/api'), 200);
      const limitParam = doc.paths['/collections/{collectionId}/items'].get.parameters.find(
        (p: { name: string }) => p.name === 'limit',
      );
      const maximum = limitParam.schema.maximum as number;
      expect(maximum).toBe(OGC_MAX_LIMIT);
      const matched = (await json(await visitor.get('/ogc/collections/areas-osa_alue/items?limit=1'), 200))
        .numberMatched as number;
      expect(matched).toBeGreaterThan(10);
      requests = [];
      // GDAL 3.6 starts at 10 a page whatever the document says; PAGE_SIZE gives it the document's maximum.
      const read = await ogr2ogr('areas-osa_alue', '-oo', `PAGE_SIZE=${maximum}`);
      expect(read.features.length).toBe(matched);
      const asked = itemRequests('areas-osa_alue').map((r) => new URL(r, 'http://x').searchParams);
      console.info(`GDAL's item requests for areas-osa_alue: ${itemRequests('areas-osa_alue').join(' ')}`);
      // Every page at the maximum and none past the first: the server took it and answered whole.
      expect(asked.length).toBeGreaterThan(0);
      for (const q of asked) {
        expect(q.get('limit')).toBe(String(maximum));
        expect(q.get('offset') ?? '0').toBe('0');
      }
    });

    it.skipIf(!HAS_GDAL)('sends -where to the server as a CQL2 text filter', async () => {
      requests = [];
      const read = await ogr2ogr('activities', '-where', "status = 'planned'");
      expect(read.features.map((f) => f.properties.id)).toEqual([festival]);
      const filters = itemRequests('activities')
        .map((r) => new URL(r, 'http://x').searchParams.get('filter'))
        .filter(Boolean);
      console.info(`GDAL's filters: ${filters.join(' | ')}`);
      expect(filters.some((f) => /status\s*=\s*'planned'/.test(f!))).toBe(true);
      // GDAL 3.6 names CQL2 text by its draft name, cql-text; 3.7+ sends cql2-text. The server reads both.
      expect(itemRequests('activities').some((r) => /filter-lang=cql2?-text/.test(r))).toBe(true);
    });
  });
}
