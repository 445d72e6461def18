/**
 * Who may edit a partnership table (officials of its convening department, its organiser, admins)
 * and what its public outputs carry of its participants (only those who agreed; never contacts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: TestServer;
let organiser: TestAgent;
let colleague: TestAgent;
let otherOfficial: TestAgent;
let admin: TestAgent;
let visitor: TestAgent;
let tableId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  organiser = await agent({ roles: ['official'], departments: ['kuva'] });
  colleague = await agent({ roles: ['official'], departments: ['kuva'] });
  otherOfficial = await agent({ roles: ['official'], departments: ['kasko'] });
  admin = await agent({ roles: ['admin'] });
  visitor = new TestAgent(server.url);
  const { rows } = await db.knex.raw(`SELECT id FROM areas WHERE level = 'peruspiiri' AND name_fi = 'Kallio'`);
  const res = await organiser.post('/api/partnership-tables', {
    name: 'Kallion kumppanuuspöytä',
    convener: 'Kulttuurin ja vapaa-ajan toimiala',
    areaId: rows[0].id,
    contactName: 'Pekka Pöytä',
    contactEmail: 'pekka.poyta@example.test',
  });
  expect(res.status).toBe(201);
  tableId = ((await res.json()) as { id: number }).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('editing a partnership table', () => {
  it('is for the convening department’s officials, the organiser and admins; another department’s official gets 403', async () => {
    const patch = (a: TestAgent, description: string) => a.patch(`/api/partnership-tables/${tableId}`, { description });
    const refused = await patch(otherOfficial, 'Toisen toimialan muokkaus');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('out_of_scope');
    for (const path of ['participants', 'meetings', 'outcomes']) {
      expect((await otherOfficial.post(`/api/partnership-tables/${tableId}/${path}`, {})).status, path).toBe(403);
    }
    const detail = async () =>
      (await (await visitor.get(`/api/partnership-tables/${tableId}`)).json()) as { description: string };
    expect((await detail()).description).toBe('');

    expect((await patch(colleague, 'Saman toimialan muokkaus')).status).toBe(200);
    expect((await patch(admin, 'Ylläpitäjän muokkaus')).status).toBe(200);
    // The organiser keeps the table after moving to another department.
    await db.knex.raw(
      `UPDATE user_departments SET department_id = (SELECT id FROM departments WHERE slug = 'kasko')
                        WHERE user_id = (SELECT created_by FROM partnership_tables WHERE id = ?)`,
      [tableId],
    );
    expect((await patch(organiser, 'Järjestäjän muokkaus')).status).toBe(200);
    expect((await detail()).description).toBe('Järjestäjän muokkaus');
  });
});

describe('participants in public', () => {
  it('are shown (page, CSV) only when they agreed, and the CSV carries no contact or e-mail', async () => {
    const add = async (body: Record<string, unknown>) => {
      const res = await colleague.post(`/api/partnership-tables/${tableId}/participants`, body);
      expect(res.status).toBe(201);
      return res.json() as Promise<{ public: boolean }>;
    };
    expect((await add({ name: 'Julkinen Julia', sector: 'residents', organisation: 'Kallio-Seura', public: true })).public).toBe(
      true,
    );
    expect((await add({ name: 'Yksityinen Yrjö', sector: 'businesses' })).public).toBe(false);
    expect(
      (await colleague.post(`/api/partnership-tables/${tableId}/participants`, { name: 'X', sector: 'city', public: 'yes' }))
        .status,
    ).toBe(400);

    type Detail = { participants: { name: string }[]; balance: { total: number } };
    const seen = (await (await visitor.get(`/api/partnership-tables/${tableId}`)).json()) as Detail;
    expect(seen.participants.map((p) => p.name)).toEqual(['Julkinen Julia']);
    expect(seen.balance.total).toBe(2);
    const editors = (await (await colleague.get(`/api/partnership-tables/${tableId}`)).json()) as Detail;
    expect(editors.participants.map((p) => p.name).sort()).toEqual(['Julkinen Julia', 'Yksityinen Yrjö']);
    const outsiders = (await (await otherOfficial.get(`/api/partnership-tables/${tableId}`)).json()) as Detail;
    expect(outsiders.participants.map((p) => p.name)).toEqual(['Julkinen Julia']);

    const csv = await (await visitor.get('/api/partnership-tables.csv')).text();
    const [header] = csv.split(/\r?\n/);
    expect(header).toContain('publicParticipants');
    expect(header).not.toMatch(/contact|email/i);
    expect(csv).toContain('Julkinen Julia (Kallio-Seura, residents)');
    expect(csv).not.toContain('Yksityinen Yrjö');
    expect(csv).not.toContain('pekka.poyta@example.test');
    expect(csv).not.toContain('Pekka Pöytä');
  });
});
