import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_FIXTURE_DIR, importAreasFrom, type AreaImportSummary } from '../../server/src/areas/areas.service.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { setLogLevel } from '../../server/src/log.js';
import { SHARED_HELSINKI_DIR, sharedAreasExist } from '../../server/src/test-support/test-areas.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

/**
 * The stale-district experiment of issue 9: items placed while the offline fixture districts are
 * loaded (where this point lies in the rectangle called Kamppi) must follow the real division
 * (Kluuvi / Vironniemi) once it is imported, in every dataset alike; an item placed by picking a
 * district keeps it. Needs the real division in ../shared/data/helsinki, which CI always has.
 */
const HERE: [number, number] = [24.9384, 60.1699];
const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
/** A few metres around the point: inside one district in both divisions. */
const square = ([lon, lat]: [number, number], d = 0.00008) => {
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

const haveRealDistricts = sharedAreasExist();
if (!haveRealDistricts && process.env.CI !== 'true') {
  console.warn(`area-membership.api.test.ts skipped: no real districts in ${SHARED_HELSINKI_DIR}`);
}

let db: TestDatabase;
let server: TestServer;
let admin: TestAgent;
let official: TestAgent;
let member: TestAgent;
let visitor: TestAgent;
const ids = {} as Record<'activity' | 'idea' | 'pickedIdea' | 'devArea' | 'table' | 'pickedTable' | 'group', number>;
let realImport: AreaImportSummary;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const areaId = async (level: string, name: string) => {
  const { rows } = await db.knex.raw('SELECT id FROM areas WHERE level = ? AND name_fi = ?', [level, name]);
  expect(rows, `${level} ${name}`).toHaveLength(1);
  return rows[0].id as number;
};
const featureIds = (fc: { features: { id: number | string; properties: { id: number } }[] }) =>
  [...new Set(fc.features.map((f) => f.properties.id))].sort((a, b) => a - b);

/** Which of our items each dataset's public `area=` filter returns for one district. */
async function inDistrict(area: number) {
  const mine = (found: number[], ...wanted: number[]) => wanted.filter((id) => found.includes(id));
  const activities = featureIds(await json(await visitor.get(`/api/activities?area=${area}`), 200));
  const ideas = featureIds(await json(await visitor.get(`/api/ideas?area=${area}`), 200));
  const devAreas = featureIds(await json(await visitor.get(`/api/kehra?area=${area}`), 200));
  const tables = featureIds(await json(await visitor.get(`/api/partnership-tables?area=${area}`), 200));
  return {
    activities: mine(activities, ids.activity),
    ideas: mine(ideas, ids.idea, ids.pickedIdea),
    devAreas: mine(devAreas, ids.devArea),
    tables: mine(tables, ids.table, ids.pickedTable),
  };
}

describe.skipIf(!haveRealDistricts && process.env.CI !== 'true')('district membership across a districts re-import', () => {
  beforeAll(async () => {
    setLogLevel('silent');
    expect(haveRealDistricts, `CI needs the real districts in ${SHARED_HELSINKI_DIR}`).toBe(true);
    db = await createTestDatabase();
    await importAreasFrom(db.knex, OFFLINE_FIXTURE_DIR, { isFixture: true });
    server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h,idea.account=1000/1h' } });
    const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
      new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
    admin = await agent({ roles: ['admin'], displayName: 'Ada Admin' });
    official = await agent({ roles: ['official'], departments: ['kymp'], displayName: 'Olli Official' });
    visitor = new TestAgent(server.url);
    const kamppi = await areaId('osa_alue', 'Kamppi');

    ids.activity = (
      await json(
        await official.post('/api/activities', {
          department: 'kymp',
          kind: 'construction',
          status: 'ongoing',
          titleFi: 'Katutyö Lasipalatsin kulmassa',
          themes: ['traffic-streets'],
          geometry: { type: 'Point', coordinates: HERE },
        }),
        201,
      )
    ).id;
    const idea = (body: object) =>
      visitor.post('/api/ideas', { title: 'Penkkejä aukiolle', description: 'Istumapaikkoja.', themes: ['community'], ...body });
    ids.idea = (await json(await idea({ geometry: { type: 'Point', coordinates: HERE } }), 201)).id;
    ids.pickedIdea = (await json(await idea({ title: 'Koko Kamppiin', areaId: kamppi }), 201)).id;
    ids.group = (await json(await admin.post('/api/kehra/groups', { name: 'Keskustan Kehrä', areaIds: [kamppi] }), 201)).id;
    member = await agent({ roles: ['kehra'], kehraGroups: [ids.group], displayName: 'Mikko Member' });
    ids.devArea = (
      await json(
        await member.post(`/api/kehra/groups/${ids.group}/areas`, {
          name: 'Aukion kulma',
          themes: ['community'],
          status: 'idea',
          geometry: square(HERE),
        }),
        201,
      )
    ).id;
    ids.table = (
      await json(
        await official.post('/api/partnership-tables', {
          name: 'Aukion pöytä',
          convener: 'Kaupunkiympäristön toimiala',
          themes: ['community'],
          geometry: square(HERE),
        }),
        201,
      )
    ).id;
    ids.pickedTable = (
      await json(
        await official.post('/api/partnership-tables', {
          name: 'Kampin pöytä',
          convener: 'Kaupunkiympäristön toimiala',
          themes: ['community'],
          areaId: kamppi,
        }),
        201,
      )
    ).id;
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('places everything in the fixture rectangle called Kamppi first', async () => {
    expect(await inDistrict(await areaId('osa_alue', 'Kamppi'))).toEqual({
      activities: [ids.activity],
      ideas: [ids.idea, ids.pickedIdea],
      devAreas: [ids.devArea],
      tables: [ids.table, ids.pickedTable],
    });
  });

  it('moves every dataset to Kluuvi / Vironniemi with the real districts; picked districts stay', async () => {
    realImport = await importAreasFrom(db.knex, SHARED_HELSINKI_DIR);
    const [kluuvi, vironniemi, kamppi] = [
      await areaId('osa_alue', 'Kluuvi'),
      await areaId('peruspiiri', 'Vironniemi'),
      await areaId('osa_alue', 'Kamppi'),
    ];
    const moved = { activities: [ids.activity], ideas: [ids.idea], devAreas: [ids.devArea], tables: [ids.table] };
    expect(await inDistrict(kluuvi)).toEqual(moved);
    expect(await inDistrict(vironniemi)).toEqual(moved);
    // Only the items placed by picking Kamppi are still there.
    expect(await inDistrict(kamppi)).toEqual({
      activities: [],
      ideas: [ids.pickedIdea],
      devAreas: [],
      tables: [ids.pickedTable],
    });

    // The district summaries in the responses say the same.
    const names = (areas: { level: string; nameFi: string }[]) => areas.map((a) => `${a.level}:${a.nameFi}`);
    const activity = await json(await visitor.get(`/api/activities/${ids.activity}`), 200);
    expect(names(activity.properties.areas)).toEqual(['suurpiiri:Eteläinen', 'peruspiiri:Vironniemi', 'osa_alue:Kluuvi']);
    const idea = await json(await visitor.get(`/api/ideas/${ids.idea}`), 200);
    expect(names(idea.properties.areas)).toEqual(['suurpiiri:Eteläinen', 'peruspiiri:Vironniemi', 'osa_alue:Kluuvi']);
    const picked = await json(await visitor.get(`/api/ideas/${ids.pickedIdea}`), 200);
    expect(names(picked.properties.areas)).toEqual(['suurpiiri:Eteläinen', 'peruspiiri:Kampinmalmi', 'osa_alue:Kamppi']);
    const here = await json(await visitor.get(`/api/who-is-active?area=${kluuvi}`), 200);
    expect(here.kehraGroups).toEqual([expect.objectContaining({ id: ids.group, via: ['dev_area'] })]);
    expect(here.partnershipTables.map((t: { id: number }) => t.id)).toEqual([ids.table]);
  });

  it('reports how many items changed district, per dataset', () => {
    expect(realImport.changedDistrict).toEqual({
      activities: 1,
      ideas: 1,
      kehraDevAreas: 1,
      partnershipTables: 1,
      budgetingPlans: 0,
      // Spaces come from the demo fixture or an import; this test places none.
      spaces: 0,
    });
  });

  it('a moved item moves again when its geometry is edited', async () => {
    const kamppi = await areaId('osa_alue', 'Kamppi');
    // The real Kamppi shopping centre, well inside Kamppi.
    await json(await member.patch(`/api/kehra/areas/${ids.devArea}`, { geometry: square([24.9319, 60.1688]) }), 200);
    expect((await inDistrict(kamppi)).devAreas).toEqual([ids.devArea]);
    expect((await inDistrict(await areaId('osa_alue', 'Kluuvi'))).devAreas).toEqual([]);
  });
});
