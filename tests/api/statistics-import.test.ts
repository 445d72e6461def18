/**
 * The statistics importer's online path, against a local server that answers like Statistics
 * Finland's PxWeb API (json-stat2) and its Paavo WFS, with the project's own recorded shapes.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config.js';
import { setLogLevel } from '../../server/src/log.js';
import { importStatisticsFrom } from '../../server/src/statistics/statistics.service.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';

const FIXTURES = path.join(repoRoot, 'tests/fixtures/paavo');
const PXWEB = fs.readFileSync(path.join(FIXTURES, 'pxweb-12f7-json-stat2.json'), 'utf8');
const POLYGONS = fs.readFileSync(path.join(FIXTURES, 'pno-meri-two-areas.geojson'), 'utf8');

let db: TestDatabase;
let server: http.Server;
let base: string;
const asked: { method: string; body: unknown }[] = [];
beforeAll(async () => {
  setLogLevel('silent');
  db = await createTestDatabase();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url?.startsWith('/pxweb')) {
        asked.push({ method: req.method!, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(PXWEB);
      } else res.writeHead(200, { 'content-type': 'application/json' }).end(POLYGONS);
    });
  });
  // The client drops idle keep-alive sockets (as in areas-wfs.test.ts): PGlite's work between requests outlasts 5 s.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

const stored = async () =>
  (
    await db.knex.raw(
      `SELECT postal_code, year, figure, value FROM postal_area_statistics
        WHERE postal_code IN ('00160', '00190') AND year IN (2022, 2023) ORDER BY 1, 2, 3`,
    )
  ).rows as { postal_code: string; year: number; figure: string; value: number }[];

describe('importing Paavo from the PxWeb API', () => {
  it('asks for the postal areas of the polygons, stores the kept figures and replaces on a re-run', async () => {
    const first = await importStatisticsFrom(db.knex, `${base}/pxweb/paavo_pxt_12f7.px`, { polygonsUrl: `${base}/wfs` });
    expect(asked[0].method).toBe('POST');
    expect(asked[0].body).toMatchObject({
      query: [{ code: 'Postinumeroalue', selection: { filter: 'item', values: ['00160', '00190'] } }],
      response: { format: 'json-stat2' },
    });
    expect(first.postalAreas).toBe(2);
    expect(first.years).toEqual([2022, 2023]);
    expect(first.skippedVariables).toBe(1); // median income is not apportionable, so not kept
    // 2 areas × 3 kept figures × 2 years, less Suomenlinna's suppressed 2023 household count.
    expect(first.values).toBe(11);
    const rows = await stored();
    expect(rows.find((r) => r.postal_code === '00160' && r.year === 2023 && r.figure === 'population')?.value).toBe(5083);
    expect(rows.find((r) => r.postal_code === '00190' && r.year === 2022 && r.figure === 'averageAge')?.value).toBe(40);
    expect(rows.some((r) => r.postal_code === '00190' && r.year === 2023 && r.figure === 'households')).toBe(false);
    const names = (await db.knex.raw(`SELECT code, name_fi, name_sv FROM postal_areas WHERE code = '00190'`)).rows;
    expect(names).toEqual([{ code: '00190', name_fi: 'Suomenlinna', name_sv: 'Sveaborg' }]);

    await importStatisticsFrom(db.knex, `${base}/pxweb/paavo_pxt_12f7.px`, { polygonsUrl: `${base}/wfs` });
    expect(await stored()).toEqual(rows);
    // Other postal areas keep their figures: a partial source replaces only what it holds.
    const others = (await db.knex.raw(`SELECT count(DISTINCT postal_code)::int AS n FROM postal_area_statistics`)).rows[0].n;
    expect(others).toBeGreaterThanOrEqual(2);
  });

  it('refuses a response that is not json-stat2 and leaves the figures as they were', async () => {
    const before = await stored();
    await expect(importStatisticsFrom(db.knex, `${base}/wfs`, { polygonsUrl: `${base}/wfs` })).rejects.toThrow(/json-stat2/);
    expect(await stored()).toEqual(before);
  });
});
