import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

/** Helsinki Cathedral: in Kruununhaka (osa-alue), Vironniemi (peruspiiri), Eteläinen (suurpiiri). */
const CATHEDRAL: [number, number] = [24.9522, 60.1704];
/** A small square around the cathedral, inside Kruununhaka. */
const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
const square = (lon: number, lat: number, d = 0.0006) => {
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
let memberA: TestAgent;
let memberB: TestAgent;
let resident: TestAgent;
let official: TestAgent;
let visitor: TestAgent;
let groupA: number;
let groupB: number;
const area = {} as Record<'kruununhaka' | 'vironniemi' | 'kallio' | 'kamppi', number>;

const areaId = async (level: string, name: string) => {
  const { rows } = await db.knex.raw('SELECT id FROM areas WHERE level = ? AND lower(name_fi) = lower(?)', [level, name]);
  expect(rows, `${level} ${name}`).toHaveLength(1);
  return rows[0].id as number;
};
const count = async (sql: string, b: (string | number)[] = []) => (await db.knex.raw(sql, b)).rows[0].n as number;
const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};

async function submitIdea(title: string, coordinates: [number, number]): Promise<number> {
  const res = await visitor.post('/api/ideas', {
    title,
    description: 'Idea for the Kehrä plan.',
    themes: ['community'],
    geometry: { type: 'Point', coordinates },
  });
  return (await json(res, 201)).id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h,idea.account=1000/1h' } });
  area.kruununhaka = await areaId('osa_alue', 'Kruununhaka');
  area.kamppi = await areaId('osa_alue', 'Kamppi');
  area.vironniemi = await areaId('peruspiiri', 'Vironniemi');
  area.kallio = await areaId('peruspiiri', 'Kallio');
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  admin = await agent({ roles: ['admin'], displayName: 'Ada Admin' });
  visitor = new TestAgent(server.url);
  resident = await agent({ roles: ['resident'] });
  official = await agent({ roles: ['official'], departments: ['kymp'] });

  const a = await json(
    await admin.post('/api/kehra/groups', {
      name: 'Kruununhaan Kehrä',
      description: 'Asukkaat, yritykset ja kaupunki yhdessä.',
      contactName: 'Kaisa Kehrä',
      contactEmail: 'kehra@example.test',
      areaIds: [area.kruununhaka],
    }),
    201,
  );
  groupA = a.id;
  groupB = (await json(await admin.post('/api/kehra/groups', { name: 'Kallion Kehrä', areaIds: [area.kallio] }), 201)).id;
  memberA = await agent({ roles: ['kehra'], kehraGroups: [groupA], displayName: 'Mikko Member' });
  memberB = await agent({ roles: ['kehra'], kehraGroups: [groupB] });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('Kehrä groups: the balance of the three sectors', () => {
  it('warns while a sector is missing and not once all three take part', async () => {
    expect(
      await json(
        await memberA.post(`/api/kehra/groups/${groupA}/members`, { name: 'Riikka Resident', sector: 'residents' }),
        201,
      ),
    ).toMatchObject({
      sector: 'residents',
    });
    await json(
      await memberA.post(`/api/kehra/groups/${groupA}/members`, {
        name: 'Bertta Business',
        sector: 'businesses',
        organisation: 'Kahvila Oy',
      }),
      201,
    );
    let g = await json(await visitor.get(`/api/kehra/groups/${groupA}`), 200);
    expect(g.balance.counts).toEqual({ residents: 1, businesses: 1, city: 0 });
    expect(g.balance.missing).toEqual(['city']);
    expect(g.balance.warnings).toContainEqual({ code: 'sector_missing', sector: 'city' });
    expect(g.contact).toEqual({ name: 'Kaisa Kehrä', email: 'kehra@example.test', phone: null });
    expect(g.districts.map((d: { id: number }) => d.id)).toEqual([area.kruununhaka]);

    const kalle = await json(
      await memberA.post(`/api/kehra/groups/${groupA}/members`, { name: 'Kalle City', sector: 'city', organisation: 'Kaupunki' }),
      201,
    );
    g = await json(await visitor.get(`/api/kehra/groups/${groupA}`), 200);
    expect(g.balance.missing).toEqual([]);
    expect(g.balance.warnings).toEqual([]);
    expect(g.balance.shares.city).toBeCloseTo(1 / 3);

    // A member's organisation, and the group's contact person, can be removed with null.
    expect(
      await json(await memberA.patch(`/api/kehra/groups/${groupA}/members/${kalle.id}`, { organisation: null }), 200),
    ).toMatchObject({
      name: 'Kalle City',
      sector: 'city',
      organisation: null,
    });
    g = await json(await memberA.patch(`/api/kehra/groups/${groupA}`, { contactName: null, contactPhone: '09 310 1234' }), 200);
    expect(g.contact).toEqual({ name: null, email: 'kehra@example.test', phone: '09 310 1234' });
    expect(g.name).toBe('Kruununhaan Kehrä');
    expect((await memberA.patch(`/api/kehra/groups/${groupA}`, { name: null })).status).toBe(400);
    g = await json(await memberA.patch(`/api/kehra/groups/${groupA}`, { contactName: 'Kaisa Kehrä', contactPhone: null }), 200);
    expect(g.contact).toEqual({ name: 'Kaisa Kehrä', email: 'kehra@example.test', phone: null });

    // Another group's member cannot add people to this group.
    const before = await count('SELECT count(*)::int AS n FROM kehra_members');
    expect((await memberB.post(`/api/kehra/groups/${groupA}/members`, { name: 'Intruder', sector: 'city' })).status).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM kehra_members')).toBe(before);
  });

  it('lets only admins create groups, and lists groups by district', async () => {
    expect((await memberA.post('/api/kehra/groups', { name: 'Oma Kehrä' })).status).toBe(403);
    expect((await visitor.post('/api/kehra/groups', { name: 'Oma Kehrä' })).status).toBe(401);
    expect((await admin.post('/api/kehra/groups', { name: 'Kallion Kehrä' })).status).toBe(409);
    const groups = await json(await visitor.get(`/api/kehra/groups?area=${area.vironniemi}`), 200);
    expect(groups.map((g: { name: string }) => g.name)).toEqual(['Kruununhaan Kehrä']);
  });
});

describe('development areas', () => {
  let devAreaId: number;
  const first = square(...CATHEDRAL);
  const second = square(CATHEDRAL[0] + 0.0002, CATHEDRAL[1], 0.0008);
  const snapshot = async () =>
    (await db.knex.raw(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM (SELECT * FROM kehra_dev_areas) x`))
      .rows[0].h + (await count('SELECT count(*)::int AS n FROM kehra_dev_area_versions'));

  it('are drawn by a member of the group', async () => {
    const f = await json(
      await memberA.post(`/api/kehra/groups/${groupA}/areas`, {
        name: 'Tuomiokirkon ympäristö',
        description: 'Kohtaamispaikkoja portaiden juurelle.',
        themes: ['community', 'culture'],
        status: 'planning',
        geometry: first,
      }),
      201,
    );
    devAreaId = f.id;
    expect(f.properties).toMatchObject({
      groupId: groupA,
      groupName: 'Kruununhaan Kehrä',
      version: 1,
      status: 'planning',
      themes: ['culture', 'community'],
    });
    expect(f.geometry.type).toBe('MultiPolygon');
  });

  it('cannot be drawn or edited by anyone else (403/401, nothing changes); admins may', async () => {
    const before = await snapshot();
    const body = { name: 'Vieras alue', status: 'idea', geometry: second };
    expect((await memberB.post(`/api/kehra/groups/${groupA}/areas`, body)).status).toBe(403);
    expect((await resident.post(`/api/kehra/groups/${groupA}/areas`, body)).status).toBe(403);
    expect((await official.post(`/api/kehra/groups/${groupA}/areas`, body)).status).toBe(403);
    expect((await visitor.post(`/api/kehra/groups/${groupA}/areas`, body)).status).toBe(401);
    const b = await memberB.patch(`/api/kehra/areas/${devAreaId}`, { geometry: second });
    expect(b.status).toBe(403);
    expect((await b.json()).error.code).toBe('out_of_scope');
    expect((await resident.patch(`/api/kehra/areas/${devAreaId}`, { name: 'Kaapattu' })).status).toBe(403);
    expect((await visitor.patch(`/api/kehra/areas/${devAreaId}`, { name: 'Kaapattu' })).status).toBe(401);
    expect((await memberB.post(`/api/kehra/areas/${devAreaId}/restore`, { version: 1 })).status).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await admin.patch(`/api/kehra/areas/${devAreaId}`, { status: 'active' })).status).toBe(200);
  });

  it('keeps every version and restores an earlier shape as a new version', async () => {
    const edited = await json(
      await memberA.patch(`/api/kehra/areas/${devAreaId}`, { geometry: second, name: 'Laajennettu alue' }),
      200,
    );
    expect(edited.properties).toMatchObject({ version: 3, name: 'Laajennettu alue', status: 'active' });
    const versions = await json(await visitor.get(`/api/kehra/areas/${devAreaId}/versions`), 200);
    expect(versions.map((v: { version: number; action: string }) => [v.version, v.action])).toEqual([
      [3, 'update'],
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(versions[2].geometry.coordinates[0]).toEqual(first.coordinates);
    expect(versions[2].name).toBe('Tuomiokirkon ympäristö');
    expect(versions[0].editedBy).toBe('Mikko Member');

    const restored = await json(await memberA.post(`/api/kehra/areas/${devAreaId}/restore`, { version: 1 }), 200);
    expect(restored.properties).toMatchObject({ version: 4, name: 'Tuomiokirkon ympäristö', status: 'planning' });
    expect(restored.geometry.coordinates[0]).toEqual(first.coordinates);
    const after = await json(await visitor.get(`/api/kehra/areas/${devAreaId}/versions`), 200);
    expect(after[0]).toMatchObject({ version: 4, action: 'restore', restoredFrom: 1 });
    expect(after).toHaveLength(4);
    expect((await memberA.post(`/api/kehra/areas/${devAreaId}/restore`, { version: 99 })).status).toBe(404);
  });

  it('refuses shapes that are not polygons in the city', async () => {
    const res = await memberA.post(`/api/kehra/groups/${groupA}/areas`, {
      name: 'Piste',
      status: 'idea',
      geometry: { type: 'Point', coordinates: CATHEDRAL },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_geometry');
    const outside = await memberA.post(`/api/kehra/groups/${groupA}/areas`, {
      name: 'Tallinna',
      status: 'idea',
      geometry: square(24.75, 59.44),
    });
    expect(outside.status).toBe(400);
  });

  it('form a map layer with area and theme filters, CSV and GeoJSON exports and an OGC collection', async () => {
    const all = await json(await visitor.get('/api/kehra'), 200);
    expect(all.features.map((f: { id: number }) => f.id)).toEqual([devAreaId]);
    expect((await json(await visitor.get(`/api/kehra?area=${area.kruununhaka}&theme=culture`), 200)).features).toHaveLength(1);
    expect((await json(await visitor.get(`/api/kehra?area=${area.kallio}`), 200)).features).toHaveLength(0);
    expect((await json(await visitor.get('/api/kehra?theme=youth'), 200)).features).toHaveLength(0);
    expect((await visitor.get('/api/kehra?theme=no-such-theme')).status).toBe(400);
    expect((await visitor.get('/api/kehra?area=999999')).status).toBe(400);

    const csv = await visitor.get('/api/kehra.csv');
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,groupId,groupName,name,description,themes,status,version,updatedAt,wkt');
    expect(lines[1]).toContain('Kruununhaan Kehrä');
    expect(lines[1]).toContain('culture;community');
    expect((await visitor.get('/api/kehra?format=csv')).headers.get('content-type')).toContain('text/csv');
    const gj = await json(await visitor.get('/api/kehra.geojson'), 200);
    expect(gj.features).toHaveLength(1);

    const ogc = await json(await visitor.get('/ogc/collections/kehra-areas/items?theme=culture'), 200);
    expect(ogc.numberMatched).toBe(1);
    expect(ogc.features[0].properties.groupName).toBe('Kruununhaan Kehrä');
    expect((await json(await visitor.get(`/ogc/collections/kehra-areas/items/${devAreaId}`), 200)).id).toBe(devAreaId);
    const collections = await json(await visitor.get('/ogc/collections'), 200);
    expect(collections.collections.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['kehra-areas', 'partnership-tables']),
    );
  });
});

describe('the development plan', () => {
  let idea1: number;
  let idea2: number;
  let ideaFar: number;

  beforeAll(async () => {
    idea1 = await submitIdea('Penkit tuomiokirkon portaille', CATHEDRAL);
    idea2 = await submitIdea('Kesäkahvila Senaatintorille', [CATHEDRAL[0] + 0.0002, CATHEDRAL[1] - 0.0002]);
    ideaFar = await submitIdea('Kallion saunailta', [24.9497, 60.1841]);
  });

  it('offers the ideas that touch the group areas and refuses others', async () => {
    const candidates = await json(await visitor.get(`/api/kehra/groups/${groupA}/plan/candidates`), 200);
    const ids = candidates.map((c: { ideaId: number }) => c.ideaId);
    expect(ids).toEqual(expect.arrayContaining([idea1, idea2]));
    expect(ids).not.toContain(ideaFar);
    const res = await memberA.post(`/api/kehra/groups/${groupA}/plan/items`, { ideaId: ideaFar });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('idea_outside_group_areas');
    expect((await memberA.post(`/api/kehra/groups/${groupA}/plan/items`, { ideaId: 99999999 })).status).toBe(400);
  });

  it('follows the order the group gives, with notes and funding status', async () => {
    await json(
      await memberA.post(`/api/kehra/groups/${groupA}/plan/items`, {
        ideaId: idea1,
        note: 'Helppo aloittaa',
        fundingStatus: 'seeking_funding',
      }),
      201,
    );
    const plan = await json(await memberA.post(`/api/kehra/groups/${groupA}/plan/items`, { ideaId: idea2 }), 201);
    expect(plan.items.map((i: { ideaId: number; rank: number }) => [i.rank, i.ideaId])).toEqual([
      [1, idea1],
      [2, idea2],
    ]);
    expect((await memberA.post(`/api/kehra/groups/${groupA}/plan/items`, { ideaId: idea1 })).status).toBe(409);

    const reordered = await json(await memberA.put(`/api/kehra/groups/${groupA}/plan/order`, { ideaIds: [idea2, idea1] }), 200);
    expect(reordered.items.map((i: { ideaId: number; rank: number }) => [i.rank, i.ideaId])).toEqual([
      [1, idea2],
      [2, idea1],
    ]);
    expect(reordered.items[1]).toMatchObject({
      note: 'Helppo aloittaa',
      fundingStatus: 'seeking_funding',
      title: 'Penkit tuomiokirkon portaille',
    });

    // The whole list or nothing; others cannot reorder.
    expect((await memberA.put(`/api/kehra/groups/${groupA}/plan/order`, { ideaIds: [idea1] })).status).toBe(409);
    expect((await memberB.put(`/api/kehra/groups/${groupA}/plan/order`, { ideaIds: [idea1, idea2] })).status).toBe(403);

    await json(await memberA.patch(`/api/kehra/groups/${groupA}/plan/items/${idea1}`, { fundingStatus: 'funded' }), 200);
    await json(
      await memberA.put(`/api/kehra/groups/${groupA}/plan/goals`, {
        goals: [
          { theme: 'community', goal: 'Lisää kohtaamisia' },
          { theme: 'culture', goal: 'Kesäkonsertit' },
        ],
      }),
      200,
    );
    const seen = await json(await visitor.get(`/api/kehra/groups/${groupA}/plan`), 200);
    expect(seen.items.map((i: { ideaId: number }) => i.ideaId)).toEqual([idea2, idea1]);
    expect(seen.items[1].fundingStatus).toBe('funded');
    expect(seen.goals).toEqual([
      { theme: 'community', goal: 'Lisää kohtaamisia' },
      { theme: 'culture', goal: 'Kesäkonsertit' },
    ]);

    const removed = await json(await memberA.request('DELETE', `/api/kehra/groups/${groupA}/plan/items/${idea2}`), 200);
    expect(removed.items.map((i: { ideaId: number; rank: number }) => [i.rank, i.ideaId])).toEqual([[1, idea1]]);
    await json(await memberA.post(`/api/kehra/groups/${groupA}/plan/items`, { ideaId: idea2 }), 201);
  });
});

describe('who is active here', () => {
  let tableHere: number;
  let tableKallio: number;

  beforeAll(async () => {
    const table = (name: string, areaId: number) =>
      official.post('/api/partnership-tables', {
        name,
        convener: 'Kaupunginkanslia',
        themes: ['community'],
        areaId,
        contactName: 'Pekka Pöytä',
      });
    tableHere = (await json(await table('Vironniemen kumppanuuspöytä', area.vironniemi), 201)).id;
    tableKallio = (await json(await table('Kallion kumppanuuspöytä', area.kallio), 201)).id;
  });

  it('finds the Kehrä groups, partnership tables and ideas at a point on real districts', async () => {
    const here = await json(await visitor.get(`/api/who-is-active?lon=${CATHEDRAL[0]}&lat=${CATHEDRAL[1]}`), 200);
    expect(here.places.map((p: { nameFi: string }) => p.nameFi.toLowerCase())).toEqual([
      'eteläinen',
      'vironniemi',
      'kruununhaka',
    ]);
    expect(here.kehraGroups).toEqual([
      {
        id: groupA,
        name: 'Kruununhaan Kehrä',
        contact: { name: 'Kaisa Kehrä', email: 'kehra@example.test', phone: null },
        via: ['dev_area', 'district'],
      },
    ]);
    expect(here.partnershipTables.map((t: { id: number }) => t.id)).toEqual([tableHere]);
    expect(here.partnershipTables[0].contact.name).toBe('Pekka Pöytä');
    const titles = here.ideas.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['Penkit tuomiokirkon portaille', 'Kesäkahvila Senaatintorille']));
    expect(titles).not.toContain('Kallion saunailta');
  });

  it('finds them for an area too, and nothing of the neighbours', async () => {
    const kallio = await json(await visitor.get(`/api/who-is-active?area=${area.kallio}`), 200);
    expect(kallio.kehraGroups.map((g: { id: number }) => g.id)).toEqual([groupB]);
    expect(kallio.partnershipTables.map((t: { id: number }) => t.id)).toEqual([tableKallio]);
    expect(kallio.ideas.map((i: { title: string }) => i.title)).toEqual(['Kallion saunailta']);
    const kamppi = await json(await visitor.get(`/api/who-is-active?area=${area.kamppi}`), 200);
    expect(kamppi.kehraGroups).toEqual([]);
    expect(kamppi.partnershipTables).toEqual([]);
  });

  it('shows the local networks on the page of an idea in their district, and not elsewhere', async () => {
    const here = await submitIdea('Idea at the Cathedral', CATHEDRAL);
    const page = await json(await visitor.get(`/api/ideas/${here}`), 200);
    expect(page.localNetworks.kehraGroups.map((g: { id: number }) => g.id)).toEqual([groupA]);
    expect(page.localNetworks.partnershipTables.map((t: { id: number }) => t.id)).toEqual([tableHere]);
    const kamppi = await submitIdea('Idea in Kamppi', [24.9322, 60.1685]);
    const other = await json(await visitor.get(`/api/ideas/${kamppi}`), 200);
    expect(other.localNetworks).toEqual({ kehraGroups: [], partnershipTables: [] });
  });

  it('explains bad input', async () => {
    expect((await visitor.get('/api/who-is-active?lon=24.95')).status).toBe(400);
    expect((await visitor.get('/api/who-is-active')).status).toBe(400);
    expect((await visitor.get(`/api/who-is-active?lon=24.9&lat=60.1&area=${area.kallio}`)).status).toBe(400);
    expect((await visitor.get('/api/who-is-active?area=999999')).status).toBe(400);
  });
});
