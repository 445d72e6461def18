/**
 * GET /api/search against the real PostGIS: districts by Finnish and Swedish name at every level,
 * the offline places, bounded input, and the fall back to offline when Service Map does not answer.
 * No network: "online" here is a local server that answers as Service Map does, or one that never answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../server/src/contracts/common.js';
import type { SearchResponse } from '../../server/src/contracts/search.js';
import { setLogLevel } from '../../server/src/log.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let offline: TestServer;
let online: TestServer;
let silent: TestServer;
let serviceMap: http.Server;
let hanging: http.Server;
const asked: URL[] = [];

/** Answers as Service Map's search does: one unit and one address, plus a result without a point. */
function fakeServiceMap(): http.Server {
  return http.createServer((req, res) => {
    asked.push(new URL(req.url ?? '/', 'http://x'));
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        count: 3,
        results: [
          {
            object_type: 'unit',
            id: 8215,
            name: { fi: 'Kallion kirjasto', sv: 'Berghälls bibliotek' },
            street_address: { fi: 'Viides linja 11', sv: 'Femte linjen 11' },
            location: { type: 'Point', coordinates: [24.9496, 60.1846] },
          },
          {
            object_type: 'address',
            name: { fi: 'Fleminginkatu 1', sv: 'Flemingsgatan 1' },
            location: { type: 'Point', coordinates: [24.9509, 60.1853] },
          },
          { object_type: 'unit', id: 1, name: { fi: 'Ilman paikkaa' }, location: null },
        ],
      }),
    );
  });
}

const listen = (s: http.Server) =>
  new Promise<string>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`)),
  );

beforeAll(async () => {
  setLogLevel('silent');
  db = await createTestDatabase();
  serviceMap = fakeServiceMap();
  // Takes the request and never answers: only the timeout ends it.
  hanging = http.createServer(() => undefined);
  const [mapUrl, hangingUrl] = await Promise.all([listen(serviceMap), listen(hanging)]);
  offline = await startTestServer(db);
  online = await startTestServer(db, { search: { online: true, serviceMapUrl: mapUrl, timeoutMs: 5000 } });
  silent = await startTestServer(db, { search: { online: true, serviceMapUrl: hangingUrl, timeoutMs: 200 } });
});
afterAll(async () => {
  await Promise.all([offline?.close(), online?.close(), silent?.close()]);
  hanging?.closeAllConnections();
  await new Promise((r) => hanging?.close(r));
  await new Promise((r) => serviceMap?.close(r));
  await db?.close();
});

const search = async (server: TestServer, query: string) => {
  const res = await fetch(`${server.url}/api/search?${query}`);
  return { status: res.status, body: await res.json() };
};

describe('search offline', () => {
  it('finds a district of every level by part of its Finnish name, with its bounds and id', async () => {
    for (const level of ['suurpiiri', 'peruspiiri', 'osa_alue']) {
      const area = (await db.knex.raw(`SELECT id, name_fi FROM areas WHERE level = ? ORDER BY name_fi LIMIT 1`, [level]))
        .rows[0] as { id: number; name_fi: string };
      const typed = area.name_fi.slice(0, 5).toUpperCase();
      const { status, body } = await search(offline, `q=${encodeURIComponent(typed)}&limit=20`);
      expect(status).toBe(200);
      const found = (body as SearchResponse).results.find((r) => r.id === `area:${area.id}`);
      expect(found, `${level} ${area.name_fi} by "${typed}"`).toMatchObject({
        kind: 'area',
        name: area.name_fi,
        area: { id: area.id, level },
      });
      const [w, s, e, n] = found!.bbox!;
      expect(w).toBeLessThan(e);
      expect(s).toBeLessThan(n);
      expect(found!.lon).toBeGreaterThanOrEqual(w);
      expect(found!.lon).toBeLessThanOrEqual(e);
      expect(body.source).toBe('offline');
    }
  });

  it('finds a district by its Swedish name and answers in Swedish', async () => {
    const area = (await db.knex.raw(`SELECT id, name_fi, name_sv FROM areas WHERE name_sv IS NOT NULL LIMIT 1`)).rows[0];
    const { body } = await search(offline, `q=${encodeURIComponent(area.name_sv)}&lang=sv`);
    expect(body.results.find((r: { id: string }) => r.id === `area:${area.id}`)).toMatchObject({ name: area.name_sv });
    const fi = await search(offline, `q=${encodeURIComponent(area.name_sv)}&lang=fi`);
    expect(fi.body.results.find((r: { id: string }) => r.id === `area:${area.id}`)).toMatchObject({ name: area.name_fi });
  });

  it('finds the fixture places in the asked language, and a name that starts with the text first', async () => {
    const { body } = await search(offline, 'q=salutorg&lang=sv');
    expect(body.results).toEqual([
      expect.objectContaining({ kind: 'place', id: 'place:kauppatori', name: 'Salutorget', detail: 'Torg', bbox: null }),
    ]);
    const en = await search(offline, 'q=kauppatori&lang=en');
    expect(en.body.results[0]).toMatchObject({ name: 'Market Square', lon: 24.9525, lat: 60.1675 });
  });

  it('treats % and _ as letters and finds nothing for them', async () => {
    expect((await search(offline, 'q=%25%25')).body.results).toEqual([]);
    expect((await search(offline, 'q=__')).body.results).toEqual([]);
  });

  it('refuses a missing, too short, too long or unknown parameter, naming it', async () => {
    for (const [query, field] of [
      ['', 'q'],
      ['q=a', 'q must be at least 2'],
      [`q=${'x'.repeat(101)}`, 'q must be at most 100'],
      ['q=ka&limit=21', 'limit'],
      ['q=ka&lang=de', 'lang'],
      ['q=ka&page=2', 'page'],
    ]) {
      const { status, body } = await search(offline, query);
      expect(status, query).toBe(400);
      expect(ErrorBody.parse(body).error.message, query).toContain(field);
    }
  });
});

describe('search online', () => {
  it('asks Service Map for units and addresses and lists them after the districts', async () => {
    const { status, body } = await search(online, 'q=kallio&lang=sv');
    expect(status).toBe(200);
    expect(body.source).toBe('online');
    const q = asked.at(-1)!;
    expect(q.searchParams.get('q')).toBe('kallio');
    expect(q.searchParams.get('type')).toBe('unit,address');
    expect(q.searchParams.get('language')).toBe('sv');
    const places = body.results.filter((r: { kind: string }) => r.kind !== 'area');
    expect(places).toEqual([
      expect.objectContaining({ kind: 'place', name: 'Berghälls bibliotek', detail: 'Femte linjen 11', lon: 24.9496 }),
      expect.objectContaining({ kind: 'address', name: 'Flemingsgatan 1', lat: 60.1853 }),
    ]);
    const firstPlace = body.results.findIndex((r: { kind: string }) => r.kind !== 'area');
    expect(body.results.slice(firstPlace).every((r: { kind: string }) => r.kind !== 'area')).toBe(true);
  });

  it('answers from the districts and the fixture when Service Map does not answer in time', async () => {
    const { status, body } = await search(silent, 'q=kauppatori');
    expect(status).toBe(200);
    expect(body.source).toBe('offline');
    expect(body.results[0]).toMatchObject({ id: 'place:kauppatori', name: 'Kauppatori' });
  });
});
