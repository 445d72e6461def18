/**
 * Every numeric id and paging parameter is bounded to what PostgreSQL's int4 holds: a number past
 * 2^31 is a 400 naming the parameter, never a 500 from the database (as it was on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: TestServer;
const agents: Record<'visitor' | 'resident' | 'official' | 'admin' | 'kehra', TestAgent> = {} as never;
let groupId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  groupId = await createTestKehraGroup(db.knex, 'Rajatestin Kehrä');
  agents.visitor = new TestAgent(server.url);
  agents.resident = await agent({ roles: ['resident'] });
  agents.official = await agent({ roles: ['official'], departments: ['kymp'] });
  agents.admin = await agent({ roles: ['admin'] });
  agents.kehra = await agent({ roles: ['kehra'], kehraGroups: [groupId] });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const HUGE = ['2147483648', '1e20'];
const asNumber = (v: string) => Number(v);
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [24.94, 60.17],
      [24.95, 60.17],
      [24.95, 60.175],
      [24.94, 60.17],
    ],
  ],
};

interface Case {
  name: string;
  /** The parameter the answer must name. */
  param: string;
  as: keyof typeof agents;
  request: (v: string) => { method: string; path: string; body?: unknown };
}
const get = (path: (v: string) => string) => (v: string) => ({ method: 'GET', path: path(v) });
const post =
  (path: string, body: (v: string) => unknown, method = 'POST') =>
  (v: string) => ({ method, path, body: body(v) });

const cases: Case[] = [
  { name: 'ideas offset', param: 'offset', as: 'visitor', request: get((v) => `/api/ideas?offset=${v}`) },
  { name: 'ideas area', param: 'area', as: 'visitor', request: get((v) => `/api/ideas?area=${v}`) },
  { name: 'idea id', param: 'id', as: 'visitor', request: get((v) => `/api/ideas/${v}`) },
  { name: 'idea comments id', param: 'id', as: 'visitor', request: get((v) => `/api/ideas/${v}/comments`) },
  { name: 'activities offset', param: 'offset', as: 'visitor', request: get((v) => `/api/activities?offset=${v}`) },
  { name: 'activities area', param: 'area', as: 'visitor', request: get((v) => `/api/activities?area=${v}`) },
  { name: 'activities.csv offset', param: 'offset', as: 'visitor', request: get((v) => `/api/activities.csv?offset=${v}`) },
  { name: 'activity id', param: 'id', as: 'visitor', request: get((v) => `/api/activities/${v}`) },
  { name: 'GET overlaps area', param: 'area', as: 'visitor', request: get((v) => `/api/overlaps?area=${v}`) },
  { name: 'POST overlaps area', param: 'area', as: 'visitor', request: post('/api/overlaps', (v) => ({ area: asNumber(v) })) },
  { name: 'kehra offset', param: 'offset', as: 'visitor', request: get((v) => `/api/kehra?offset=${v}`) },
  { name: 'kehra area', param: 'area', as: 'visitor', request: get((v) => `/api/kehra?area=${v}`) },
  { name: 'kehra group id', param: 'id', as: 'visitor', request: get((v) => `/api/kehra/groups/${v}`) },
  { name: 'kehra area id', param: 'id', as: 'visitor', request: get((v) => `/api/kehra/areas/${v}`) },
  { name: 'tables offset', param: 'offset', as: 'visitor', request: get((v) => `/api/partnership-tables?offset=${v}`) },
  { name: 'tables area', param: 'area', as: 'visitor', request: get((v) => `/api/partnership-tables?area=${v}`) },
  { name: 'table id', param: 'id', as: 'visitor', request: get((v) => `/api/partnership-tables/${v}`) },
  {
    name: 'OGC items offset',
    param: 'offset',
    as: 'visitor',
    request: get((v) => `/ogc/collections/activities/items?offset=${v}`),
  },
  {
    name: 'idea areaId',
    param: 'areaId',
    as: 'visitor',
    request: post('/api/ideas', (v) => ({ title: 'Rajatesti', description: 'Kuvaus', themes: ['traffic'], areaId: asNumber(v) })),
  },
  {
    name: 'comment parentId',
    param: 'parentId',
    as: 'resident',
    request: post('/api/ideas/1/comments', (v) => ({ body: 'Hei', parentId: asNumber(v) })),
  },
  {
    name: 'report targetId',
    param: 'targetId',
    as: 'visitor',
    request: post('/api/reports', (v) => ({ targetType: 'idea', targetId: asNumber(v), reason: 'Asiaton' })),
  },
  {
    name: 'table areaId',
    param: 'areaId',
    as: 'official',
    request: post('/api/partnership-tables', (v) => ({ name: 'Rajapöytä', convener: 'Kaupunki', areaId: asNumber(v) })),
  },
  {
    name: 'kehra plan item ideaId',
    param: 'ideaId',
    as: 'kehra',
    request: (v) => ({ method: 'POST', path: `/api/kehra/groups/${groupId}/plan/items`, body: { ideaId: asNumber(v) } }),
  },
  {
    name: 'kehra plan order ideaIds',
    param: 'ideaIds',
    as: 'kehra',
    request: (v) => ({ method: 'PUT', path: `/api/kehra/groups/${groupId}/plan/order`, body: { ideaIds: [asNumber(v)] } }),
  },
  { name: 'admin user id', param: 'id', as: 'admin', request: get((v) => `/api/admin/users/${v}`) },
  { name: 'admin users offset', param: 'offset', as: 'admin', request: get((v) => `/api/admin/users?offset=${v}`) },
  { name: 'audit actorId', param: 'actorId', as: 'admin', request: get((v) => `/api/admin/audit?actorId=${v}`) },
  {
    name: 'roles kehraGroups',
    param: 'kehraGroups',
    as: 'admin',
    request: post('/api/admin/users/1/roles', (v) => ({ roles: ['kehra'], kehraGroups: [asNumber(v)] }), 'PUT'),
  },
];

describe('ids and offsets past int4', () => {
  it.each(cases.flatMap((c) => HUGE.map((v) => [c.name, v, c] as const)))(
    '%s = %s answers 400 naming it',
    async (_n, value, c) => {
      const { method, path, body } = c.request(value);
      const res = await agents[c.as].request(method, path, body);
      const text = await res.text();
      expect(res.status, text.slice(0, 300)).toBe(400);
      const { error } = JSON.parse(text) as { error: { message: string; details: { path: string[] }[] | null } };
      expect(
        error.details?.map((d) => d.path[0]),
        error.message,
      ).toContain(c.param);
    },
  );

  it('still takes the largest id (a plain 404) and a drawn area', async () => {
    expect((await agents.visitor.get('/api/ideas/2147483647')).status).toBe(404);
    expect((await agents.visitor.get('/api/activities/2147483647')).status).toBe(404);
    expect((await agents.visitor.post('/api/overlaps', { geometry: square })).status).toBe(200);
  });
});
