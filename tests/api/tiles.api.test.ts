/** GET /tiles/<dataset>/{z}/{x}/{y}.mvt and /tiles/<dataset>.json, decoded by a standard MVT decoder. */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitiesDataset } from '../../server/src/activities/activities.dataset.js';
import { upsertActivity } from '../../server/src/activities/activities.repository.js';
import { ideasDataset } from '../../server/src/ideas/ideas.dataset.js';
import { tileLayerOf } from '../../server/src/tiles/dataset-layer.js';
import { detectEncoder } from '../../server/src/tiles/tiles.repository.js';
import { renderTile, type TileAddress, type TileEncoder } from '../../server/src/tiles/tiles.service.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

const activitiesTileLayer = tileLayerOf({ ...activitiesDataset, tiles: activitiesDataset.tiles! });
const ideasTileLayer = tileLayerOf({ ...ideasDataset({ waitingDays: 14 }), tiles: ideasDataset({ waitingDays: 14 }).tiles! });

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let encoder: TileEncoder;

/** Two groups ~9 km apart (Kamppi and Itäkeskus) in three departments, a park polygon and a street line. */
const KAMPPI: [number, number] = [24.931, 60.168];
const ITIS: [number, number] = [25.08, 60.21];
const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const SIPOO: [number, number] = [25.405, 60.3];
const ids: Record<string, number> = {};

/** The XYZ tile holding a point. */
function tileOf([lon, lat]: [number, number], z: number): TileAddress {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
}
const path = (dataset: string, t: TileAddress, query = '') =>
  `/tiles/${dataset}/${t.z}/${t.x}/${t.y}.mvt${query ? `?${query}` : ''}`;

const decode = (body: Uint8Array) => new VectorTile(new PbfReader(body));
const features = (body: Uint8Array, layer: string): VectorTileFeature[] => {
  const l = decode(body).layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
};
const fetchTile = async (p: string, headers: Record<string, string> = {}) => {
  const res = await fetch(server.url + p, { headers });
  return { res, body: new Uint8Array(await res.arrayBuffer()) };
};
const tileFeatures = async (dataset: string, t: TileAddress, query = '') => {
  const { res, body } = await fetchTile(path(dataset, t, query));
  expect(res.status, new TextDecoder().decode(body)).toBe(200);
  return features(body, dataset);
};
const idsIn = (fs: VectorTileFeature[]) => fs.map((f) => f.properties.id as number).sort((a, b) => a - b);
/** A visitor's idea through the API, as the map's own write path. */
const submitIdea = (idea: { title: string; description: string; themes: string[]; geometry: object }) =>
  fetch(`${server.url}/api/ideas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(idea),
  });

beforeAll(async () => {
  db = await createTestDatabase();
  encoder = await detectEncoder(db.knex);
  const add = async (sourceId: string, department: string, geometry: object, extra: Record<string, unknown> = {}) => {
    const r = await upsertActivity(db.knex, {
      source: 'test',
      sourceId,
      department,
      kind: 'service',
      status: 'ongoing',
      titleFi: `Toiminta ${sourceId}`,
      themes: [],
      geometry,
      ...extra,
    });
    ids[sourceId] = r.id;
  };
  for (let i = 0; i < 6; i++) {
    await add(
      `kamppi-${i}`,
      i % 2 ? 'kuva' : 'kymp',
      { type: 'Point', coordinates: [KAMPPI[0] + i * 0.0003, KAMPPI[1]] },
      {
        themes: i % 2 ? ['culture'] : ['traffic-streets'],
        kind: i % 2 ? 'event' : 'construction',
        status: i < 3 ? 'ongoing' : 'planned',
        startsAt: `2026-0${i + 1}-01T00:00:00Z`,
        endsAt: `2026-0${i + 1}-20T00:00:00Z`,
      },
    );
  }
  for (let i = 0; i < 3; i++) await add(`itis-${i}`, 'sote', { type: 'Point', coordinates: [ITIS[0], ITIS[1] + i * 0.0003] });
  await add('kamppi-park', 'kymp', {
    type: 'Polygon',
    coordinates: [
      [
        [24.928, 60.1665],
        [24.93, 60.1665],
        [24.93, 60.1675],
        [24.928, 60.1675],
        [24.928, 60.1665],
      ],
    ],
  });
  await add('kamppi-street', 'kymp', {
    type: 'LineString',
    coordinates: [
      [24.929, 60.169],
      [24.933, 60.1695],
    ],
  });
  // Enough labelled points in one tile for it to pass the compression threshold (1 KB); east of the others' tiles.
  for (let i = 0; i < 80; i++)
    await add(`sipoo-${i}`, 'kasko', { type: 'Point', coordinates: [SIPOO[0] + i * 0.0001, SIPOO[1]] });
  server = await startTestServer(db, { auth: { rateLimits: 'idea.ip=1000/1h' } });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('activity tiles', () => {
  const z14 = () => tileOf(KAMPPI, 14);

  it('holds the activities in the tile with lean attributes, the id also as the feature id', async () => {
    const fs = await tileFeatures('activities', z14());
    const kamppi = ['kamppi-0', 'kamppi-1', 'kamppi-2', 'kamppi-3', 'kamppi-4', 'kamppi-5', 'kamppi-park', 'kamppi-street'].map(
      (k) => ids[k],
    );
    expect(idsIn(fs)).toEqual(kamppi.sort((a, b) => a - b));
    const first = fs.find((f) => f.properties.id === ids['kamppi-1'])!;
    expect(first.id).toBe(ids['kamppi-1']);
    expect(first.properties).toEqual({
      id: ids['kamppi-1'],
      department: 'kuva',
      kind: 'event',
      status: 'ongoing',
      label: 'Toiminta kamppi-1',
      labelSv: 'Toiminta kamppi-1',
      labelEn: 'Toiminta kamppi-1',
    });
    expect(first.type).toBe(1);
    // Decoded back to WGS84, the point is where it was put (a 4096 grid at z14 is ~1 m).
    const [lon, lat] = (first.toGeoJSON(z14().x, z14().y, 14).geometry as unknown as { coordinates: [number, number] })
      .coordinates;
    expect(lon).toBeCloseTo(KAMPPI[0] + 0.0003, 4);
    expect(lat).toBeCloseTo(KAMPPI[1], 4);
  });

  it('draws the park as a polygon whose exterior ring winds as MVT asks, and the street as a line', async () => {
    const t = z14();
    const fs = await tileFeatures('activities', t);
    const park = fs.find((f) => f.properties.id === ids['kamppi-park'])!;
    expect(park.type).toBe(3);
    const ring = park.loadGeometry()[0];
    // Surveyor's formula in tile coordinates: an exterior ring is positive (clockwise with y down).
    const area = ring.reduce((sum, p, i) => {
      const q = ring[(i + 1) % ring.length];
      return sum + p.x * q.y - q.x * p.y;
    }, 0);
    expect(area).toBeGreaterThan(0);
    const geo = park.toGeoJSON(t.x, t.y, t.z).geometry as { type: string; coordinates: [number, number][][] };
    expect(geo.type).toBe('Polygon');
    const lons = geo.coordinates[0].map((c) => c[0]);
    expect(Math.min(...lons)).toBeCloseTo(24.928, 4);
    expect(Math.max(...lons)).toBeCloseTo(24.93, 4);
    expect(fs.find((f) => f.properties.id === ids['kamppi-street'])!.type).toBe(2);
  });

  it('carries the label only from zoom 14 on', async () => {
    const z13 = await tileFeatures('activities', tileOf(KAMPPI, 13));
    expect(z13.length).toBeGreaterThan(0);
    expect(z13.every((f) => !('label' in f.properties))).toBe(true);
    expect(Object.keys(z13[0].properties).sort()).toEqual(['department', 'id', 'kind', 'status']);
    const z16 = await tileFeatures('activities', tileOf([KAMPPI[0] + 0.0003, KAMPPI[1]], 16));
    expect(z16.map((f) => f.properties.label)).toContain('Toiminta kamppi-1');
  });

  it('applies the list filters: department, theme, kind, status, time, district', async () => {
    const t = tileOf(KAMPPI, 9);
    expect(tileOf(ITIS, 9)).toEqual(t); // one tile holds both groups
    const all = await tileFeatures('activities', t);
    expect(all).toHaveLength(11);
    const only = async (query: string) => await tileFeatures('activities', t, query);
    expect((await only('department=kuva')).map((f) => f.properties.department)).toEqual(['kuva', 'kuva', 'kuva']);
    expect(idsIn(await only('department=kuva,sote'))).toEqual(idsIn(all.filter((f) => f.properties.department !== 'kymp')));
    expect(idsIn(await only('theme=culture'))).toEqual([ids['kamppi-1'], ids['kamppi-3'], ids['kamppi-5']]);
    expect(idsIn(await only('kind=construction'))).toEqual([ids['kamppi-0'], ids['kamppi-2'], ids['kamppi-4']]);
    expect(idsIn(await only('status=planned'))).toEqual([ids['kamppi-3'], ids['kamppi-4'], ids['kamppi-5']]);
    // Spans overlapping March and April; undated activities are open-ended and stay.
    const dated = idsIn(await only('from=2026-03-10&to=2026-04-05&department=kymp,kuva'));
    expect(dated).toEqual(
      idsIn(
        all.filter((f) =>
          [ids['kamppi-2'], ids['kamppi-3'], ids['kamppi-park'], ids['kamppi-street']].includes(f.properties.id as number),
        ),
      ),
    );
    const { rows } = await db.knex.raw(
      `SELECT aa.area_id AS id FROM activity_areas aa WHERE aa.activity_id = ?
        AND NOT EXISTS (SELECT 1 FROM activity_areas m WHERE m.area_id = aa.area_id AND m.activity_id = ?) LIMIT 1`,
      [ids['itis-0'], ids['kamppi-0']],
    );
    expect(rows.length, 'a district of Itäkeskus that Kamppi is not in').toBe(1);
    expect(idsIn(await only(`area=${rows[0].id}`))).toEqual([ids['itis-0'], ids['itis-1'], ids['itis-2']]);
  });

  it('answers an empty tile (no layer, no bytes) where nothing is', async () => {
    const { res, body } = await fetchTile(path('activities', tileOf([24.5, 59.9], 14)));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.mapbox-vector-tile');
    expect(body.length).toBe(0);
    expect(Object.keys(decode(body).layers)).toEqual([]);
    expect(await tileFeatures('activities', tileOf(KAMPPI, 14), 'department=kasko')).toEqual([]);
  });

  it('gives the same features whichever encoder makes them', async (ctx) => {
    // Only a PostGIS with ST_AsMVT (CI's PostgreSQL) has both; the embedded one encodes in Node.
    expect(encoder).toBe(db.backend === 'pglite' ? 'node' : 'postgis');
    if (encoder !== 'postgis') ctx.skip();
    for (const t of [tileOf(KAMPPI, 9), tileOf(KAMPPI, 14), tileOf(KAMPPI, 16), tileOf([24.929, 60.1667], 17)]) {
      const layer = { ...activitiesTileLayer, maxzoom: 18 };
      const summary = async (enc: TileEncoder) =>
        features(await renderTile(db.knex, layer, {}, t, enc), 'activities').map((f) => {
          const points = f.loadGeometry().flat();
          const xs = points.map((p) => p.x);
          const ys = points.map((p) => p.y);
          return {
            id: f.id,
            type: f.type,
            properties: f.properties,
            box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
          };
        });
      const [native, node] = [await summary('postgis'), await summary('node')];
      expect(native.length).toBeGreaterThan(0);
      expect(node.map(({ box: _b, ...rest }) => rest)).toEqual(native.map(({ box: _b, ...rest }) => rest));
      node.forEach((f, i) => f.box.forEach((v, j) => expect(Math.abs(v - native[i].box[j])).toBeLessThanOrEqual(1)));
    }
  });
});

describe('idea tiles', () => {
  it('shows submitted ideas with their stage, filtered by stage and theme, never hidden ones', async () => {
    const submit = await submitIdea({
      title: 'Penkkejä Tuomiokirkon portaille',
      description: 'Portailla istutaan joka kesäilta; penkit helpottaisivat ikääntyneitä.',
      themes: ['elderly'],
      geometry: { type: 'Point', coordinates: CATHEDRAL },
    });
    expect(submit.status).toBe(201);
    const { id } = await submit.json();
    const t = tileOf(CATHEDRAL, 15);
    const fs = await tileFeatures('ideas', t);
    expect(fs.map((f) => f.properties)).toEqual([{ id, stage: 'submitted', label: 'Penkkejä Tuomiokirkon portaille' }]);
    expect(await tileFeatures('ideas', t, 'stage=decision')).toEqual([]);
    expect(await tileFeatures('ideas', t, 'theme=youth')).toEqual([]);
    expect(await tileFeatures('ideas', t, 'theme=elderly&stage=submitted')).toHaveLength(1);
    await db.knex.raw(`UPDATE ideas SET hidden_at = now(), hidden_reason = 'test' WHERE id = ?`, [id]);
    expect(await tileFeatures('ideas', t)).toEqual([]);
  });
});

describe('caching', () => {
  it("names the dataset's revision in the TileJSON template, so a client's fresh TileJSON after a write skips cached tiles", async () => {
    const template = async () => (await (await fetch(`${server.url}/tiles/ideas.json`)).json()).tiles[0] as string;
    const before = await template();
    const t = tileOf([24.9402, 60.1702], 15);
    const filled = (u: string) => u.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));
    expect((await fetch(filled(before))).status).toBe(200); // v is no filter: the current tile
    const submit = await submitIdea({
      title: 'Pyöräteline Senaatintorin kulmaan',
      description: 'Torin laidalla ei ole yhtään telinettä, ja pyörät nojaavat seiniin.',
      themes: ['elderly'],
      geometry: { type: 'Point', coordinates: [24.9402, 60.1702] },
    });
    expect(submit.status).toBe(201);
    const after = await template();
    expect(after).not.toBe(before);
    expect(after.replace(/v=\d+/, '')).toBe(before.replace(/v=\d+/, ''));
    const { id } = await submit.json();
    expect(idsIn(features(new Uint8Array(await (await fetch(filled(after))).arrayBuffer()), 'ideas'))).toContain(id);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag with the new idea after a write through the API', async () => {
    const t = tileOf([24.9385, 60.1699], 15);
    const first = await fetchTile(path('ideas', t));
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/); // strong
    expect(first.res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(features(first.body, 'ideas')).toEqual([]);

    const again = await fetchTile(path('ideas', t), { 'If-None-Match': etag });
    expect(again.res.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.res.headers.get('etag')).toBe(etag);
    // Another filter is another representation.
    const filtered = await fetchTile(path('ideas', t, 'stage=submitted'), { 'If-None-Match': etag });
    expect(filtered.res.status).toBe(200);

    const submit = await submitIdea({
      title: 'Istutuksia Kolmensepänaukiolle',
      description: 'Aukio on kesällä kuuma ja paljas; puut ja penkit toisivat varjoa.',
      themes: ['environment-climate'],
      geometry: { type: 'Point', coordinates: [24.9385, 60.1699] },
    });
    expect(submit.status).toBe(201);
    const after = await fetchTile(path('ideas', t), { 'If-None-Match': etag });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    expect(features(after.body, 'ideas').map((f) => f.properties.label)).toEqual(['Istutuksia Kolmensepänaukiolle']);
  });

  it('invalidates activity tiles when an activity changes, and only then', async () => {
    const t = tileOf(ITIS, 14);
    const first = await fetchTile(path('activities', t));
    const etag = first.res.headers.get('etag')!;
    expect((await fetchTile(path('activities', t), { 'If-None-Match': etag })).res.status).toBe(304);
    await db.knex.raw(`UPDATE activities SET status = 'done' WHERE id = ?`, [ids['itis-1']]);
    const after = await fetchTile(path('activities', t), { 'If-None-Match': etag });
    expect(after.res.status).toBe(200);
    expect(features(after.body, 'activities').find((f) => f.id === ids['itis-1'])!.properties.status).toBe('done');
  });

  it('keeps the revision, and so the ETag, when the change log is folded', async () => {
    const t = tileOf(ITIS, 14);
    for (let i = 0; i < 70; i++) await db.knex.raw('UPDATE activities SET updated_at = now() WHERE id = ?', [ids['itis-2']]);
    const first = await fetchTile(path('activities', t)); // reads the revision, then folds the 70+ log rows
    const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM tile_changes WHERE dataset = 'activities'`);
    expect(rows[0].n).toBe(1);
    const again = await fetchTile(path('activities', t), { 'If-None-Match': first.res.headers.get('etag')! });
    expect(again.res.status).toBe(304);
  });

  it('compresses tiles with gzip', async () => {
    const t = tileOf(SIPOO, 14);
    const raw = (await fetchTile(path('activities', t))).body;
    const got = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      http
        .get(`${server.url}${path('activities', t)}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    expect(raw.length).toBeGreaterThan(1024); // above the compression threshold
    expect(got.encoding).toBe('gzip');
    expect(new Uint8Array(gunzipSync(got.body))).toEqual(raw);
  });

  it('lets any origin use the tiles, but not the API', async () => {
    const tile = await fetchTile(path('activities', tileOf(KAMPPI, 14)), { Origin: 'https://example.org' });
    expect(tile.res.headers.get('access-control-allow-origin')).toBe('*');
    const json = await fetch(`${server.url}/tiles/activities.json`, { headers: { Origin: 'https://example.org' } });
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    const api = await fetch(`${server.url}/api/activities?limit=1`, { headers: { Origin: 'https://example.org' } });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('TileJSON', () => {
  it('describes the layer, and its tiles template carries the filter', async () => {
    const res = await fetch(`${server.url}/tiles/activities.json?theme=culture&department=kuva`);
    expect(res.status).toBe(200);
    const tj = await res.json();
    expect(tj).toMatchObject({ tilejson: '3.0.0', scheme: 'xyz', minzoom: 0, maxzoom: activitiesTileLayer.maxzoom });
    expect(tj.attribution).toEqual(expect.any(String));
    expect(tj.tiles).toEqual([
      expect.stringMatching(
        new RegExp(`^${server.url}/tiles/activities/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?department=kuva&theme=culture&v=\\d+$`),
      ),
    ]);
    const [w, s, e, n] = tj.bounds as number[];
    expect(w).toBeLessThanOrEqual(KAMPPI[0]);
    expect(e).toBeGreaterThanOrEqual(ITIS[0]);
    expect(s).toBeLessThanOrEqual(KAMPPI[1]);
    expect(n).toBeGreaterThanOrEqual(ITIS[1]);
    expect(tj.vector_layers).toHaveLength(1);
    expect(tj.vector_layers[0].id).toBe('activities');
    expect(Object.keys(tj.vector_layers[0].fields).sort()).toEqual([
      'department',
      'id',
      'kind',
      'label',
      'labelEn',
      'labelSv',
      'status',
    ]);
    // The template, filled in, gives the filtered tile.
    const t = tileOf(KAMPPI, 14);
    const url = (tj.tiles[0] as string).replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));
    const fs = features(new Uint8Array(await (await fetch(url)).arrayBuffer()), 'activities');
    expect(idsIn(fs)).toEqual([ids['kamppi-1'], ids['kamppi-3'], ids['kamppi-5']]);
  });

  it('is there for ideas too', async () => {
    const tj = await (await fetch(`${server.url}/tiles/ideas.json`)).json();
    expect(tj.tiles).toEqual([
      expect.stringMatching(new RegExp(`^${server.url}/tiles/ideas/\\{z\\}/\\{x\\}/\\{y\\}\\.mvt\\?v=\\d+$`)),
    ]);
    expect(Object.keys(tj.vector_layers[0].fields).sort()).toEqual(
      Object.keys(Object.fromEntries(ideasTileLayer.attributes.map((a) => [a.name, 1]))).sort(),
    );
  });
});

describe('bad requests', () => {
  const k = tileOf(KAMPPI, 14);
  it.each([
    [`/tiles/activities/17/0/0.mvt`, 'z'],
    [`/tiles/activities/ten/0/0.mvt`, 'z'],
    [`/tiles/activities/2/4/0.mvt`, 'x'],
    [`/tiles/activities/2/0/-1.mvt`, 'y'],
    [`${path('activities', k, 'theme=no-such-theme')}`, 'theme'],
    [`${path('activities', k, 'department=nope')}`, 'department'],
    [`${path('activities', k, 'area=999999')}`, 'area'],
    [`${path('activities', k, 'kind=party')}`, 'kind'],
    [`${path('activities', k, 'from=yesterday')}`, 'from'],
    [`${path('activities', k, 'colour=red')}`, 'colour'],
    [`${path('activities', k, 'bbox=24,60,25,61')}`, 'bbox'],
    [`${path('activities', k, 'limit=10')}`, 'limit'],
    [`${path('ideas', k, 'stage=dreaming')}`, 'stage'],
    [`${path('ideas', k, 'waiting=true')}`, 'waiting'],
    [`${path('ideas', k, 'theme=no-such-theme')}`, 'theme'],
    [`/tiles/activities.json?department=nope`, 'department'],
    [`/tiles/activities.json?bbox=24,60,25,61`, 'bbox'],
    [`${path('activities', k, 'v=latest')}`, 'v'],
  ])('%s → 400 naming %s', async (p, parameter) => {
    const res = await fetch(server.url + p);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(parameter);
  });

  it('answers 404 for a dataset that has no tiles', async () => {
    expect((await fetch(`${server.url}/tiles/users/0/0/0.mvt`)).status).toBe(404);
    expect((await fetch(`${server.url}/tiles/users.json`)).status).toBe(404);
  });
});
