/**
 * Admins invite officials by e-mail: the account with its roles, a one-time link through the
 * mailer, and the invitee's own password. Real PostGIS, the real app, the memory mailer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startAuthServer, tokenFromMail, type AuthTestServer } from './auth-harness.js';

let db: TestDatabase;
let server: AuthTestServer;
let admin: TestAgent;
let moderator: TestAgent;
const PASSWORD = 'kutsuttu-salasana-1';

const count = async (sql: string, params: (string | number)[] = []) => (await db.knex.raw(sql, params)).rows[0].n as number;
const users = () => count('SELECT count(*)::int AS n FROM users');
const login = (email: string, password = PASSWORD) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
const accept = (token: string, password = PASSWORD) =>
  fetch(`${server.url}/api/auth/invitation/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startAuthServer(db);
  admin = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['admin'] })));
  moderator = new TestAgent(
    server.url,
    await createTestSession(
      db.knex,
      await createTestAccount(db.knex, { roles: ['moderator'], displayName: 'Mona Moderaattori' }),
    ),
  );
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('inviting an official', () => {
  it('creates the account with its roles and mails a link; the invitee sets a password and signs in', async () => {
    const email = 'veera.virkailija@hel.example';
    const res = await admin.post('/api/admin/users/invitations', {
      email,
      displayName: 'Veera Virkailija',
      roles: ['official'],
      departments: ['kymp'],
    });
    expect(res.status).toBe(201);
    const user = await res.json();
    expect(user).toMatchObject({
      email,
      displayName: 'Veera Virkailija',
      emailVerified: false,
      roles: expect.arrayContaining(['official', 'resident']),
      departments: [expect.objectContaining({ slug: 'kymp' })],
    });
    const mail = server.mailer.last(email)!;
    expect(mail.subject).toMatch(/Kutsu/);
    expect(mail.text).toContain(`${server.url}/accept-invitation?token=`);
    expect(mail.text).toMatch(/Inbjudan|bjudits in/);

    // No password yet: nothing to sign in with.
    expect((await login(email)).status).toBe(401);
    // A short password is refused by name, and the link still works afterwards.
    const token = tokenFromMail(server.mailer, email);
    const short = await accept(token, 'lyhyt');
    expect(short.status).toBe(400);
    expect((await short.json()).error.message).toContain('password');
    expect((await accept(token)).status).toBe(200);
    const signedIn = await login(email);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({
      user: { displayName: 'Veera Virkailija', emailVerified: true },
      roles: expect.arrayContaining(['official']),
    });
    // One-time: the same link does nothing the second time.
    expect((await accept(token, 'toinen-salasana-2')).status).toBe(400);
    expect((await login(email)).status).toBe(200);

    const audit = await (await admin.get(`/api/admin/audit?targetType=user&targetId=${user.id}`)).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.invite', 'user.roles.update', 'auth.invitation_accepted']),
    );
  });

  it('refuses an address that has an account, a missing name and roles without departments, sending nothing', async () => {
    await createTestAccount(db.knex, { email: 'olemassa@example.test' });
    const before = { users: await users(), mails: server.mailer.messages.length };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: 'OLEMASSA@example.test', displayName: 'Olli Olemassa', roles: ['moderator'] }, 409, 'email'],
      [{ email: 'uusi@example.test', roles: ['moderator'] }, 400, 'displayName'],
      [{ email: 'uusi@example.test', displayName: 'Uusi Ukko', roles: ['official'] }, 400, 'departments'],
      [{ email: 'uusi@example.test', displayName: 'Uusi Ukko', roles: ['official'], departments: ['ei-ole'] }, 400, 'ei-ole'],
      [{ email: 'ei osoite', displayName: 'Uusi Ukko', roles: ['moderator'] }, 400, 'email'],
      [{ email: 'uusi@example.test', displayName: 'Uusi Ukko', roles: [] }, 400, 'roles'],
    ];
    for (const [body, status, field] of cases) {
      const res = await admin.post('/api/admin/users/invitations', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error.message, JSON.stringify(body)).toContain(field);
    }
    expect(await users()).toBe(before.users);
    expect(server.mailer.messages.length).toBe(before.mails);
  });

  it('lets only admins invite, and a password-reset link cannot accept an invitation', async () => {
    const body = { email: 'ei.kutsuta@example.test', displayName: 'Ei Kutsuta', roles: ['moderator'] };
    expect((await moderator.post('/api/admin/users/invitations', body)).status).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM users WHERE email = ?', [body.email])).toBe(0);

    const email = 'reset.ei.kay@example.test';
    expect((await admin.post('/api/admin/users/invitations', { ...body, email })).status).toBe(201);
    await fetch(`${server.url}/api/auth/password-reset/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const resetToken = tokenFromMail(server.mailer, email);
    expect((await accept(resetToken)).status).toBe(400);
  });
});
