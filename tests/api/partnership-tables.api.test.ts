import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { OUTCOME_ROUTES } from '../../server/src/contracts/partnership-tables.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const CATHEDRAL: [number, number] = [24.9522, 60.1704];
const DAY = 86_400_000;

let db: TestDatabase;
let server: TestServer;
let official: TestAgent;
let admin: TestAgent;
let resident: TestAgent;
let kehra: TestAgent;
let visitor: TestAgent;
let vironniemi: number;
let kallio: number;
let tableId: number;

const areaId = async (level: string, name: string) => {
  const { rows } = await db.knex.raw('SELECT id FROM areas WHERE level = ? AND lower(name_fi) = lower(?)', [level, name]);
  expect(rows).toHaveLength(1);
  return rows[0].id as number;
};
const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
  vironniemi = await areaId('peruspiiri', 'Vironniemi');
  kallio = await areaId('peruspiiri', 'Kallio');
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  official = await agent({ roles: ['official'], departments: ['kuva'] });
  admin = await agent({ roles: ['admin'] });
  resident = await agent({ roles: ['resident'] });
  kehra = await agent({ roles: ['kehra'], kehraGroups: [await createTestKehraGroup(db.knex, 'Pöytätestin Kehrä')] });
  visitor = new TestAgent(server.url);
  const t = await json(
    await official.post('/api/partnership-tables', {
      name: 'Vironniemen kumppanuuspöytä',
      convener: 'Kulttuurin ja vapaa-ajan toimiala',
      description: 'Alueen toimijat yhteisen pöydän ääreen.',
      themes: ['culture', 'youth'],
      areaId: vironniemi,
      meetingPlaceName: 'Kruununhaan kirjasto',
      meetingPlace: { lon: CATHEDRAL[0], lat: CATHEDRAL[1] },
      contactName: 'Pekka Pöytä',
      contactEmail: 'poyta@example.test',
    }),
    201,
  );
  tableId = t.id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('partnership tables', () => {
  it('are set up by officials and admins only', async () => {
    const body = { name: 'Luvaton pöytä', convener: 'Joku', areaId: kallio };
    const before = (await db.knex.raw('SELECT count(*)::int AS n FROM partnership_tables')).rows[0].n;
    expect((await resident.post('/api/partnership-tables', body)).status).toBe(403);
    expect((await kehra.post('/api/partnership-tables', body)).status).toBe(403);
    expect((await visitor.post('/api/partnership-tables', body)).status).toBe(401);
    expect((await resident.post(`/api/partnership-tables/${tableId}/participants`, { name: 'X', sector: 'city' })).status).toBe(
      403,
    );
    expect((await db.knex.raw('SELECT count(*)::int AS n FROM partnership_tables')).rows[0].n).toBe(before);
    // A drawn polygon works as the area as well as a district.
    const drawn = await json(
      await admin.post('/api/partnership-tables', {
        name: 'Kallion pöytä',
        convener: 'Kallion seurakunta',
        themes: ['community'],
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [24.945, 60.182],
              [24.955, 60.182],
              [24.955, 60.186],
              [24.945, 60.186],
              [24.945, 60.182],
            ],
          ],
        },
      }),
      201,
    );
    expect(drawn.area).toBeNull();
    expect(drawn.geometry.type).toBe('MultiPolygon');
    expect(
      (await official.post('/api/partnership-tables', { ...body, geometry: { type: 'Point', coordinates: CATHEDRAL } })).status,
    ).toBe(400);
  });

  it('warns about the sector balance and a size outside 5–15 people, without refusing', async () => {
    let t = await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200);
    expect(t.balance.warnings).toEqual(
      expect.arrayContaining([
        { code: 'too_few_participants', min: 5, count: 0 },
        { code: 'sector_missing', sector: 'city' },
      ]),
    );
    const people = [
      ['Asta Asukas', 'residents'],
      ['Yrjö Yhdistys', 'residents'],
      ['Yrittäjä Ylva', 'businesses'],
      ['Kaija Kaupunki', 'city'],
      ['Kalle Kirjasto', 'city'],
    ] as const;
    for (const [name, sector] of people) {
      await json(
        await official.post(`/api/partnership-tables/${tableId}/participants`, { name, sector, organisation: 'Org' }),
        201,
      );
    }
    t = await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200);
    expect(t.balance.total).toBe(5);
    expect(t.balance.warnings).toEqual([]);

    const ids: number[] = [];
    for (let i = 0; i < 11; i++) {
      const sector = (['residents', 'businesses', 'city'] as const)[i % 3];
      ids.push(
        (
          await json(
            await official.post(`/api/partnership-tables/${tableId}/participants`, { name: `Osallistuja ${i}`, sector }),
            201,
          )
        ).id,
      );
    }
    t = await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200);
    expect(t.balance.warnings).toEqual([{ code: 'too_many_participants', max: 15, count: 16 }]);
    expect((await official.request('DELETE', `/api/partnership-tables/${tableId}/participants/${ids[0]}`)).status).toBe(204);
    t = await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200);
    expect(t.balance.total).toBe(15);
    expect(t.balance.warnings).toEqual([]);
  });

  it('hold meetings; upcoming ones appear in the time filter', async () => {
    const past = await json(
      await official.post(`/api/partnership-tables/${tableId}/meetings`, {
        startsAt: iso(-10),
        place: 'Kirjasto',
        agenda: 'Aloitus',
      }),
      201,
    );
    const next = await json(
      await official.post(`/api/partnership-tables/${tableId}/meetings`, {
        startsAt: iso(7),
        endsAt: iso(7.1),
        place: 'Kaupungintalo',
        placePoint: { lon: 24.9525, lat: 60.1685 },
        agenda: 'Tilojen yhteiskäyttö',
      }),
      201,
    );
    await json(
      await official.patch(`/api/partnership-tables/${tableId}/meetings/${past.id}`, { minutes: 'Sovittiin kolme kokeilua.' }),
      200,
    );
    expect(
      (await official.post(`/api/partnership-tables/${tableId}/meetings`, { startsAt: iso(3), endsAt: iso(2), place: 'X' }))
        .status,
    ).toBe(400);

    const upcoming = await json(await visitor.get('/api/partnership-tables/meetings'), 200);
    expect(upcoming.features.map((f: { id: number }) => f.id)).toEqual([next.id]);
    expect(upcoming.features[0].geometry).toEqual({ type: 'Point', coordinates: [24.9525, 60.1685] });
    expect(upcoming.features[0].properties).toMatchObject({
      tableId,
      tableName: 'Vironniemen kumppanuuspöytä',
      place: 'Kaupungintalo',
    });
    const window = await json(
      await visitor.get(`/api/partnership-tables/meetings?from=${iso(-30).slice(0, 10)}&to=${iso(1).slice(0, 10)}`),
      200,
    );
    expect(window.features.map((f: { id: number }) => f.id)).toEqual([past.id]);
    expect((await json(await visitor.get(`/api/partnership-tables/meetings?area=${kallio}`), 200)).features).toEqual([]);
    expect((await json(await visitor.get('/api/partnership-tables/meetings?theme=culture'), 200)).features).toHaveLength(1);

    const t = await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200);
    expect(t.meetings.map((m: { id: number }) => m.id)).toEqual([past.id, next.id]);
    expect(t.meetings[0].minutes).toBe('Sovittiin kolme kokeilua.');
  });

  it('record outcomes by the routes of the model, linked to ideas and activities', async () => {
    const idea = await json(
      await visitor.post('/api/ideas', {
        title: 'Tyhjä liiketila nuorille',
        description: 'Nuorten iltakäyttöön.',
        themes: ['youth'],
        areaId: vironniemi,
      }),
      201,
    );
    const { rows } = await db.knex.raw(
      `INSERT INTO activities (department_id, kind, title_fi, source, source_id, geom)
       SELECT id, 'participation', 'Asukasilta', 'test', 'pt-1', ST_SetSRID(ST_MakePoint(?, ?), 4326) FROM departments WHERE slug = 'kuva'
       RETURNING id`,
      CATHEDRAL,
    );
    const activityId = rows[0].id as number;
    for (const route of OUTCOME_ROUTES) {
      await json(
        await official.post(`/api/partnership-tables/${tableId}/outcomes`, { route, description: `Tulos: ${route}` }),
        201,
      );
    }
    const t = await json(
      await official.post(`/api/partnership-tables/${tableId}/outcomes`, {
        route: 'joint_action',
        description: 'Tilojen yhteiskäyttö nuorille',
        ideaIds: [idea.id],
        activityIds: [activityId],
      }),
      201,
    );
    expect(t.outcomesByRoute).toEqual({
      municipal_budget: 1,
      joint_action: 2,
      separate_funding: 1,
      resource_targeting: 1,
      savings: 1,
      larger_challenge: 1,
    });
    expect(t.outcomes.at(-1)).toMatchObject({ route: 'joint_action', ideaIds: [idea.id], activityIds: [activityId] });
    expect(
      (await official.post(`/api/partnership-tables/${tableId}/outcomes`, { route: 'lottery', description: 'x' })).status,
    ).toBe(400);
    expect(
      (
        await official.post(`/api/partnership-tables/${tableId}/outcomes`, {
          route: 'savings',
          description: 'x',
          ideaIds: [99999999],
        })
      ).status,
    ).toBe(400);
  });

  it('form a map layer (meeting place and area) with filters, exports and an OGC collection', async () => {
    const layer = await json(await visitor.get('/api/partnership-tables?theme=culture'), 200);
    expect(layer.numberMatched).toBe(1);
    expect(layer.features.map((f: { id: string; geometry: { type: string } }) => [f.id, f.geometry.type])).toEqual([
      [`${tableId}-place`, 'Point'],
      [`${tableId}-area`, 'MultiPolygon'],
    ]);
    expect(layer.features[0].properties).toMatchObject({
      id: tableId,
      role: 'meeting_place',
      participants: 15,
      meetingPlaceName: 'Kruununhaan kirjasto',
    });
    expect(layer.features[0].properties.nextMeeting).not.toBeNull();
    expect((await json(await visitor.get(`/api/partnership-tables?area=${vironniemi}`), 200)).numberMatched).toBe(1);
    expect(
      (await json(await visitor.get(`/api/partnership-tables?area=${kallio}`), 200)).features.map(
        (f: { properties: { name: string } }) => f.properties.name,
      ),
    ).toEqual(['Kallion pöytä']);
    expect((await visitor.get('/api/partnership-tables?theme=NOPE')).status).toBe(400);

    const csv = await (await visitor.get('/api/partnership-tables.csv?theme=culture')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,convener,description,themes,areaId,meetingPlaceName,meetingLon,meetingLat,participants,nextMeeting,publicParticipants,wkt',
    );
    // Contacts and unpublished participants stay out of the open data.
    expect(csv).not.toContain('poyta@example.test');
    expect(lines[1]).toContain('Vironniemen kumppanuuspöytä');
    expect(lines[1]).toContain('youth;culture');
    const gj = await json(await visitor.get('/api/partnership-tables.geojson'), 200);
    expect(gj.features).toHaveLength(2);

    const ogc = await json(await visitor.get('/ogc/collections/partnership-tables/items?theme=youth'), 200);
    expect(ogc.numberMatched).toBe(1);
    expect(ogc.features[0].properties).toMatchObject({
      name: 'Vironniemen kumppanuuspöytä',
      meetingLon: CATHEDRAL[0],
      meetingLat: CATHEDRAL[1],
    });
    expect((await visitor.get('/ogc/collections/partnership-tables/items?stage=submitted')).status).toBe(400);
  });

  it('can be edited by officials', async () => {
    const t = await json(
      await official.patch(`/api/partnership-tables/${tableId}`, { themes: ['culture'], meetingPlaceName: 'Uusi paikka' }),
      200,
    );
    expect(t.themes).toEqual(['culture']);
    expect(t.meetingPlaceName).toBe('Uusi paikka');
    expect((await official.patch('/api/partnership-tables/99999999', { name: 'Ei ole' })).status).toBe(404);
  });

  it('lets officials remove a contact person and the meeting place with null, and nothing else changes', async () => {
    await json(
      await official.patch(`/api/partnership-tables/${tableId}`, {
        contactName: 'Paula Pöytä',
        contactEmail: 'paula@example.test',
      }),
      200,
    );
    const before = await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200);
    expect(before.contact).toMatchObject({ name: 'Paula Pöytä', email: 'paula@example.test' });
    expect(before.meetingPlace).not.toBeNull();
    const after = await json(
      await official.patch(`/api/partnership-tables/${tableId}`, {
        contactName: null,
        contactEmail: null,
        meetingPlace: null,
        meetingPlaceName: null,
      }),
      200,
    );
    expect(after.contact).toMatchObject({ name: null, email: null });
    expect(after).toMatchObject({
      meetingPlace: null,
      meetingPlaceName: null,
      name: before.name,
      themes: before.themes,
      area: before.area,
    });
    // The required fields cannot be emptied: 400, and the table is as it was.
    expect((await official.patch(`/api/partnership-tables/${tableId}`, { name: null })).status).toBe(400);
    expect((await json(await visitor.get(`/api/partnership-tables/${tableId}`), 200)).name).toBe(before.name);

    const meeting = await json(
      await official.post(`/api/partnership-tables/${tableId}/meetings`, {
        startsAt: iso(20),
        endsAt: iso(20.1),
        place: 'Kirjasto',
        placePoint: { lon: 24.9525, lat: 60.1685 },
      }),
      201,
    );
    const cleared = await json(
      await official.patch(`/api/partnership-tables/${tableId}/meetings/${meeting.id}`, { endsAt: null, placePoint: null }),
      200,
    );
    expect(cleared).toMatchObject({
      id: meeting.id,
      startsAt: meeting.startsAt,
      endsAt: null,
      placePoint: null,
      place: 'Kirjasto',
    });
  });
});
