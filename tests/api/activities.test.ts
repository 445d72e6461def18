import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertActivity, type ActivityInput } from '../../server/src/activities/activities.repository.js';
import { expectedCounts } from '../../server/src/test-support/test-areas.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

/**
 * A constructed case around (24.93, 60.20) in Helsinki: A1–A3 and A5 are within ~35 m of each
 * other, A4 and A6 far away. A2 and A3 share a department (never a pair); A3's time does not
 * overlap A1's; A5 crosses A1.
 */
const base = { source: 'test', themes: [] as string[] };
const CASE: Record<string, Omit<ActivityInput, 'sourceId'>> = {
  A1: {
    ...base,
    department: 'kymp',
    kind: 'construction',
    status: 'ongoing',
    titleFi: 'A1 työmaa',
    themes: ['traffic-streets'],
    startsAt: '2030-01-01T00:00:00Z',
    endsAt: '2030-03-01T00:00:00Z',
    geometry: { type: 'Point', coordinates: [24.93, 60.2] },
  },
  A2: {
    ...base,
    department: 'kuva',
    kind: 'event',
    status: 'planned',
    titleFi: 'A2 konsertti',
    themes: ['culture'],
    startsAt: '2030-02-01T00:00:00Z',
    endsAt: '2030-02-02T00:00:00Z',
    geometry: { type: 'Point', coordinates: [24.9301, 60.2001] },
  },
  A3: {
    ...base,
    department: 'kuva',
    kind: 'event',
    status: 'planned',
    titleFi: '=HYPERLINK("http://x")',
    themes: ['sport-outdoors'],
    startsAt: '2031-01-01T00:00:00Z',
    endsAt: '2031-01-02T00:00:00Z',
    geometry: { type: 'Point', coordinates: [24.93, 60.2003] },
  },
  A4: {
    ...base,
    department: 'sote',
    kind: 'service',
    status: 'ongoing',
    titleFi: 'A4 terveysasema',
    themes: ['services'],
    startsAt: null,
    endsAt: null,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [25.05, 60.22],
          [25.052, 60.22],
          [25.052, 60.221],
          [25.05, 60.221],
          [25.05, 60.22],
        ],
      ],
    },
  },
  A5: {
    ...base,
    department: 'kasko',
    kind: 'project',
    status: 'ongoing',
    titleFi: 'A5 koulureitti',
    themes: ['youth', 'culture'],
    startsAt: null,
    endsAt: '2030-01-15T00:00:00Z',
    geometry: {
      type: 'LineString',
      coordinates: [
        [24.925, 60.2],
        [24.935, 60.2],
      ],
    },
  },
  A6: {
    ...base,
    department: 'kanslia',
    kind: 'participation',
    status: 'done',
    titleFi: 'A6 kysely',
    themes: ['community'],
    startsAt: '2020-01-01T00:00:00Z',
    endsAt: '2020-02-01T00:00:00Z',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [24.95, 60.25],
            [24.951, 60.25],
            [24.951, 60.251],
            [24.95, 60.251],
            [24.95, 60.25],
          ],
        ],
      ],
    },
  },
};

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
const ids: Record<string, number> = {};
const nameOf = (id: number) => Object.entries(ids).find(([, v]) => v === id)?.[0];

const get = async (p: string) => {
  const res = await fetch(server.url + p);
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, headers: res.headers, body: /json/.test(type) ? await res.json() : await res.text() };
};
const names = async (query: string): Promise<string[]> => {
  const r = await get(`/api/activities?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.features as { id: number }[]).map((f) => nameOf(f.id)!).sort();
};

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [name, a] of Object.entries(CASE)) ids[name] = (await upsertActivity(db.knex, { ...a, sourceId: name })).id;
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('GET /api/activities filters', () => {
  it('returns a bounded GeoJSON FeatureCollection with counts', async () => {
    const r = await get('/api/activities?limit=2');
    expect(r.type).toContain('application/geo+json');
    expect(r.body).toMatchObject({ type: 'FeatureCollection', numberMatched: 6, numberReturned: 2, limit: 2, offset: 0 });
    expect(r.body.features[0].properties).toMatchObject({
      id: ids.A1,
      department: 'kymp',
      kind: 'construction',
      titleFi: 'A1 työmaa',
      startsAt: '2030-01-01T00:00:00Z',
      themes: ['traffic-streets'],
      isDemo: false,
    });
    const next = await get('/api/activities?limit=2&offset=2');
    expect(next.body.features.map((f: { id: number }) => nameOf(f.id))).toEqual(['A3', 'A4']);
  });

  it('filters by each parameter', async () => {
    expect(await names('department=kuva')).toEqual(['A2', 'A3']);
    expect(await names('department=kuva,sote')).toEqual(['A2', 'A3', 'A4']);
    expect(await names('theme=culture')).toEqual(['A2', 'A5']);
    expect(await names('theme=culture&theme=community')).toEqual(['A2', 'A5', 'A6']);
    expect(await names('kind=event')).toEqual(['A2', 'A3']);
    expect(await names('status=planned')).toEqual(['A2', 'A3']);
    expect(await names('status=done,ongoing')).toEqual(['A1', 'A4', 'A5', 'A6']);
    expect(await names('bbox=24.92,60.19,24.94,60.21')).toEqual(['A1', 'A2', 'A3', 'A5']);
    expect(await names('from=2030-02-15&to=2030-12-31')).toEqual(['A1', 'A4']);
    expect(await names('from=2030-01-10')).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(await names('to=2019-12-31')).toEqual(['A4', 'A5']);
  });

  it('a view holds what lies in it or crosses its edge, not what only its bounding box reaches', async () => {
    // A diagonal line: its bounding box meets every view below, the line itself not the last one.
    const { id } = await upsertActivity(db.knex, {
      ...CASE.A1,
      sourceId: 'diagonal',
      geometry: {
        type: 'LineString',
        coordinates: [
          [24.96, 60.19],
          [24.98, 60.21],
        ],
      },
    });
    try {
      const inView = async (bbox: string) => {
        const list = await get(`/api/activities?bbox=${bbox}`);
        const cells = await get(`/api/activities/clusters?bbox=${bbox}&zoom=12`);
        const listed = (list.body.features as { id: number }[]).some((f) => f.id === id);
        // The cells count the same rows as the list.
        expect(cells.body.numberMatched).toBe(list.body.numberMatched);
        return listed;
      };
      expect(await inView('24.955,60.185,24.985,60.215')).toBe(true); // wholly inside
      expect(await inView('24.965,60.19,24.99,60.2')).toBe(true); // across the edge
      expect(await inView('24.975,60.19,24.99,60.195')).toBe(false); // only its box
    } finally {
      await db.knex.raw('DELETE FROM activities WHERE id = ?', [id]);
    }
  });

  it('filters by area at any level: an activity shows when it touches the area', async () => {
    const { rows } = await db.knex.raw(
      `SELECT a.id, a.level, array_agg(t.source_id ORDER BY t.source_id) AS hits FROM areas a
         JOIN activities t ON ST_Intersects(a.geom, t.geom)
        WHERE ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(24.93, 60.2), 4326)) GROUP BY a.id, a.level`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const area of rows as { id: number; hits: string[] }[]) {
      expect(await names(`area=${area.id}`)).toEqual([...area.hits].sort());
      expect(area.hits).toContain('A1');
      expect(area.hits).not.toContain('A4');
    }
  });

  it('combines filters', async () => {
    expect(await names('department=kuva&from=2030-01-01&to=2030-12-31')).toEqual(['A2']);
    expect(await names('bbox=24.92,60.19,24.94,60.21&theme=culture')).toEqual(['A2', 'A5']);
    expect(await names('kind=event,project&status=planned&bbox=24.92,60.19,24.94,60.21&to=2030-06-01')).toEqual(['A2']);
  });

  it.each([
    ['theme=nope', 'theme'],
    ['department=xx', 'department'],
    ['kind=party', 'kind'],
    ['status=maybe', 'status'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=25,60,24,61', 'bbox'],
    ['from=2030-13-45', 'from'],
    ['from=tomorrow', 'from'],
    ['from=2030-02-01&to=2030-01-01', 'from'],
    ['limit=999999', 'limit'],
    ['limit=0', 'limit'],
    ['area=999999', 'area'],
    ['area=abc', 'area'],
    ['colour=red', 'colour'],
  ])('%s → 400 naming %s', async (query, param) => {
    const r = await get(`/api/activities?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(param);
  });

  it('lists departments and themes', async () => {
    const d = await get('/api/departments');
    expect(d.body.map((x: { slug: string }) => x.slug)).toEqual(['kasko', 'kymp', 'kuva', 'sote', 'kanslia']);
    expect(d.body[0]).toMatchObject({
      nameFi: 'Kasvatuksen ja koulutuksen toimiala',
      nameSv: expect.any(String),
      nameEn: expect.any(String),
      color: expect.stringMatching(/^#[0-9A-F]{6}$/i),
    });
    const t = await get('/api/themes');
    const slugs = t.body.map((x: { slug: string }) => x.slug);
    for (const s of [
      'youth',
      'elderly',
      'local-vitality',
      'services',
      'empty-spaces',
      'environment-climate',
      'culture',
      'sport-outdoors',
      'traffic-streets',
      'safety',
      'community',
      'free-ideas',
    ]) {
      expect(slugs).toContain(s);
    }
  });
});

describe('exports', () => {
  it('CSV and GeoJSON downloads match the filtered list', async () => {
    const q = 'bbox=24.92,60.19,24.94,60.21&from=2030-01-01';
    const list = await names(q);
    const csv = await get(`/api/activities.csv?${q}`);
    expect(csv.type).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['id', 'department', 'kind']);
    expect(
      lines
        .slice(1)
        .map((l) => nameOf(Number(l.split(',')[0])))
        .sort(),
    ).toEqual(list);
    const same = await get(`/api/activities?${q}&format=csv`);
    expect(same.body).toBe(csv.body);
    const gj = await get(`/api/activities.geojson?${q}`);
    expect(gj.body.features.map((f: { id: number }) => nameOf(f.id)).sort()).toEqual(list);
    expect(gj.body.features[0].properties).toHaveProperty('source', 'test');
  });

  it('guards CSV cells against formula injection', async () => {
    const csv = (await get('/api/activities.csv?department=kuva')).body as string;
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('rejects bad export filters as JSON 400s', async () => {
    const r = await get('/api/activities.csv?theme=nope');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('theme');
  });
});

describe('detail and overlaps', () => {
  it('GET /api/activities/:id has every field, its areas and what else happens here', async () => {
    const r = await get(`/api/activities/${ids.A1}?distance=50`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: 'Feature', id: ids.A1, geometry: { type: 'Point', coordinates: [24.93, 60.2] } });
    expect(r.body.properties).toMatchObject({
      titleFi: 'A1 työmaa',
      source: 'test',
      sourceId: 'A1',
      departmentInfo: { slug: 'kymp' },
      themeInfo: [{ slug: 'traffic-streets' }],
    });
    if (db.areasAreReal)
      expect(r.body.properties.areas.map((a: { level: string }) => a.level)).toEqual(['suurpiiri', 'peruspiiri', 'osa_alue']);
    const items = r.body.overlaps.items as { id: number; timeOverlaps: boolean; intersects: boolean }[];
    expect(Object.fromEntries(items.map((i) => [nameOf(i.id), [i.intersects, i.timeOverlaps]]))).toEqual({
      A2: [false, true],
      A3: [false, false],
      A5: [true, true],
    });
    const touching = await get(`/api/activities/${ids.A1}?distance=0`);
    expect(touching.body.overlaps.items.map((i: { id: number }) => nameOf(i.id))).toEqual(['A5']);
    // Same department is never "something else".
    const a2 = await get(`/api/activities/${ids.A2}?distance=50`);
    expect(a2.body.overlaps.items.map((i: { id: number }) => nameOf(i.id)).sort()).toEqual(['A1', 'A5']);
  });

  it('404s an unknown activity and 400s a bad id or distance', async () => {
    expect((await get('/api/activities/999999')).status).toBe(404);
    expect((await get('/api/activities/abc')).status).toBe(400);
    const far = await get(`/api/activities/${ids.A1}?distance=999999`);
    expect(far.status).toBe(400);
    expect(far.body.error.message).toContain('distance');
  });

  const square = JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [24.92, 60.19],
        [24.94, 60.19],
        [24.94, 60.21],
        [24.92, 60.21],
        [24.92, 60.19],
      ],
    ],
  });
  const pairNames = (body: { pairs: { a: { id: number }; b: { id: number }; timeOverlaps: boolean }[] }) =>
    body.pairs.map((p) => `${nameOf(p.a.id)}-${nameOf(p.b.id)}${p.timeOverlaps ? '*' : ''}`).sort();

  it('GET /api/overlaps?geometry finds the cross-department pairs and not the others', async () => {
    const r = await get(`/api/overlaps?geometry=${encodeURIComponent(square)}&distance=50`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.activities.map((f: { id: number }) => nameOf(f.id)).sort()).toEqual(['A1', 'A2', 'A3', 'A5']);
    expect(pairNames(r.body)).toEqual(['A1-A2*', 'A1-A3', 'A1-A5*', 'A2-A5', 'A3-A5']);
    const windowed = await get(`/api/overlaps?geometry=${encodeURIComponent(square)}&distance=50&from=2030-02-01&to=2030-02-28`);
    expect(pairNames(windowed.body)).toEqual(['A1-A2*']);
    const posted = await fetch(`${server.url}/api/overlaps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ geometry: JSON.parse(square), distance: 0 }),
    });
    expect(pairNames(await posted.json())).toEqual(['A1-A5*']);
  });

  it('GET /api/overlaps?area uses the chosen area', async () => {
    const { rows } = await db.knex.raw(
      `SELECT id FROM areas WHERE level = 'osa_alue' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(24.93, 60.2), 4326))`,
    );
    const r = await get(`/api/overlaps?area=${rows[0].id}&distance=50`);
    expect(r.status).toBe(200);
    expect(pairNames(r.body)).toContain('A1-A2*');
    expect(r.body.activities.map((f: { id: number }) => nameOf(f.id))).not.toContain('A4');
  });

  it.each([
    ['', 'area'],
    ['area=1&geometry=%7B%7D', 'area'],
    ['geometry=notjson', 'geometry'],
    [`geometry=${encodeURIComponent('{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}')}`, 'geometry'],
    ['area=999999', 'area'],
    ['area=1&from=2030-02-01&to=2030-01-01', 'from'],
  ])('/api/overlaps?%s → 400 naming %s', async (query, param) => {
    const r = await get(`/api/overlaps?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(param);
  });
});

describe('OGC API – Features at /ogc', () => {
  it('answers the landing page and conformance', async () => {
    const landing = await get('/ogc');
    expect(landing.status).toBe(200);
    const rels = landing.body.links.map((l: { rel: string }) => l.rel);
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) expect(rels).toContain(rel);
    const conf = await get('/ogc/conformance');
    expect(conf.body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      ]),
    );
    expect((await get('/ogc/api')).body.openapi).toBe('3.0.3');
  });

  it('lists the collections: activities and areas per level among the layers', async () => {
    const r = await get('/ogc/collections');
    const ids = r.body.collections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['activities', 'areas-suurpiiri', 'areas-peruspiiri', 'areas-osa_alue']));
    expect(new Set(ids).size).toBe(ids.length);
    const act = await get('/ogc/collections/activities');
    expect(act.body.extent.spatial.bbox[0][0]).toBeCloseTo(24.925, 3);
    expect(act.body.links.find((l: { rel: string }) => l.rel === 'items').href).toMatch(/\/ogc\/collections\/activities\/items$/);
    expect((await get('/ogc/collections/nope')).status).toBe(404);
  });

  it('pages items with numberMatched/numberReturned and next/prev links', async () => {
    const first = await get('/ogc/collections/activities/items?limit=4');
    expect(first.type).toContain('application/geo+json');
    expect(first.body).toMatchObject({ type: 'FeatureCollection', numberMatched: 6, numberReturned: 4 });
    const next = first.body.links.find((l: { rel: string }) => l.rel === 'next');
    expect(first.body.links.find((l: { rel: string }) => l.rel === 'prev')).toBeUndefined();
    const second = await get(new URL(next.href).pathname + new URL(next.href).search);
    expect(second.body).toMatchObject({ numberMatched: 6, numberReturned: 2 });
    expect(second.body.links.find((l: { rel: string }) => l.rel === 'next')).toBeUndefined();
    expect(second.body.links.find((l: { rel: string }) => l.rel === 'prev').href).toContain('limit=4');
    const seen = [...first.body.features, ...second.body.features].map((f: { id: number }) => nameOf(f.id));
    expect(seen).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
  });

  it('filters items by bbox and datetime; clamps limit; rejects unknown parameters', async () => {
    const bbox = await get('/ogc/collections/activities/items?bbox=24.92,60.19,24.94,60.21');
    expect(bbox.body.features.map((f: { id: number }) => nameOf(f.id))).toEqual(['A1', 'A2', 'A3', 'A5']);
    // A4 has no dates: left out whenever datetime is given (README "Open data").
    const dt = await get('/ogc/collections/activities/items?datetime=2030-02-15T00:00:00Z/..');
    expect(dt.body.features.map((f: { id: number }) => nameOf(f.id))).toEqual(['A1', 'A3']);
    const instant = await get('/ogc/collections/activities/items?datetime=2030-02-01T12:00:00Z');
    expect(instant.body.features.map((f: { id: number }) => nameOf(f.id))).toEqual(['A1', 'A2']);
    expect((await get('/ogc/collections/activities/items?limit=1000000')).status).toBe(200);
    const unknown = await get('/ogc/collections/activities/items?foo=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('foo');
    expect((await get('/ogc/collections/activities/items?bbox=1,2')).status).toBe(400);
  });

  it('serves the area levels with bbox and single items', async () => {
    const counts = expectedCounts(db.areasAreReal);
    const all = await get('/ogc/collections/areas-suurpiiri/items?limit=100');
    expect(all.body.numberMatched).toBe(counts.suurpiiri);
    expect(all.body.features[0].properties).toHaveProperty('nameFi');
    const inBox = await get('/ogc/collections/areas-osa_alue/items?bbox=24.929,60.199,24.931,60.201');
    expect(inBox.body.numberMatched).toBeGreaterThanOrEqual(1);
    expect(inBox.body.numberMatched).toBeLessThan(counts.osa_alue);
    const one = await get(`/ogc/collections/areas-suurpiiri/items/${all.body.features[0].id}`);
    expect(one.body).toMatchObject({ type: 'Feature', id: all.body.features[0].id });
    const act = await get(`/ogc/collections/activities/items/${ids.A5}`);
    expect(act.body).toMatchObject({ type: 'Feature', id: ids.A5, geometry: { type: 'LineString' } });
    expect((await get('/ogc/collections/activities/items/999999')).status).toBe(404);
  });
});
