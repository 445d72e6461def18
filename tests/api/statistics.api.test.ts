/**
 * District statistics (/api/areas/:id/statistics, /api/areas/statistics, .csv) over HTTP, on the
 * real districts and the Paavo copy the test template imports (tests/setup/db-template.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_LEVELS, type AreaLevel } from '../../server/src/contracts/areas.js';
import { ErrorBody } from '../../server/src/contracts/common.js';
import { AreaStatistics, FIGURE_KEYS, LevelStatistics } from '../../server/src/contracts/statistics.js';
import { setLogLevel } from '../../server/src/log.js';
import { parseCsv } from '../../server/src/statistics/paavo-sources.js';
import { SHARED_HELSINKI_DIR, expectedCounts, sharedAreasExist } from '../../server/src/test-support/test-areas.js';
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

const get = async (p: string) => {
  const res = await fetch(server.url + p);
  return { status: res.status, body: await res.json() };
};
const areaId = async (level: AreaLevel, nameFi: string): Promise<number> =>
  (await db.knex('areas').where({ level, name_fi: nameFi }).first('id')).id;

/** The source's own 2023 figure of one postal area, read straight from the shared CSV. */
function paavo2023(postalCode: string, label: string): number {
  const [header, ...rows] = parseCsv(
    fs.readFileSync(path.join(SHARED_HELSINKI_DIR, 'hki-paavo-stats/paavo-12f7-2020-2023-helsinki-wide.csv'), 'utf8'),
  );
  const row = rows.find((r) => r[0] === postalCode && r[2] === '2023')!;
  return Number(row[header.indexOf(label)]);
}

describe('errors', () => {
  it('answers 400 naming an unknown figure, level or year, and 404 for an unknown district', async () => {
    for (const [query, name] of [
      ['level=peruspiiri&figure=wealth', 'figure'],
      ['level=kaupunginosa&figure=population', 'level'],
      ['figure=population', 'level'],
      ['level=peruspiiri&figure=population&year=20x3', 'year'],
      ['level=peruspiiri&figure=population&colour=red', 'colour'],
    ]) {
      const { status, body } = await get(`/api/areas/statistics?${query}`);
      expect(status, query).toBe(400);
      expect(ErrorBody.parse(body).error.message, query).toContain(name);
    }
    const csv = await fetch(`${server.url}/api/areas/statistics.csv?level=postinumero`);
    expect(csv.status).toBe(400);
    expect((await get('/api/areas/999999/statistics')).status).toBe(404);
    expect((await get('/api/areas/abc/statistics')).status).toBe(400);
  });
});

describe.skipIf(!sharedAreasExist())('on the real districts', () => {
  it.each(AREA_LEVELS)('gives every %s a population, and the level sums to the city', async (level) => {
    const { status, body } = await get(`/api/areas/statistics?level=${level}&figure=population&year=2023`);
    expect(status).toBe(200);
    const stats = LevelStatistics.parse(body);
    expect(stats.values).toHaveLength(expectedCounts(true)[level]);
    expect(stats.values.every((v) => typeof v.value === 'number')).toBe(true);
    // The source's sum over Helsinki's 84 postal areas (hki-paavo-stats/PROVENANCE.md).
    expect(stats.city).toBe(663_237);
    const sum = stats.values.reduce((s, v) => s + v.value!, 0);
    expect(Math.abs(sum - stats.city!)).toBeLessThanOrEqual(stats.values.length); // rounding to whole people
    expect(stats.method).toMatch(/land/);
    expect(stats.source.licence).toBe('CC BY 4.0');
  });

  it('gives a district a postal area wholly inside it in full: Katajanokka is postal area 00160', async () => {
    const { status, body } = await get(`/api/areas/${await areaId('osa_alue', 'Katajanokka')}/statistics?year=2023`);
    expect(status).toBe(200);
    const s = AreaStatistics.parse(body);
    expect(s.population).toBe(paavo2023('00160', 'Inhabitants, total (HE)'));
    expect(s.figures.households).toBe(paavo2023('00160', 'Households, total (TE)'));
    expect(s.figures.averageAge).toBe(paavo2023('00160', 'Average age of inhabitants (HE)'));
  });

  it('gives a suurpiiri its age structure, trend over the years and the city beside it', async () => {
    const s = AreaStatistics.parse((await get(`/api/areas/${await areaId('suurpiiri', 'Eteläinen')}/statistics`)).body);
    expect(s.year).toBe(2023);
    expect(s.years).toEqual([2020, 2021, 2022, 2023]);
    expect(s.trend.map((t) => t.year)).toEqual(s.years);
    expect(s.population).toBeGreaterThan(100_000);
    const ages = FIGURE_KEYS.filter((k) => k.startsWith('age_')).reduce((sum, k) => sum + (s.figures[k] ?? 0), 0);
    expect(Math.abs(ages - s.population!)).toBeLessThan(25); // each band rounded on its own
    for (const k of ['households', 'employed', 'unemployed', 'workplaces'] as const) expect(s.figures[k]).toBeGreaterThan(0);
    expect(s.city.figures.population).toBe(663_237);
    expect(s.city.trend).toHaveLength(4);
    expect(s.figures.averageAge).toBeGreaterThan(30);
  });

  it("counts the project's own items in the district by each dataset's rule", async () => {
    const id = await areaId('osa_alue', 'Katajanokka');
    const before = AreaStatistics.parse((await get(`/api/areas/${id}/statistics`)).body).project;
    await db.knex.raw(
      `INSERT INTO activities (source, source_id, department_id, kind, status, title_fi, geom)
       SELECT 'statistics-test', 's' || i, id, 'event', 'planned', 'Katajanokan tapahtuma', ST_SetSRID(ST_MakePoint(24.9665, 60.1675), 4326)
         FROM departments, generate_series(1, 2) i WHERE slug = 'kuva'`,
    );
    const after = AreaStatistics.parse((await get(`/api/areas/${id}/statistics`)).body).project;
    const kuva = (p: typeof before) => p.activitiesByDepartment.find((d) => d.department === 'kuva')?.count ?? 0;
    expect(kuva(after) - kuva(before)).toBe(2);
    expect(after.ideasByStage).toEqual(before.ideasByStage);
    expect(typeof after.kehraGroups).toBe('number');
  });

  it('downloads a level as CSV, a row per district with every figure', async () => {
    const res = await fetch(`${server.url}/api/areas/statistics.csv?level=suurpiiri&year=2023`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-disposition')).toContain('district-statistics-suurpiiri.csv');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header.slice(0, 7)).toEqual(['id', 'level', 'code', 'nameFi', 'nameSv', 'year', 'population']);
    expect(rows).toHaveLength(8);
    const total = rows.reduce((s, r) => s + Number(r[header.indexOf('population')]), 0);
    expect(Math.abs(total - 663_237)).toBeLessThanOrEqual(8);
  });
});
