/**
 * Shared city spaces (/api/spaces): the list and its filters through the dataset, a space's page
 * and iCalendar (parsed with ical.js), booking rules, officials' decisions, and the database's own
 * guard against double booking under concurrent confirms. Runs embedded and, with DATABASE_URL,
 * on PostgreSQL.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { upsertSpaces, type SpaceInput } from '../../server/src/spaces/spaces.import.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const REQUESTER_EMAIL = 'varaaja.henkilo@example.test';
const REQUESTER_NAME = 'Vilma Varaaja';

let db: TestDatabase;
let server: TestServer;
let visitor: TestAgent;
let resident: TestAgent;
let member: TestAgent;
let official: TestAgent;
let officialOther: TestAgent;
let admin: TestAgent;
let groupId: number;
let kallio: number;
let vironniemi: number;
let hall: number;
let room: number;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const areaId = async (name: string) => {
  const { rows } = await db.knex.raw("SELECT id FROM areas WHERE level = 'peruspiiri' AND name_fi = ?", [name]);
  expect(rows).toHaveLength(1);
  return rows[0].id as number;
};
const pointIn = async (id: number): Promise<[number, number]> => {
  const { rows } = await db.knex.raw(
    'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM areas WHERE id = ?) s',
    [id],
  );
  return [rows[0].x, rows[0].y];
};
/** A slot `days` ahead starting at `hourUtc` o'clock UTC (12–14 UTC is afternoon in Helsinki, summer or winter). */
const slot = (days: number, hourUtc: number, hours: number) => {
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  const start = midnight + days * DAY + hourUtc * HOUR;
  return { start: new Date(start).toISOString(), end: new Date(start + hours * HOUR).toISOString() };
};
const booking = (s: { start: string; end: string }, extra: Record<string, unknown> = {}) => ({
  ...s,
  purpose: 'Asukasillan suunnittelu',
  attendees: 12,
  ...extra,
});
const count = async (sql: string, bindings: (string | number | number[])[] = []) =>
  (await db.knex.raw(`SELECT count(*)::int AS n FROM ${sql}`, bindings)).rows[0].n as number;
const ids = (fc: { features: { properties: { id: number } }[] }) => fc.features.map((f) => f.properties.id).sort((a, b) => a - b);

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  kallio = await areaId('Kallio');
  vironniemi = await areaId('Vironniemi');
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  groupId = await createTestKehraGroup(db.knex, 'Tilatestin Kehrä');
  visitor = new TestAgent(server.url);
  resident = await agent({ roles: ['resident'], email: REQUESTER_EMAIL, displayName: REQUESTER_NAME });
  member = await agent({ roles: ['resident'], kehraGroups: [groupId], displayName: 'Kalle Kehräläinen' });
  official = await agent({ roles: ['official'], departments: ['kuva'] });
  officialOther = await agent({ roles: ['official'], departments: ['kymp'] });
  admin = await agent({ roles: ['admin'] });
  const [kx, ky] = await pointIn(kallio);
  const [vx, vy] = await pointIn(vironniemi);
  const everyDay = (opens: string, closes: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens, closes }));
  const spaces: SpaceInput[] = [
    {
      sourceId: 'test-youth',
      nameFi: 'Testin nuorisotalo',
      kind: 'youth_centre',
      lon: kx,
      lat: ky,
      address: 'Testikatu 1',
      capacity: 40,
      stepFree: true,
      openHours: everyDay('00:00', '24:00'),
      phone: '+358 9 310 00000',
      url: 'https://nuorisotalo.example.test',
      department: 'kuva',
    },
    {
      sourceId: 'test-hall',
      nameFi: 'Testikoulun juhlasali',
      kind: 'school_hall',
      lon: vx,
      lat: vy,
      address: 'Koulukatu 2',
      capacity: 200,
      openHours: everyDay('08:00', '22:00'),
      department: 'kuva',
    },
  ];
  [room, hall] = await upsertSpaces(db.knex, 'test', spaces);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('the spaces list', () => {
  it('filters by district, capacity, kind and free time, and refuses unknown filters', async () => {
    expect(ids(await json(await visitor.get('/api/spaces'), 200))).toEqual([room, hall].sort((a, b) => a - b));
    expect(ids(await json(await visitor.get(`/api/spaces?area=${kallio}`), 200))).toEqual([room]);
    expect(ids(await json(await visitor.get(`/api/spaces?area=${vironniemi}`), 200))).toEqual([hall]);
    expect(ids(await json(await visitor.get('/api/spaces?capacity=100'), 200))).toEqual([hall]);
    expect(ids(await json(await visitor.get('/api/spaces?kind=youth_centre'), 200))).toEqual([room]);
    const free = slot(3, 12, 2);
    expect(ids(await json(await visitor.get(`/api/spaces?freeFrom=${free.start}&freeTo=${free.end}`), 200))).toHaveLength(2);

    const bad = await json(await visitor.get('/api/spaces?seats=10'), 400);
    expect(bad.error.message).toContain('seats');
    expect((await json(await visitor.get(`/api/spaces?freeFrom=${free.start}`), 400)).error.message).toContain('freeTo');
    expect((await json(await visitor.get('/api/spaces?capacity=lots'), 400)).error.message).toContain('capacity');
    expect((await json(await visitor.get('/api/spaces?kind=castle'), 400)).error.message).toContain('kind');
    expect((await json(await visitor.get(`/api/spaces?freeFrom=${free.end}&freeTo=${free.start}`), 400)).error.message).toContain(
      'freeFrom',
    );
  });

  it('downloads as GeoJSON and CSV, and is an OGC collection', async () => {
    const geo = await json(await visitor.get('/api/spaces.geojson'), 200);
    expect(geo.features).toHaveLength(2);
    expect(geo.features[0].geometry.type).toBe('Point');
    const csv = await (await visitor.get('/api/spaces.csv')).text();
    expect(csv.split('\n')[0]).toContain('capacity');
    expect(csv).toContain('Testikoulun juhlasali');
    const ogc = await json(await visitor.get('/ogc/collections/spaces/items'), 200);
    expect(ogc.features).toHaveLength(2);
  });

  it('shows a space with its open hours and venue contact', async () => {
    const s = await json(await visitor.get(`/api/spaces/${room}`), 200);
    expect(s).toMatchObject({ nameFi: 'Testin nuorisotalo', capacity: 40, canDecide: false, calendar: [] });
    expect(s.openHours).toHaveLength(7);
    expect(s.contact).toEqual({ phone: '+358 9 310 00000', url: 'https://nuorisotalo.example.test' });
    expect(s.accessibility.stepFree).toBe(true);
    expect((await json(await official.get(`/api/spaces/${room}`), 200)).canDecide).toBe(true);
    expect((await json(await officialOther.get(`/api/spaces/${room}`), 200)).canDecide).toBe(false);
    await json(await visitor.get('/api/spaces/999999'), 404);
    await json(await visitor.get('/api/spaces/abc'), 400);
  });
});

describe('booking', () => {
  it('refuses bad requests with a 4xx naming the field, and stores nothing', async () => {
    const before = await count('space_bookings');
    const ok = slot(4, 12, 2);
    expect((await visitor.post(`/api/spaces/${room}/bookings`, booking(ok))).status).toBe(401);
    const field = async (body: unknown, name: string, status = 400, space = room) => {
      const e = await json(await resident.post(`/api/spaces/${space}/bookings`, body), status);
      expect(e.error.message).toContain(name);
    };
    await field(booking({ start: ok.end, end: ok.start }), 'end'); // start after end
    await field(booking({ start: ok.start, end: ok.start }), 'end'); // start = end
    await field(booking(slot(4, 8, 9)), '8 hours'); // overlong
    await field(booking(slot(4, 1, 2), {}), 'open hours', 400, hall); // 03–05 or 04–06 in Helsinki
    await field(booking(ok, { attendees: 41 }), 'attendees');
    await field(booking(slot(-2, 12, 2)), 'future');
    await field(booking(ok, { attendees: 0 }), 'attendees');
    await field(booking(ok, { purpose: '' }), 'purpose');
    await field({ ...booking(ok), extra: 1 }, 'extra');
    await field(booking(ok, { kehraGroupId: groupId }), 'kehraGroupId', 403);
    await json(await resident.post('/api/spaces/999999/bookings', booking(ok)), 404);
    expect(await count('space_bookings')).toBe(before);
  });

  it('is asked for by a group member and confirmed by the space official only', async () => {
    const s = slot(5, 12, 2);
    const b = await json(await member.post(`/api/spaces/${room}/bookings`, booking(s, { kehraGroupId: groupId })), 201);
    expect(b).toMatchObject({
      status: 'requested',
      kehraGroup: { id: groupId, name: 'Tilatestin Kehrä' },
      start: s.start.replace('.000', ''),
    });
    expect((await json(await member.get('/api/spaces/bookings/mine'), 200)).map((x: { id: number }) => x.id)).toContain(b.id);
    expect((await json(await resident.get('/api/spaces/bookings/mine'), 200)).map((x: { id: number }) => x.id)).not.toContain(
      b.id,
    );
    expect((await visitor.get('/api/spaces/bookings/mine')).status).toBe(401);

    const decision = `/api/spaces/${room}/bookings/${b.id}/decision`;
    expect((await visitor.post(decision, { decision: 'confirm' })).status).toBe(401);
    expect((await resident.post(decision, { decision: 'confirm' })).status).toBe(403);
    expect((await member.post(decision, { decision: 'confirm' })).status).toBe(403);
    expect((await officialOther.post(decision, { decision: 'confirm' })).status).toBe(403);
    expect((await json(await official.post(decision, { decision: 'decline' }), 400)).error.message).toContain('reason');
    expect((await json(await official.post(decision, { decision: 'maybe' }), 400)).error.message).toContain('decision');
    // A booking id under another space names nothing there.
    await json(await official.post(`/api/spaces/${hall}/bookings/${b.id}/decision`, { decision: 'confirm' }), 404);

    // The official sees who asked; the requests list is theirs only.
    const requests = await json(await official.get(`/api/spaces/${room}/bookings?status=requested`), 200);
    expect(requests.find((x: { id: number }) => x.id === b.id).requester.name).toBe('Kalle Kehräläinen');
    expect((await officialOther.get(`/api/spaces/${room}/bookings`)).status).toBe(403);
    expect((await resident.get('/api/spaces/bookings/requests')).status).toBe(403);
    expect(
      (await json(await official.get('/api/spaces/bookings/requests'), 200)).some((x: { id: number }) => x.id === b.id),
    ).toBe(true);
    expect(
      (await json(await officialOther.get('/api/spaces/bookings/requests'), 200)).some((x: { id: number }) => x.id === b.id),
    ).toBe(false);

    const confirmed = await json(await official.post(decision, { decision: 'confirm' }), 200);
    expect(confirmed.status).toBe('confirmed');
    expect((await json(await official.post(decision, { decision: 'decline', reason: 'Muutos' }), 409)).error.code).toBe(
      'already_decided',
    );
    const audit = await count("audit_log WHERE action = 'space.booking.confirm' AND target_id = ?", [String(b.id)]);
    expect(audit).toBe(1);

    // The public calendar shows the slot and the group, and the space is no longer free then.
    const page = await json(await visitor.get(`/api/spaces/${room}`), 200);
    expect(page.calendar).toEqual([{ id: b.id, start: confirmed.start, end: confirmed.end, groupName: 'Tilatestin Kehrä' }]);
    expect(ids(await json(await visitor.get(`/api/spaces?freeFrom=${s.start}&freeTo=${s.end}`), 200))).toEqual([hall]);

    const res = await visitor.get(`/api/spaces/${room}/calendar.ics`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toBe('Tilatestin Kehrä');
    expect(events[0].startDate.toJSDate().toISOString()).toBe(new Date(s.start).toISOString());
    expect(events[0].endDate.toJSDate().toISOString()).toBe(new Date(s.end).toISOString());
  });

  it('is declined with a reason the requester sees, and cancelled by the requester only', async () => {
    const s = slot(6, 12, 2);
    const b = await json(await resident.post(`/api/spaces/${hall}/bookings`, booking(s)), 201);
    await json(
      await official.post(`/api/spaces/${hall}/bookings/${b.id}/decision`, { decision: 'decline', reason: 'Sali on remontissa' }),
      200,
    );
    const mine = (await json(await resident.get('/api/spaces/bookings/mine'), 200)).find((x: { id: number }) => x.id === b.id);
    expect(mine).toMatchObject({ status: 'declined', decisionReason: 'Sali on remontissa' });

    const c = await json(await resident.post(`/api/spaces/${hall}/bookings`, booking(slot(6, 15, 1))), 201);
    await json(await official.post(`/api/spaces/${hall}/bookings/${c.id}/decision`, { decision: 'confirm' }), 200);
    expect((await member.post(`/api/spaces/${hall}/bookings/${c.id}/cancel`)).status).toBe(403);
    expect((await json(await resident.post(`/api/spaces/${hall}/bookings/${c.id}/cancel`), 200)).status).toBe('cancelled');
    expect((await resident.post(`/api/spaces/${hall}/bookings/${c.id}/cancel`)).status).toBe(409);
    // The calendar shows a booking with no public group as just booked; a cancelled one not at all.
    expect((await json(await visitor.get(`/api/spaces/${hall}`), 200)).calendar).toEqual([]);
  });

  it('lets many ask for one slot but confirms exactly one of ten concurrent confirms', async () => {
    const s = slot(7, 12, 3);
    const requests = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        resident.post(
          `/api/spaces/${room}/bookings`,
          booking({ start: s.start, end: new Date(Date.parse(s.end) - i * 60_000).toISOString() }),
        ),
      ),
    );
    expect(requests.map((r) => r.status)).toEqual(Array(10).fill(201));
    const bookings = await Promise.all(requests.map((r) => r.json() as Promise<{ id: number }>));
    const answers = await Promise.all(
      bookings.map((b) => admin.post(`/api/spaces/${room}/bookings/${b.id}/decision`, { decision: 'confirm' })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const codes = await Promise.all(answers.filter((r) => r.status === 409).map(async (r) => (await r.json()).error));
    for (const e of codes) expect(e).toMatchObject({ code: 'slot_taken', message: 'the slot overlaps a confirmed booking' });
    expect(
      await count(
        "space_bookings WHERE space_id = ? AND status = 'confirmed' AND slot && tstzrange(?::timestamptz, ?::timestamptz)",
        [room, s.start, s.end],
      ),
    ).toBe(1);
    // The rest stay requests; a new request for the taken slot is refused at once.
    expect(await count("space_bookings WHERE id = ANY(?::int[]) AND status = 'requested'", [bookings.map((b) => b.id)])).toBe(9);
    expect((await json(await member.post(`/api/spaces/${room}/bookings`, booking(s)), 409)).error.code).toBe('slot_taken');
    // A slot right after the confirmed one ([start, end) ranges) is free.
    const after = { start: s.end, end: new Date(Date.parse(s.end) + HOUR).toISOString() };
    await json(await member.post(`/api/spaces/${room}/bookings`, booking(after)), 201);
  });

  it('never shows requester names or e-mails in public output', async () => {
    const s = slot(8, 12, 1);
    const b = await json(await resident.post(`/api/spaces/${room}/bookings`, booking(s)), 201);
    await json(await official.post(`/api/spaces/${room}/bookings/${b.id}/decision`, { decision: 'confirm' }), 200);
    for (const path of [
      '/api/spaces',
      '/api/spaces.geojson',
      '/api/spaces.csv',
      `/api/spaces/${room}`,
      `/api/spaces/${room}/calendar.ics`,
      '/ogc/collections/spaces/items',
    ]) {
      const text = (await (await visitor.get(path)).text()).toLowerCase();
      expect(text, path).not.toContain(REQUESTER_EMAIL);
      expect(text, path).not.toContain(REQUESTER_NAME.toLowerCase());
      // No e-mail address at all (an iCalendar UID is id@host, not an address).
      expect(text.replace(/^uid:.*$/gm, ''), path).not.toMatch(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/);
    }
    const page = await json(await visitor.get(`/api/spaces/${room}`), 200);
    expect(page.calendar.find((x: { id: number }) => x.id === b.id).groupName).toBeNull();
  });
});
