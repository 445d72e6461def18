import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_CSV_COLUMNS } from '../../server/src/contracts/activities.js';
import { ErrorBody } from '../../server/src/contracts/common.js';
import {
  OGC_MAX_LIMIT,
  OgcCollectionInfo,
  OgcCollections,
  OgcFeature,
  OgcFeatureCollection,
  OgcLanding,
} from '../../server/src/contracts/ogc.js';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

/**
 * The open data any client reads: other sites' pages (CORS), spreadsheets (CSV with a BOM and `;`),
 * GIS tools (OpenAPI, licence, winding, datetime) — through the one mechanism every dataset uses.
 */

const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const BBOX = '24.94,60.16,24.96,60.18';
const LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

/** A square drawn clockwise (as a user may draw it): east along the top first. */
const clockwiseSquare = ([lon, lat]: [number, number], d = 0.002) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - d, lat + d / 2],
      [lon + d, lat + d / 2],
      [lon + d, lat - d / 2],
      [lon - d, lat - d / 2],
      [lon - d, lat + d / 2],
    ],
  ],
});
/** Shoelace sum: positive for a counter-clockwise ring in lon/lat. */
const signedArea = (ring: number[][]) => ring.slice(1).reduce((sum, [x, y], i) => sum + (ring[i][0] * y - x * ring[i][1]), 0) / 2;

/** Cells as a spreadsheet reads them: the BOM says UTF-8, quotes keep separators and newlines inside a cell. */
function readSpreadsheet(bytes: Uint8Array, delimiter: string): string[][] {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(hasBom ? bytes.slice(3) : bytes);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

let db: TestDatabase;
let server: TestServer;
let admin: TestAgent;
let visitor: TestAgent;
let dated: number;
let undated: number;
let drawnClockwise: number;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  admin = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['admin'] })));
  visitor = new TestAgent(server.url);
  const activity = async (body: object) =>
    (
      await json(
        await admin.post('/api/activities', {
          department: 'kuva',
          kind: 'event',
          status: 'planned',
          geometry: { type: 'Point', coordinates: CATHEDRAL },
          ...body,
        }),
        201,
      )
    ).id as number;
  dated = await activity({
    titleFi: 'Kesäjuhla; puistossa',
    descriptionFi: 'Rivi yksi,\nrivi kaksi',
    url: 'https://example.test/juhla',
    startsAt: '2030-06-01T15:00:00Z',
    endsAt: '2030-06-01T18:00:00Z',
  });
  undated = await activity({ titleFi: 'Jatkuva palvelu' });
  const groupId = await createTestKehraGroup(db.knex, 'Avoimen datan Kehrä');
  drawnClockwise = (
    await json(
      await admin.post(`/api/kehra/groups/${groupId}/areas`, {
        name: 'Myötäpäivään piirretty',
        themes: ['culture'],
        status: 'idea',
        geometry: clockwiseSquare(CATHEDRAL),
      }),
      201,
    )
  ).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('CORS: open data for any site, never the signed-in API', () => {
  const OPEN = [
    '/ogc',
    '/ogc/collections',
    '/ogc/collections/activities/items',
    '/ogc/api',
    '/api/activities.geojson',
    '/api/activities.csv',
    '/api/kehra.csv',
    '/api/areas.geojson?level=suurpiiri',
    '/api/areas/statistics.csv?level=suurpiiri',
    '/tiles/activities.json',
  ];
  it.each(OPEN)('%s answers another site with Access-Control-Allow-Origin *', async (path) => {
    const res = await fetch(`${server.url}${path}`, { headers: { Origin: 'https://kartta.example.org' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    await res.arrayBuffer();
  });

  it('answers a preflight on /ogc and the downloads', async () => {
    for (const path of ['/ogc/collections/activities/items', '/api/activities.geojson']) {
      const res = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://kartta.example.org', 'Access-Control-Request-Method': 'GET' },
      });
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    }
  });

  it.each(['/api/auth/me', '/api/activities', `/api/activities/1`, '/api/departments'])(
    '%s gives another site nothing to read',
    async (path) => {
      const res = await fetch(`${server.url}${path}`, { headers: { Origin: 'https://kartta.example.org' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      await res.arrayBuffer();
    },
  );
});

describe('CSV for spreadsheets', () => {
  it('starts with a UTF-8 BOM, comma-separated by default', async () => {
    const res = await visitor.get(`/api/activities.csv?bbox=${BBOX}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readSpreadsheet(bytes, ',');
    expect(rows[0]).toEqual([...ACTIVITY_CSV_COLUMNS]);
  });

  it('reads with ?delimiter=semicolon into the columns, as Finnish Excel opens it', async () => {
    const res = await visitor.get(`/api/activities.csv?bbox=${BBOX}&delimiter=semicolon`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = readSpreadsheet(new Uint8Array(await res.arrayBuffer()), ';');
    const [header, ...body] = rows;
    expect(header).toEqual([...ACTIVITY_CSV_COLUMNS]);
    const byId = new Map(body.map((r) => [Number(r[0]), Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    expect([...byId.keys()].sort()).toEqual([dated, undated].sort());
    expect(body.every((r) => r.length === header.length)).toBe(true);
    const row = byId.get(dated)!;
    // ä survives, and a ';' or a newline inside a value stays inside its cell.
    expect(row.titleFi).toBe('Kesäjuhla; puistossa');
    expect(row.descriptionFi).toBe('Rivi yksi,\nrivi kaksi');
    // Numbers keep the decimal point (README "Open data").
    expect(row.lon).toBe(String(CATHEDRAL[0]));
  });

  it('takes the delimiter on every CSV download, and answers an unknown one with a 400 naming it', async () => {
    for (const path of [
      '/api/kehra.csv',
      '/api/areas.csv?level=suurpiiri',
      '/api/areas/statistics.csv?level=suurpiiri',
      '/api/activities?format=csv',
    ]) {
      const res = await visitor.get(`${path}${path.includes('?') ? '&' : '?'}delimiter=semicolon`);
      expect(res.status, path).toBe(200);
      expect((await res.text()).split('\r\n')[0]).toMatch(/^id;/);
      const bad = await json(await visitor.get(`${path}${path.includes('?') ? '&' : '?'}delimiter=tab`), 400);
      expect(ErrorBody.parse(bad).error.message).toMatch(/^delimiter: /);
    }
    // Not a GeoJSON parameter.
    expect((await json(await visitor.get('/api/activities.geojson?delimiter=semicolon'), 400)).error.message).toContain(
      'delimiter',
    );
  });
});

describe('RFC 7946 winding', () => {
  type Geometry = { type: string; coordinates: number[][][] | number[][][][] };
  const exteriorsOf = (g: Geometry) =>
    g.type === 'Polygon' ? [(g.coordinates as number[][][])[0]] : (g.coordinates as number[][][][]).map((p) => p[0]);

  it('writes a polygon drawn clockwise counter-clockwise, in every output', async () => {
    // Stored as drawn: the outputs, not the input, turn it.
    const [stored] = (await db.knex.raw('SELECT ST_IsPolygonCW(geom) AS cw FROM kehra_dev_areas WHERE id = ?', [drawnClockwise]))
      .rows;
    expect(stored.cw).toBe(true);
    const find = (fc: { features: { id: number; geometry: Geometry }[] }) =>
      fc.features.find((x) => x.id === drawnClockwise)!.geometry;
    const geometries: Geometry[] = [
      find(await json(await visitor.get(`/api/kehra?bbox=${BBOX}`), 200)),
      find(await json(await visitor.get(`/api/kehra.geojson?bbox=${BBOX}`), 200)),
      find(await json(await visitor.get(`/ogc/collections/kehra-areas/items?bbox=${BBOX}`), 200)),
      (await json(await visitor.get(`/ogc/collections/kehra-areas/items/${drawnClockwise}`), 200)).geometry,
      (await json(await visitor.get(`/api/kehra/areas/${drawnClockwise}`), 200)).geometry,
    ];
    for (const g of geometries) {
      expect(g.type).toMatch(/Polygon$/);
      for (const ring of exteriorsOf(g)) expect(signedArea(ring)).toBeGreaterThan(0);
    }
  });

  it('writes district polygons counter-clockwise too', async () => {
    const fc = await json(await visitor.get('/api/areas.geojson?level=suurpiiri'), 200);
    for (const f of fc.features as { geometry: { coordinates: number[][][][] } }[])
      for (const polygon of f.geometry.coordinates) expect(signedArea(polygon[0])).toBeGreaterThan(0);
  });
});

describe('OGC API – Features Part 2: EPSG:3067 and EPSG:3879', () => {
  const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;
  const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
  /** The cathedral's point as PostGIS transforms it, [x, y] as ST_Transform gives it (easting, northing). */
  const transformed = async (srid: number): Promise<[number, number]> => {
    const [r] = (
      await db.knex.raw(
        'SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT ST_Transform(geom, ?::int) AS g FROM activities WHERE id = ?) t',
        [srid, dated],
      )
    ).rows;
    return [r.x, r.y];
  };
  const itemsIn = (cid: string, query: string) => visitor.get(`/ogc/collections/${cid}/items?${query}`);

  it('lists the CRSs in every collection and says so in /conformance', async () => {
    const { collections } = OgcCollections.parse(await json(await visitor.get('/ogc/collections'), 200));
    for (const c of collections) {
      expect(c.crs, c.id).toEqual([CRS84_URI, EPSG(3067), EPSG(3879)]);
      expect(c.storageCrs, c.id).toBe(CRS84_URI);
    }
    const { conformsTo } = await json(await visitor.get('/ogc/conformance'), 200);
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
  });

  it('writes EPSG:3067 as easting, northing in metres, matching ST_Transform', async () => {
    const res = await itemsIn('activities', `bbox=${BBOX}&crs=${encodeURIComponent(EPSG(3067))}`);
    expect(res.headers.get('content-crs')).toBe(`<${EPSG(3067)}>`);
    const f = (await json(res, 200)).features.find((x: { id: number }) => x.id === dated);
    const [e, n] = await transformed(3067);
    expect(e).toBeCloseTo(386378.6, 0);
    expect(f.geometry.coordinates[0]).toBeCloseTo(e, 1);
    expect(f.geometry.coordinates[1]).toBeCloseTo(n, 1);
    // Same properties as in CRS84.
    const plain = OgcFeature.parse(await json(await visitor.get(`/ogc/collections/activities/items/${dated}`), 200));
    expect(f.properties).toEqual(plain.properties);
  });

  it('writes EPSG:3879 northing first, as EPSG defines it, also for one feature', async () => {
    const res = await visitor.get(`/ogc/collections/activities/items/${dated}?crs=${encodeURIComponent(EPSG(3879))}`);
    expect(res.headers.get('content-crs')).toBe(`<${EPSG(3879)}>`);
    const f = await json(res, 200);
    const [e, n] = await transformed(3879);
    expect(e).toBeGreaterThan(25_000_000);
    expect(f.geometry.coordinates[0]).toBeCloseTo(n, 1);
    expect(f.geometry.coordinates[1]).toBeCloseTo(e, 1);
    expect(f.links.find((l: { rel: string }) => l.rel === 'self').href).toContain(`crs=${encodeURIComponent(EPSG(3879))}`);
    // CRS84 by default, and named.
    const plain = await visitor.get(`/ogc/collections/activities/items/${dated}`);
    expect(plain.headers.get('content-crs')).toBe(`<${CRS84_URI}>`);
    expect((await json(plain, 200)).geometry.coordinates).toEqual(CATHEDRAL);
  });

  it('transforms the districts too, and keeps every polygon counter-clockwise on the ground', async () => {
    for (const [code, eastNorth] of [
      [3067, (p: number[]) => p],
      [3879, (p: number[]) => [p[1], p[0]]],
    ] as const) {
      const fc = await json(await itemsIn('areas-suurpiiri', `crs=${encodeURIComponent(EPSG(code))}`), 200);
      expect(fc.features.length).toBeGreaterThan(0);
      for (const f of fc.features as { geometry: { type: string; coordinates: number[][][][] } }[])
        for (const polygon of f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates as unknown as number[][][]]
          : f.geometry.coordinates)
          expect(signedArea(polygon[0].map(eastNorth)), `EPSG:${code}`).toBeGreaterThan(0);
      const kehra = await json(await itemsIn('kehra-areas', `bbox=${BBOX}&crs=${encodeURIComponent(EPSG(code))}`), 200);
      const drawn = kehra.features.find((f: { id: number }) => f.id === drawnClockwise);
      const rings =
        drawn.geometry.type === 'Polygon'
          ? [drawn.geometry.coordinates[0]]
          : drawn.geometry.coordinates.map((p: number[][][]) => p[0]);
      for (const ring of rings as number[][][]) expect(signedArea(ring.map(eastNorth)), `EPSG:${code}`).toBeGreaterThan(0);
    }
  });

  it('reads bbox in bbox-crs, its corners in that CRS’s axis order', async () => {
    const [e, n] = await transformed(3067);
    const around = (d: number) => [e - d, n - d, e + d, n + d].join(',');
    const ids = async (q: string) => (await json(await itemsIn('activities', q), 200)).features.map((f: { id: number }) => f.id);
    expect(await ids(`bbox=${around(100)}&bbox-crs=${encodeURIComponent(EPSG(3067))}`)).toEqual(
      expect.arrayContaining([dated, undated]),
    );
    expect(
      await ids(`bbox=${[e + 500, n + 500, e + 900, n + 900].join(',')}&bbox-crs=${encodeURIComponent(EPSG(3067))}`),
    ).toEqual([]);
    const [ge, gn] = await transformed(3879);
    expect(
      await ids(`bbox=${[gn - 100, ge - 100, gn + 100, ge + 100].join(',')}&bbox-crs=${encodeURIComponent(EPSG(3879))}`),
    ).toEqual(expect.arrayContaining([dated, undated]));
    // The next page keeps both CRSs.
    const paged = await json(
      await itemsIn(
        'activities',
        `bbox=${around(100)}&bbox-crs=${encodeURIComponent(EPSG(3067))}&crs=${encodeURIComponent(EPSG(3067))}&limit=1`,
      ),
      200,
    );
    const next = new URL(paged.links.find((l: { rel: string }) => l.rel === 'next').href);
    expect(next.searchParams.get('bbox-crs')).toBe(EPSG(3067));
    expect(next.searchParams.get('crs')).toBe(EPSG(3067));
  });

  it('answers an unknown crs or bbox-crs with a 400 naming it, and degrees are still checked', async () => {
    for (const [q, name] of [
      ['crs=EPSG:3067', 'crs'],
      [`crs=${encodeURIComponent(EPSG(2393))}`, 'crs'],
      [`bbox=${BBOX}&bbox-crs=${encodeURIComponent(EPSG(4326))}`, 'bbox-crs'],
      [`bbox-crs=${encodeURIComponent(EPSG(3067))}`, 'bbox-crs'],
      ['bbox=386000,6671000,387000,6673000', 'bbox'],
    ]) {
      const body = ErrorBody.parse(await json(await itemsIn('activities', q), 400));
      expect(body.error.message, q).toMatch(new RegExp(`^${name}: `));
    }
    const one = await json(await visitor.get(`/ogc/collections/activities/items/${dated}?crs=x`), 400);
    expect(one.error.message).toMatch(/^crs: must be one of|^crs: /);
  });

  it('describes crs and bbox-crs in the OpenAPI document', async () => {
    const doc = await json(await visitor.get('/ogc/api'), 200);
    for (const path of ['/collections/{collectionId}/items', '/collections/{collectionId}/items/{featureId}']) {
      const crs = doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'crs');
      expect(crs.schema.enum, path).toEqual([CRS84_URI, EPSG(3067), EPSG(3879)]);
    }
    const items = doc.paths['/collections/{collectionId}/items'].get.parameters;
    expect(items.find((p: { name: string }) => p.name === 'bbox-crs').schema.enum).toContain(EPSG(3879));
    const ok = doc.paths['/collections/{collectionId}/items'].get.responses['200'];
    expect(ok.headers['Content-Crs'].schema.enum).toContain(`<${EPSG(3067)}>`);
  });
});

describe('licence and attribution', () => {
  it('is inside every GeoJSON download and on every download’s Link header', async () => {
    for (const path of ['/api/activities.geojson', '/api/kehra.geojson', '/api/areas.geojson?level=suurpiiri']) {
      const res = await visitor.get(path);
      expect(res.headers.get('link'), path).toContain(`<${LICENSE}>; rel="license"`);
      const body = await json(res, 200);
      expect(body.license.href).toBe(LICENSE);
      expect(body.attribution).toMatch(/City of Helsinki/);
    }
    for (const path of ['/api/activities.csv', '/api/areas.csv?level=suurpiiri', '/api/areas/statistics.csv?level=suurpiiri']) {
      const res = await visitor.get(path);
      expect(res.headers.get('link'), path).toContain(`<${LICENSE}>; rel="license"`);
      await res.arrayBuffer();
    }
  });

  it('is on the OGC landing page and in every collection', async () => {
    const landing = OgcLanding.parse(await json(await visitor.get('/ogc'), 200));
    expect(landing.links.find((l) => l.rel === 'license')?.href).toBe(LICENSE);
    expect(landing.attribution).toMatch(/Linked Events/);
    const { collections } = OgcCollections.parse(await json(await visitor.get('/ogc/collections'), 200));
    for (const c of collections) {
      expect(c.links.find((l) => l.rel === 'license')?.href, c.id).toBe(LICENSE);
      expect(c.attribution).toMatch(/CC BY 4.0/);
    }
  });
});

describe('OGC items carry the downloads’ properties', () => {
  it.each([
    ['activities', 'activities'],
    ['kehra-areas', 'kehra'],
    ['ideas', 'ideas'],
    ['partnership-tables', 'partnership-tables'],
    ['budgeting-plans', 'budgeting/plans'],
    ['budgeting-results', 'budgeting/results'],
    ['spaces', 'spaces'],
  ])('%s: the same properties as /api/%s.geojson', async (cid, path) => {
    const download = await json(await visitor.get(`/api/${path}.geojson`), 200);
    const items = OgcFeatureCollection.parse(await json(await visitor.get(`/ogc/collections/${cid}/items?limit=1000`), 200));
    const byId = new Map(items.features.map((f) => [f.id, f.properties]));
    for (const f of download.features) expect(byId.get(f.id), `${cid} ${f.id}`).toEqual(f.properties);
  });

  it('gives an activity its source ids, descriptions and url, to join to Service Map or Linked Events', async () => {
    const f = OgcFeature.parse(await json(await visitor.get(`/ogc/collections/activities/items/${dated}`), 200));
    expect(f.properties).toMatchObject({ descriptionFi: 'Rivi yksi,\nrivi kaksi', url: 'https://example.test/juhla' });
    expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['source', 'sourceId', 'descriptionSv', 'descriptionEn']));
  });
});

describe('the OpenAPI document', () => {
  it('says how to page, filter and what errors look like', async () => {
    const doc = await json(await visitor.get('/ogc/api'), 200);
    expect(doc.openapi).toMatch(/^3\.0\./);
    const items = doc.paths['/collections/{collectionId}/items'].get;
    const param = (name: string) => items.parameters.find((p: { name: string }) => p.name === name);
    expect(param('limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: OGC_MAX_LIMIT });
    expect(param('bbox')).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', minItems: 4, items: { type: 'number' } },
    });
    expect(param('theme')).toMatchObject({ style: 'form', explode: false, schema: { type: 'array' } });
    expect(param('datetime').description).toMatch(/no date at all are left out/);
    expect(param('collectionId').schema.enum).toEqual(expect.arrayContaining(['activities', 'areas-suurpiiri']));
    // Every $ref resolves, and every operation names its errors.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const [, , section, name] = r.slice(8, -1).split('/');
      expect(doc.components[section][name], r).toBeDefined();
    }
    for (const [path, ops] of Object.entries(doc.paths as Record<string, { get: { responses: Record<string, unknown> } }>)) {
      expect(ops.get.responses['400'], path).toEqual({ $ref: '#/components/responses/BadRequest' });
      if (path.includes('{collectionId}')) expect(ops.get.responses['404'], path).toBeDefined();
    }
    expect(items.responses['200'].content['application/geo+json'].schema).toEqual({
      $ref: '#/components/schemas/FeatureCollection',
    });
    expect(doc.components.schemas.FeatureCollection.required).toEqual(
      expect.arrayContaining(['type', 'numberMatched', 'numberReturned', 'features']),
    );
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'details']);
  });

  it('describes what the server answers: the bodies parse with the contracts it is generated from', async () => {
    OgcCollectionInfo.parse(await json(await visitor.get('/ogc/collections/activities'), 200));
    OgcFeatureCollection.parse(await json(await visitor.get(`/ogc/collections/areas-suurpiiri/items?limit=2`), 200));
    ErrorBody.parse(await json(await visitor.get('/ogc/collections/activities/items?limit=0'), 400));
    ErrorBody.parse(await json(await visitor.get('/ogc/collections/nothing'), 404));
  });

  it('pages at the maximum limit GDAL reads from the document', async () => {
    const page = await json(await visitor.get(`/ogc/collections/areas-osa_alue/items?limit=${OGC_MAX_LIMIT}`), 200);
    expect(page.numberReturned).toBe(page.numberMatched);
    expect(page.links.find((l: { rel: string }) => l.rel === 'next')).toBeUndefined();
  });
});

describe('datetime', () => {
  const idsAt = async (datetime: string) =>
    (
      await json(
        await visitor.get(`/ogc/collections/activities/items?bbox=${BBOX}&datetime=${encodeURIComponent(datetime)}`),
        200,
      )
    ).features.map((f: { id: number }) => f.id);

  it('leaves undated items out whenever it is given, and keeps them without it', async () => {
    expect(await idsAt('2030-06-01T16:00:00Z')).toEqual([dated]);
    expect(await idsAt('2030-01-01T00:00:00Z/..')).toEqual([dated]);
    expect(await idsAt('../2029-01-01T00:00:00Z')).toEqual([]);
    const all = await json(await visitor.get(`/ogc/collections/activities/items?bbox=${BBOX}`), 200);
    expect(all.features.map((f: { id: number }) => f.id).sort()).toEqual([dated, undated].sort());
  });
});

describe('queryables and CQL2 filters', () => {
  const items = (cid: string, filter: string, extra = '') =>
    visitor.get(`/ogc/collections/${cid}/items?filter-lang=cql2-text&filter=${encodeURIComponent(filter)}${extra}`);

  it('lists each collection’s queryables as JSON Schema, linked from the collection', async () => {
    const c = OgcCollectionInfo.parse(await json(await visitor.get('/ogc/collections/activities'), 200));
    const link = c.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables')!;
    const res = await fetch(link.href);
    expect(res.headers.get('content-type')).toContain('application/schema+json');
    const schema = await json(res, 200);
    expect(schema).toMatchObject({ type: 'object', $id: link.href });
    expect(schema.properties.startsAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(schema.properties.status.enum).toContain('planned');
    expect(
      Object.keys((await json(await visitor.get('/ogc/collections/areas-peruspiiri/queryables'), 200)).properties),
    ).toContain('nameFi');
  });

  it('filters with comparisons joined by AND, on properties and times', async () => {
    const ids = async (filter: string) =>
      (await json(await items('activities', filter, `&bbox=${BBOX}`), 200)).features.map((f: { id: number }) => f.id);
    expect(await ids(`titleFi = 'Jatkuva palvelu'`)).toEqual([undated]);
    expect(await ids(`status = 'planned' AND startsAt >= TIMESTAMP('2030-06-01T00:00:00Z')`)).toEqual([dated]);
    expect(await ids(`id <> ${dated} AND id > 0`)).toEqual([undated]);
    expect(await ids(`startsAt < TIMESTAMP('2030-01-01T00:00:00Z')`)).toEqual([]);
    const district = await json(await items('areas-peruspiiri', `nameFi = 'Kruununhaka'`), 200);
    expect(district.numberMatched).toBe(district.features.length);
    expect(district.features.every((f: { properties: { nameFi: string } }) => f.properties.nameFi === 'Kruununhaka')).toBe(true);
    // The next page keeps the filter.
    const paged = await json(await items('activities', `id > 0`, '&limit=1'), 200);
    expect(new URL(paged.links.find((l: { rel: string }) => l.rel === 'next').href).searchParams.get('filter')).toBe('id > 0');
  });

  it('answers an unknown property, bad syntax or language with a 400 naming it, and SQL stays text', async () => {
    expect((await json(await items('activities', `colour = 'red'`), 400)).error.message).toMatch(
      /^filter: unknown property colour/,
    );
    expect((await json(await items('activities', `status = `), 400)).error.message).toMatch(/^filter: /);
    expect((await json(await items('activities', `id = 'x'`), 400)).error.message).toMatch(/^filter: id is a integer/);
    const lang = await json(await visitor.get(`/ogc/collections/activities/items?filter-lang=cql-json&filter=x`), 400);
    expect(lang.error.message).toMatch(/^filter-lang: /);
    const hostile = await json(await items('activities', `titleFi = '''; DROP TABLE activities; --'`), 200);
    expect(hostile.features).toEqual([]);
    expect((await json(await visitor.get(`/ogc/collections/activities/items?bbox=${BBOX}`), 200)).numberMatched).toBe(2);
  });
});

describe('HTML for browsers', () => {
  const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const html = async (path: string, headers: Record<string, string> = BROWSER) => {
    const res = await fetch(`${server.url}${path}`, { headers });
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type'), path).toContain('text/html');
    return res.text();
  };

  it('gives every /ogc page as accessible HTML to a browser, and JSON to everyone else', async () => {
    for (const path of [
      '/ogc',
      '/ogc/collections',
      '/ogc/collections/activities',
      '/ogc/collections/activities/items',
      `/ogc/collections/activities/items/${dated}`,
    ]) {
      const page = await html(path);
      expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(page).toMatch(/<title>[^<]+<\/title>/);
      expect(page).toContain('<h1>');
      expect(page).toContain(`href="${LICENSE}"`);
      // GIS clients and scripts keep getting JSON.
      expect((await fetch(`${server.url}${path}`)).headers.get('content-type')).toMatch(/json/);
    }
    const items = await html(`/ogc/collections/activities/items?bbox=${BBOX}`);
    expect(items).toBe(await html(`/ogc/collections/activities/items?bbox=${BBOX}&f=html`, {}));
    expect(items).toContain('<caption>Features of activities</caption>');
    expect(items).toContain(`/ogc/collections/activities/items/${dated}?f=html`);
    expect(items).toContain('<th scope="col">titleFi</th>');
    expect(items).toContain('Kesäjuhla; puistossa');
  });

  it('escapes every value: markup in the data shows as text', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    // Written past the API (which refuses markup), as an import of a bad source could.
    const [{ id }] = (
      await db.knex.raw(
        `INSERT INTO activities (source, source_id, department_id, kind, status, title_fi, description_fi, geom)
         SELECT 'hostile-test', 'h1', id, 'event', 'planned', ?, ?, ST_SetSRID(ST_MakePoint(25.05, 60.21), 4326) FROM departments WHERE slug = 'kuva'
         RETURNING id`,
        [hostile, hostile],
      )
    ).rows;
    for (const path of [
      `/ogc/collections/activities/items?f=html&filter=${encodeURIComponent(`id = ${id}`)}`,
      `/ogc/collections/activities/items/${id}?f=html`,
    ]) {
      const page = await html(path, {});
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;');
    }
  });
});
