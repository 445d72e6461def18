/**
 * Themes are stored one way in every dataset (join tables with foreign keys): a theme used by a
 * Kehrä development area (or only by an earlier version of one) or a partnership table cannot be
 * deleted, a renamed slug shows and filters at once everywhere, and the old slug is unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
const square = ([lon, lat]: [number, number], d = 0.0006) => {
  const [w, e, s, n] = [r6(lon - d), r6(lon + d), r6(lat - d), r6(lat + d)];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
};

let db: TestDatabase;
let server: TestServer;
let admin: TestAgent;
let official: TestAgent;
let member: TestAgent;
let visitor: TestAgent;
let groupId: number;
let devAreaId: number;
let tableId: number;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const del = (agent: TestAgent, path: string) => agent.request('DELETE', path);
const ids = (fc: { features: { properties: { id: number } }[] }) => [...new Set(fc.features.map((f) => f.properties.id))];
const usesOf = async (slug: string) =>
  (await json(await admin.get('/api/admin/reference-data'), 200)).themes.find((t: { slug: string }) => t.slug === slug)?.uses;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  admin = await agent({ roles: ['admin'], displayName: 'Ada Admin' });
  official = await agent({ roles: ['official'], departments: ['kuva'], displayName: 'Olli Official' });
  visitor = new TestAgent(server.url);
  await json(await admin.post('/api/admin/themes', { slug: 'portaat', nameFi: 'Portaat' }), 201);
  await json(await admin.post('/api/admin/themes', { slug: 'vanha-teema', nameFi: 'Vanha teema' }), 201);
  groupId = (await json(await admin.post('/api/kehra/groups', { name: 'Teemojen Kehrä' }), 201)).id;
  member = await agent({ roles: ['kehra'], kehraGroups: [groupId], displayName: 'Mikko Member' });
  devAreaId = (
    await json(
      await member.post(`/api/kehra/groups/${groupId}/areas`, {
        name: 'Portaiden juuri',
        themes: ['portaat', 'vanha-teema'],
        status: 'idea',
        geometry: square(CATHEDRAL),
      }),
      201,
    )
  ).id;
  tableId = (
    await json(
      await official.post('/api/partnership-tables', {
        name: 'Portaiden pöytä',
        convener: 'Kulttuurin ja vapaa-ajan toimiala',
        themes: ['portaat'],
        geometry: square(CATHEDRAL),
      }),
      201,
    )
  ).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('themes of Kehrä development areas and partnership tables', () => {
  it('count as uses: a used theme is not deleted, and a version still naming it counts too', async () => {
    expect(await usesOf('portaat')).toMatchObject({ kehraDevAreas: 1, partnershipTables: 1 });
    const refused = await json(await del(admin, '/api/admin/themes/portaat'), 409);
    expect(refused.error.message).toMatch(/in use by 1 Kehrä development area, 1 partnership table/);

    // Taken off the current version, the theme is still in the history a restore brings back.
    await json(await member.patch(`/api/kehra/areas/${devAreaId}`, { themes: ['portaat'] }), 200);
    expect(await usesOf('vanha-teema')).toMatchObject({ kehraDevAreas: 1 });
    expect((await json(await del(admin, '/api/admin/themes/vanha-teema'), 409)).error.code).toBe('in_use');
    const versions = await json(await visitor.get(`/api/kehra/areas/${devAreaId}/versions`), 200);
    expect(versions.map((v: { version: number; themes: string[] }) => [v.version, v.themes])).toEqual([
      [2, ['portaat']],
      [1, ['portaat', 'vanha-teema']],
    ]);
    await json(await member.post(`/api/kehra/areas/${devAreaId}/restore`, { version: 1 }), 200);
    expect((await json(await visitor.get(`/api/kehra/areas/${devAreaId}`), 200)).properties.themes).toEqual([
      'portaat',
      'vanha-teema',
    ]);
  });

  it('a renamed slug shows and filters at once in both, and the old one is unknown', async () => {
    const renamed = await json(
      await admin.patch('/api/admin/themes/portaat', { slug: 'tuomiokirkon-portaat', nameFi: 'Tuomiokirkon portaat' }),
      200,
    );
    expect(renamed).toMatchObject({
      slug: 'tuomiokirkon-portaat',
      nameFi: 'Tuomiokirkon portaat',
      uses: { kehraDevAreas: 1, partnershipTables: 1 },
    });

    expect((await json(await visitor.get(`/api/kehra/areas/${devAreaId}`), 200)).properties.themes).toContain(
      'tuomiokirkon-portaat',
    );
    expect((await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200)).themes).toEqual(['tuomiokirkon-portaat']);
    expect(ids(await json(await visitor.get('/api/kehra?theme=tuomiokirkon-portaat'), 200))).toEqual([devAreaId]);
    expect(ids(await json(await visitor.get('/api/partnership-tables?theme=tuomiokirkon-portaat'), 200))).toEqual([tableId]);
    const csv = await (await visitor.get('/api/partnership-tables.csv?theme=tuomiokirkon-portaat')).text();
    expect(csv).toContain('tuomiokirkon-portaat');

    expect((await json(await visitor.get('/api/kehra?theme=portaat'), 400)).error.message).toMatch(/unknown theme\(s\): portaat/);
    expect((await json(await visitor.get('/api/partnership-tables?theme=portaat'), 400)).error.message).toMatch(
      /unknown theme\(s\): portaat/,
    );
  });

  it('refuses a slug another theme has, changing nothing', async () => {
    const taken = await json(await admin.patch('/api/admin/themes/tuomiokirkon-portaat', { slug: 'culture' }), 409);
    expect(taken.error.code).toBe('already_exists');
    expect(taken.error.message).toMatch(/^slug: /);
    expect(await usesOf('tuomiokirkon-portaat')).toMatchObject({ kehraDevAreas: 1, partnershipTables: 1 });
  });
});
