import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

/** Helsinki Cathedral; Kruununhaka / Vironniemi / Eteläinen in the real division and the fixture. */
const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d / 2],
      [lon, lat + d / 2],
      [lon, lat],
    ],
  ],
});

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const countIdeas = async () => (await db.knex.raw('SELECT count(*)::int AS n FROM ideas')).rows[0].n as number;

const idea = (geometry: unknown, extra: Record<string, unknown> = {}) => ({
  title: 'Penkkejä Tuomiokirkon portaille',
  description: 'Portailla istutaan joka kesäilta; penkit helpottaisivat ikääntyneitä.',
  themes: ['elderly', 'community'],
  geometry,
  ...extra,
});

beforeAll(async () => {
  db = await createTestDatabase();
  // Submissions are rate-limited per address; this file submits more than a person would.
  server = await startTestServer(db, { auth: { rateLimits: 'idea.ip=1000/1h' } });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('submitting an idea', () => {
  it('places a point idea, assigns its areas in PostGIS and answers with a tracking code', async () => {
    const res = await post('/api/ideas', idea({ type: 'Point', coordinates: CATHEDRAL }, { costEstimateEur: 4000 }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.trackingCode).toMatch(/^KK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);

    const detail = await (await fetch(`${server.url}/api/ideas/${body.id}`)).json();
    expect(detail.properties.stage).toBe('submitted');
    expect(detail.properties.costEstimateEur).toBe(4000);
    expect(detail.properties.themes).toEqual(['elderly', 'community']);
    const names = detail.properties.areas.map((a: { nameFi: string }) => a.nameFi);
    expect(names).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);
    expect(detail.timeline).toHaveLength(1);
    expect(detail.timeline[0]).toMatchObject({ from: null, to: 'submitted' });
    // Contact details are for the city, never published.
    expect(JSON.stringify(detail)).not.toContain('contactEmail');
  });

  it('accepts lines and polygons, and a district picked from the list', async () => {
    const line = await post('/api/ideas', idea({ type: 'LineString', coordinates: [CATHEDRAL, [24.956, 60.172]] }));
    expect(line.status).toBe(201);
    const polygon = await post('/api/ideas', idea(square(24.951, 60.169, 0.002)));
    expect(polygon.status).toBe(201);
    const area = (await db.knex.raw(`SELECT id FROM areas WHERE level = 'osa_alue' AND name_fi = 'Kruununhaka'`)).rows[0];
    const picked = await post('/api/ideas', { ...idea(undefined), geometry: undefined, areaId: area.id });
    expect(picked.status).toBe(201);
    const detail = await (await fetch(`${server.url}/api/ideas/${(await picked.json()).id}`)).json();
    expect(detail.properties.areas.map((a: { nameFi: string }) => a.nameFi)).toEqual(['Eteläinen', 'Vironniemi', 'Kruununhaka']);
  });

  it.each([
    [
      'a self-intersecting polygon',
      {
        type: 'Polygon',
        coordinates: [
          [
            [24.95, 60.17],
            [24.96, 60.18],
            [24.96, 60.17],
            [24.95, 60.18],
            [24.95, 60.17],
          ],
        ],
      },
      /Self-intersection/i,
    ],
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [24.95, 60.17],
            [24.96, 60.17],
            [24.96, 60.18],
            [24.95, 60.18],
          ],
        ],
      },
      /not closed/,
    ],
    [
      'too many vertices',
      { type: 'LineString', coordinates: Array.from({ length: 2001 }, (_, i) => [24.95 + i * 1e-6, 60.17]) },
      /2001 vertices/,
    ],
    ['an area that is too large', square(24.85, 60.2, 0.25), /km²; at most/],
    ['coordinates outside the city', { type: 'Point', coordinates: [23.5, 61.5] }, /outside the city/],
    ['latitude and longitude swapped', { type: 'Point', coordinates: [60.17, 24.95] }, /outside the city/],
    [
      'a line that crosses itself',
      {
        type: 'LineString',
        coordinates: [
          [24.95, 60.17],
          [24.96, 60.18],
          [24.96, 60.17],
          [24.95, 60.18],
        ],
      },
      /crosses itself/,
    ],
    ['non-numeric coordinates', { type: 'Point', coordinates: ['24.95', 60.17] }, /not a \[longitude, latitude\]/],
    ['an unknown geometry type', { type: 'Circle', coordinates: [24.95, 60.17] }, /Circle is not accepted/],
  ])('refuses %s with a 400 that says why, storing nothing', async (_what, geometry, message) => {
    const before = await countIdeas();
    const res = await post('/api/ideas', idea(geometry));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
    expect(await countIdeas()).toBe(before);
  });

  it.each([
    [{ themes: ['no-such-theme'] }, /unknown theme/],
    [{ themes: [] }, /at least one theme/],
    [{ title: '<script>alert(1)</script>' }, /plain text/],
    [{ title: 'x'.repeat(201) }, /at most 200/],
    [{ description: '' }, /must not be empty/],
    [{ costEstimateEur: -5 }, /negative/],
    [{ contactEmail: 'not-an-address' }, /e-mail/],
    [{ areaId: 1 }, /exactly one of geometry or areaId/],
    [{ extra: 'field' }, /unknown parameter|Unrecognized/],
  ])('refuses bad fields %j', async (patch, message) => {
    const before = await countIdeas();
    const res = await post('/api/ideas', idea({ type: 'Point', coordinates: CATHEDRAL }, patch));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
    expect(await countIdeas()).toBe(before);
  });
});

describe('finding an idea by its tracking code', () => {
  it('opens the idea from the code as people type it', async () => {
    const { id, trackingCode } = await (await post('/api/ideas', idea({ type: 'Point', coordinates: CATHEDRAL }))).json();
    const typed = trackingCode.toLowerCase().replace(/-/g, ' ');
    const res = await fetch(`${server.url}/api/ideas/by-code/${encodeURIComponent(typed)}`);
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(id);
  });

  it('tells a mistyped code from an unknown one', async () => {
    const bad = await fetch(`${server.url}/api/ideas/by-code/KK-0000-00`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not a tracking code/);
    // A well-formed code (valid check character) that nobody has.
    let unknown = 'KK-2222-2';
    for (const c of '23456789ABCDEFGHJKMNPQRSTUVWXYZ') {
      const r = await fetch(`${server.url}/api/ideas/by-code/${unknown}${c}`);
      if (r.status !== 400) {
        unknown += c;
        expect(r.status).toBe(404);
        break;
      }
    }
    expect(unknown).toHaveLength(10);
  });
});

describe('what else happens here', () => {
  it('lists current activities of the departments near the idea, nearest first, and not far ones', async () => {
    const { upsertActivity } = await import('../../server/src/activities/activities.repository.js');
    const base = { kind: 'construction' as const, status: 'ongoing' as const, themes: [], source: 'test', startsAt: null };
    await upsertActivity(db.knex, {
      ...base,
      department: 'kymp',
      titleFi: 'Katutyö Snellmaninkadulla',
      sourceId: 'near',
      endsAt: null,
      geometry: {
        type: 'LineString',
        coordinates: [
          [24.953, 60.17],
          [24.954, 60.171],
        ],
      },
    });
    await upsertActivity(db.knex, {
      ...base,
      department: 'kuva',
      titleFi: 'Päättynyt tapahtuma',
      sourceId: 'past',
      endsAt: '2020-01-01T00:00:00Z',
      geometry: { type: 'Point', coordinates: CATHEDRAL },
    });
    await upsertActivity(db.knex, {
      ...base,
      department: 'sote',
      titleFi: 'Kaukana',
      sourceId: 'far',
      endsAt: null,
      geometry: { type: 'Point', coordinates: [25.0786, 60.2092] },
    });
    const { id } = await (await post('/api/ideas', idea({ type: 'Point', coordinates: CATHEDRAL }))).json();
    const detail = await (await fetch(`${server.url}/api/ideas/${id}`)).json();
    expect(detail.nearby.activities.map((a: { titleFi: string }) => a.titleFi)).toEqual(['Katutyö Snellmaninkadulla']);
    expect(detail.nearby.activities[0].distanceMetres).toBeGreaterThan(0);
    expect(detail.nearby.activities[0].distanceMetres).toBeLessThan(detail.nearby.distance);
  });
});

describe('the ideas layer', () => {
  it('lists ideas as GeoJSON filtered by area, theme and stage', async () => {
    const kruununhaka = (await db.knex.raw(`SELECT id FROM areas WHERE level = 'osa_alue' AND name_fi = 'Kruununhaka'`)).rows[0]
      .id;
    const all = await (await fetch(`${server.url}/api/ideas`)).json();
    expect(all.type).toBe('FeatureCollection');
    expect(all.numberMatched).toBe(await countIdeas());
    const inArea = await (await fetch(`${server.url}/api/ideas?area=${kruununhaka}&theme=elderly&stage=submitted`)).json();
    expect(inArea.numberMatched).toBeGreaterThan(0);
    for (const f of inArea.features) {
      expect(f.properties.themes).toContain('elderly');
      expect(f.properties.stage).toBe('submitted');
    }
    const none = await (await fetch(`${server.url}/api/ideas?stage=implemented`)).json();
    expect(none.features).toEqual([]);
  });

  it('exports the same filtered ideas as CSV, and serves them as an OGC API collection', async () => {
    const layer = await (await fetch(`${server.url}/api/ideas?theme=elderly`)).json();
    const csv = await (await fetch(`${server.url}/api/ideas?theme=elderly&format=csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,trackingCode,title,stage,themes,submittedAt,stageChangedAt,votes,comments,waiting,department,lon,lat,wkt',
    );
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(layer.features.map((f: { id: number }) => f.id));

    const collections = await (await fetch(`${server.url}/ogc/collections`)).json();
    expect(collections.collections.map((c: { id: string }) => c.id)).toContain('ideas');
    const page = await (await fetch(`${server.url}/ogc/collections/ideas/items?limit=2&theme=elderly`)).json();
    expect(page.numberMatched).toBe(layer.numberMatched);
    expect(page.features).toHaveLength(Math.min(2, layer.numberMatched));
    expect(page.links.some((l: { rel: string }) => l.rel === 'next')).toBe(layer.numberMatched > 2);
    const one = await (await fetch(`${server.url}/ogc/collections/ideas/items/${layer.features[0].id}`)).json();
    expect(one.properties.trackingCode).toBe(layer.features[0].properties.trackingCode);
    const wrong = await fetch(`${server.url}/ogc/collections/ideas/items?department=kymp`);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toMatch(/department: not a property of the ideas collection/);
  });

  it('filters by submission time: from and to are inclusive instants, offsets honoured', async () => {
    const at = { march: '2025-03-01T10:00:00Z', june: '2025-06-15T12:00:00Z', september: '2025-09-30T23:59:59Z' };
    const ids: Record<string, number> = {};
    for (const [name, when] of Object.entries(at)) {
      ids[name] = (await (await post('/api/ideas', idea({ type: 'Point', coordinates: CATHEDRAL }))).json()).id;
      await db.knex.raw('UPDATE ideas SET submitted_at = ? WHERE id = ?', [when, ids[name]]);
    }
    const listed = async (q: string) => {
      const res = await fetch(`${server.url}/api/ideas?${q}`);
      expect(res.status, q).toBe(200);
      const body = await res.json();
      expect(body.numberMatched, q).toBe(body.features.length);
      return body.features.map((f: { id: number }) => f.id);
    };
    expect(await listed('from=2025-06-01&to=2025-07-01')).toEqual([ids.june]);
    expect(await listed(`from=2025-01-01&to=${at.june}`)).toEqual([ids.june, ids.march]);
    expect(await listed(`from=${at.june}&to=2025-12-31`)).toEqual([ids.september, ids.june]);
    // The same instant written in Finnish summer time.
    expect(await listed('from=2025-06-15T15:00:00%2B03:00&to=2025-06-15T15:00:00%2B03:00')).toEqual([ids.june]);
    expect(await listed('to=2025-06-15T11:59:59Z')).toEqual([ids.march]);
    const newer = await listed('from=2025-06-15T12:00:01Z');
    expect(newer).toContain(ids.september);
    expect(newer).not.toContain(ids.june);
    const csv = (await (await fetch(`${server.url}/api/ideas?from=2025-01-01&to=2025-12-31&format=csv`)).text())
      .trim()
      .split('\r\n');
    expect(csv.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([ids.september, ids.june, ids.march]);
  });

  it('refuses a time filter whose from is after its to, naming the parameter', async () => {
    const res = await fetch(`${server.url}/api/ideas?from=2025-07-01&to=2025-06-01`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('from: from must not be after to');
    expect(error.details).toEqual([{ path: ['from'], code: 'custom', message: 'from must not be after to' }]);
    const bad = await fetch(`${server.url}/api/ideas?to=next-week`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^to: to must be an ISO 8601 date/);
  });

  it('flags ideas as waiting after the number of days the server is set to', async () => {
    const threeDays = await startTestServer(db, { ideaWaitingDays: 3, auth: { rateLimits: 'idea.ip=1000/1h' } });
    try {
      const days = { four: 4, two: 2 };
      const ids: Record<string, number> = {};
      for (const [name, age] of Object.entries(days)) {
        ids[name] = (await (await post('/api/ideas', idea({ type: 'Point', coordinates: CATHEDRAL }))).json()).id;
        await db.knex.raw(`UPDATE ideas SET submitted_at = now() - make_interval(days => ?) WHERE id = ?`, [age, ids[name]]);
      }
      const waitingOn = async (url: string, id: number) =>
        (await (await fetch(`${url}/api/ideas/${id}`)).json()).properties.waiting;
      expect(await waitingOn(threeDays.url, ids.four)).toBe(true);
      expect(await waitingOn(threeDays.url, ids.two)).toBe(false);
      // The default 14 days: neither waits yet.
      expect(await waitingOn(server.url, ids.four)).toBe(false);
      const waitingList = async (url: string) =>
        (await (await fetch(`${url}/api/ideas?waiting=true&limit=5000`)).json()).features.map((f: { id: number }) => f.id);
      const onThree = await waitingList(threeDays.url);
      expect(onThree).toContain(ids.four);
      expect(onThree).not.toContain(ids.two);
      expect(await waitingList(server.url)).not.toContain(ids.four);
    } finally {
      await threeDays.close();
    }
  });

  it('refuses unknown filters and bad values', async () => {
    for (const [q, message] of [
      ['colour=red', /unknown parameter/],
      ['stage=done', /stage must be one of/],
      ['bbox=1,2,3', /bbox/],
      ['limit=100000', /limit must be a whole number between 1 and 5000/],
    ] as const) {
      const res = await fetch(`${server.url}/api/ideas?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
  });
});
