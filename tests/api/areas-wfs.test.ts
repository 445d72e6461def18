/**
 * The districts importer's WFS path, against a local server that answers like the City's
 * GeoServer (GetFeature, GeoJSON in EPSG:4326) with the project's own hand-drawn districts:
 * what it asks for, what it imports, that a re-import changes nothing, and that a failing layer
 * leaves the districts as they were.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WFS_LAYERS } from '../../server/src/areas/area-sources.js';
import { importAreasFrom, OFFLINE_FIXTURE_DIR } from '../../server/src/areas/areas.service.js';
import { AREA_LEVELS, type AreaLevel } from '../../server/src/contracts/areas.js';
import { setLogLevel } from '../../server/src/log.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';

interface Feature {
  type: 'Feature';
  properties: Record<string, string>;
  geometry: unknown;
}
const read = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(OFFLINE_FIXTURE_DIR, file), 'utf8')) as { features: Feature[] };
const DISTRICTS = read('districts.geojson').features;
const LAND = read('land.geojson');
const ALUEJAKO: Record<AreaLevel, string> = { suurpiiri: 'SUURPIIRI', peruspiiri: 'PERUSPIIRI', osa_alue: 'OSA-ALUE' };
const fixtureCount = (level: AreaLevel) => DISTRICTS.filter((f) => f.properties.aluejako === ALUEJAKO[level]).length;

let db: TestDatabase;
let server: http.Server;
let base = '';
const requests: URLSearchParams[] = [];
/** A layer that answers 500, to see a failed import change nothing. */
let broken: string | null = null;

/** GeoServer's GeoJSON: a FeatureCollection with counts and a crs member, ids "<layer>.<n>". */
function getFeature(q: URLSearchParams): { status: number; body: unknown } {
  const layer = q.get('typeName') ?? '';
  const level = (Object.entries(WFS_LAYERS) as [AreaLevel, string][]).find(([, l]) => l === layer)?.[0];
  if (q.get('request') !== 'GetFeature' || !level) return { status: 400, body: { error: 'unknown layer' } };
  if (layer === broken) return { status: 500, body: { error: 'internal' } };
  const features = DISTRICTS.filter((f) => f.properties.aluejako === ALUEJAKO[level]).map((f, i) => ({
    ...f,
    id: `${layer.split(':')[1]}.${i + 1}`,
    geometry_name: 'geom',
    properties: { id: i + 1, ...f.properties },
  }));
  return {
    status: 200,
    body: {
      type: 'FeatureCollection',
      features,
      totalFeatures: features.length,
      numberMatched: features.length,
      numberReturned: features.length,
      timeStamp: '2026-12-01T00:00:00.000Z',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } },
    },
  };
}

const counts = async () => {
  const { rows } = await db.knex.raw(`SELECT level, count(*)::int AS n FROM areas GROUP BY level`);
  return Object.fromEntries((rows as { level: AreaLevel; n: number }[]).map((r) => [r.level, r.n]));
};

beforeAll(async () => {
  setLogLevel('silent');
  db = await createTestDatabase();
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const answer =
      url.pathname === '/land'
        ? { status: 200, body: LAND }
        : url.pathname === '/wfs'
          ? getFeature(url.searchParams)
          : { status: 404, body: {} };
    if (url.pathname === '/wfs') requests.push(url.searchParams);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  // The client must be the side that drops idle keep-alive sockets (as in test-server.ts): the
  // import keeps the event loop busy in PGlite long enough for the server's 5 s timer to race a reuse.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

describe('importing districts from a WFS', () => {
  it('asks each division layer as GeoJSON in WGS 84 and imports every district with its parents', async () => {
    requests.length = 0;
    const summary = await importAreasFrom(db.knex, `${base}/wfs`, { landUrl: `${base}/land` });
    expect(requests.map((q) => q.get('typeName'))).toEqual(Object.values(WFS_LAYERS));
    for (const q of requests) {
      expect(q.get('service')).toBe('WFS');
      expect(q.get('outputFormat')).toBe('application/json');
      expect(q.get('srsName')).toBe('EPSG:4326');
    }
    for (const level of AREA_LEVELS) expect(summary.levels[level]?.imported).toBe(fixtureCount(level));
    expect(summary.rejected).toEqual([]);
    expect(summary.landPolygons).toBe(LAND.features.length);
    expect(await counts()).toEqual(Object.fromEntries(AREA_LEVELS.map((l) => [l, fixtureCount(l)])));
    // Parents from the full code: every peruspiiri and osa-alue hangs under the level above.
    const { rows } = await db.knex.raw(
      `SELECT count(*)::int AS n FROM areas c LEFT JOIN areas p ON p.id = c.parent_id
        WHERE c.level <> 'suurpiiri' AND (p.id IS NULL OR p.level = c.level)`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('changes nothing when imported again: same districts, same ids', async () => {
    const before = (await db.knex.raw(`SELECT id, level, code FROM areas ORDER BY id`)).rows;
    await importAreasFrom(db.knex, `${base}/wfs`, { landUrl: `${base}/land` });
    expect((await db.knex.raw(`SELECT id, level, code FROM areas ORDER BY id`)).rows).toEqual(before);
  });

  it('a layer that fails stops the import with the URL in the message, and the districts stay', async () => {
    const before = await counts();
    broken = WFS_LAYERS.osa_alue;
    try {
      await expect(importAreasFrom(db.knex, `${base}/wfs`, { landUrl: `${base}/land` })).rejects.toThrow(
        /Piirijako_osaalue.*HTTP 500/,
      );
    } finally {
      broken = null;
    }
    expect(await counts()).toEqual(before);
  });
});
