import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startAuthServer, TEST_AUTH, tokenFromMail, type AuthTestServer } from './auth-harness.js';
import { startTestOidcProvider, type TestOidcProvider } from './auth-oidc-provider.js';

let db: TestDatabase;
let server: AuthTestServer;
let idp: TestOidcProvider;

const PASSWORD = 'kissa-kävelee-1';
// Generous here; the rate-limit tests start their own server with tight limits.
const GENEROUS_LIMITS =
  'signup.ip=1000/1h,login.ip=1000/1h,login.account=1000/1h,password_reset.ip=1000/1h,password_reset.account=100/1h';

beforeAll(async () => {
  db = await createTestDatabase();
  idp = await startTestOidcProvider(() => `${server.url}/api/auth/oidc/callback`);
  server = await startAuthServer(db, {
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: 'openid email profile',
      label: 'Testitunnus',
    },
    lockoutThreshold: 3,
    lockoutSeconds: 2,
    rateLimits: GENEROUS_LIMITS,
  });
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
  await db?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; details: unknown } }).error;

async function signUpAndVerify(agent: TestAgent, email: string, password = PASSWORD) {
  expect((await agent.post('/api/auth/signup', { email, password, displayName: 'Maija' })).status).toBe(202);
  const res = await agent.post('/api/auth/verify', { token: tokenFromMail(server.mailer, email) });
  expect(res.status).toBe(200);
}

describe('sign-up, verification, login and logout', () => {
  it('goes sign-up → verify → login → me → logout', async () => {
    const agent = new TestAgent(server.url);
    const anon = await agent.me();
    expect(anon).toMatchObject({ user: null, roles: [], csrfToken: null, sso: { enabled: true, label: 'Testitunnus' } });

    expect(
      (await agent.post('/api/auth/signup', { email: 'Maija@Example.test', password: PASSWORD, displayName: 'Maija M' })).status,
    ).toBe(202);
    // Not verified yet: the right password is not enough.
    const early = await agent.post('/api/auth/login', { email: 'maija@example.test', password: PASSWORD });
    expect(early.status).toBe(403);
    expect((await errorOf(early)).code).toBe('email_not_verified');

    const token = tokenFromMail(server.mailer, 'Maija@Example.test');
    expect(server.mailer.last('maija@example.test')!.text).toContain(`${server.url}/verify-email?token=`);
    expect((await agent.post('/api/auth/verify', { token })).status).toBe(200);
    // One use only.
    const again = await agent.post('/api/auth/verify', { token });
    expect(again.status).toBe(400);
    expect((await errorOf(again)).code).toBe('invalid_token');

    const login = await agent.post('/api/auth/login', { email: 'MAIJA@example.test', password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/kk_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await login.json();
    expect(body.user).toMatchObject({
      email: 'Maija@Example.test',
      displayName: 'Maija M',
      emailVerified: true,
      hasPassword: true,
    });
    expect(body.roles).toEqual(['resident']);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    agent.csrfToken = body.csrfToken;

    const me = await agent.me();
    expect(me.user?.email).toBe('Maija@Example.test');
    expect(me.csrfToken).toBe(body.csrfToken);

    expect((await agent.post('/api/auth/logout')).status).toBe(204);
    expect((await agent.me()).user).toBeNull();
  });

  it('does not tell whether an address already has an account', async () => {
    const agent = new TestAgent(server.url);
    await signUpAndVerify(agent, 'taken@example.test');
    const res = await agent.post('/api/auth/signup', { email: 'TAKEN@example.test', password: 'another-password-1' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'accepted' });
    expect(server.mailer.last('taken@example.test')!.subject).toMatch(/jo olemassa/);
    const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'taken@example.test'`);
    expect(rows[0].n).toBe(1);
  });

  it('logs out everywhere', async () => {
    const a = new TestAgent(server.url);
    const b = new TestAgent(server.url);
    await signUpAndVerify(a, 'everywhere@example.test');
    for (const agent of [a, b]) {
      const res = await agent.post('/api/auth/login', { email: 'everywhere@example.test', password: PASSWORD });
      agent.csrfToken = (await res.json()).csrfToken;
    }
    expect((await b.me()).user).not.toBeNull();
    const res = await a.post('/api/auth/logout-all');
    expect(res.status).toBe(200);
    expect((await res.json()).sessionsEnded).toBe(2);
    expect((await a.me()).user).toBeNull();
    expect((await b.me()).user).toBeNull();
  });

  it('keeps sessions across a server restart (they live in the database)', async () => {
    // A process of its own, so that it can be shut down completely while the suite's server runs on.
    const first = await startAuthServer(db, { rateLimits: GENEROUS_LIMITS });
    let second: AuthTestServer | undefined;
    try {
      await createTestAccount(db.knex, {
        email: 'restart@example.test',
        passwordHash: await hashPassword(PASSWORD, TEST_AUTH.scryptLogN!),
      });
      const stays = new TestAgent(first.url);
      const leaves = new TestAgent(first.url);
      for (const agent of [stays, leaves]) {
        const login = await agent.post('/api/auth/login', { email: 'restart@example.test', password: PASSWORD });
        expect(login.status).toBe(200);
        agent.csrfToken = (await login.json()).csrfToken;
      }
      const loggedOutCookie = leaves.cookieHeader;
      expect((await leaves.post('/api/auth/logout')).status).toBe(204);
      await first.close();
      await expect(fetch(`${first.url}/api/auth/me`)).rejects.toThrow();

      second = await startAuthServer(db, { rateLimits: GENEROUS_LIMITS });
      const back = new TestAgent(second.url);
      for (const [k, v] of stays.cookies) back.cookies.set(k, v);
      const me = await back.me();
      expect(me.user?.email).toBe('restart@example.test');
      expect(me.csrfToken).toBe(stays.csrfToken);
      const gone = await (await fetch(`${second.url}/api/auth/me`, { headers: { cookie: loggedOutCookie } })).json();
      expect(gone.user).toBeNull();
      // A write after the restart is accepted with the token from before it.
      const ended = await back.post('/api/auth/logout-all');
      expect(ended.status).toBe(200);
      expect((await ended.json()).sessionsEnded).toBe(1);
      expect((await back.me()).user).toBeNull();
    } finally {
      await first.close().catch(() => undefined);
      await second?.close();
    }
  });

  it('stores free text as given and never echoes markup as HTML', async () => {
    const agent = new TestAgent(server.url);
    const name = `Robert'); DROP TABLE users;-- Ääkkönen`;
    await agent.post('/api/auth/signup', { email: 'bobby@example.test', password: PASSWORD, displayName: name });
    const { rows } = await db.knex.raw(`SELECT display_name FROM users WHERE email = ?`, ['bobby@example.test']);
    expect(rows[0].display_name).toBe(name);
    const res = await agent.post('/api/auth/signup', {
      email: 'x@example.test',
      password: PASSWORD,
      displayName: '<script>alert(1)</script>',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('password reset and change', () => {
  it('resets the password with a one-time link and ends every session', async () => {
    const agent = new TestAgent(server.url);
    await signUpAndVerify(agent, 'reset@example.test');
    const login = await agent.post('/api/auth/login', { email: 'reset@example.test', password: PASSWORD });
    agent.csrfToken = (await login.json()).csrfToken;

    const visitor = new TestAgent(server.url);
    expect((await visitor.post('/api/auth/password-reset/request', { email: 'reset@example.test' })).status).toBe(202);
    // Unknown addresses get the same answer.
    expect((await visitor.post('/api/auth/password-reset/request', { email: 'nobody@example.test' })).status).toBe(202);
    const token = tokenFromMail(server.mailer, 'reset@example.test');
    expect(server.mailer.last('reset@example.test')!.text).toContain('/reset-password?token=');

    const weak = await visitor.post('/api/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    const ok = await visitor.post('/api/auth/password-reset/confirm', { token, password: 'uusi-salasana-2' });
    expect(ok.status).toBe(200);
    expect((await visitor.post('/api/auth/password-reset/confirm', { token, password: 'uusi-salasana-3' })).status).toBe(400);

    expect((await agent.me()).user).toBeNull();
    expect((await visitor.post('/api/auth/login', { email: 'reset@example.test', password: PASSWORD })).status).toBe(401);
    expect((await visitor.post('/api/auth/login', { email: 'reset@example.test', password: 'uusi-salasana-2' })).status).toBe(
      200,
    );
  });

  it('changes the password when the current one is given, keeping this session only', async () => {
    const a = new TestAgent(server.url);
    const b = new TestAgent(server.url);
    await signUpAndVerify(a, 'change@example.test');
    for (const agent of [a, b]) {
      agent.csrfToken = (
        await (await agent.post('/api/auth/login', { email: 'change@example.test', password: PASSWORD })).json()
      ).csrfToken;
    }
    const wrong = await a.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'vaihdettu-salasana' });
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).code).toBe('wrong_password');
    expect((await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'vaihdettu-salasana' })).status).toBe(
      200,
    );
    expect((await a.me()).user).not.toBeNull();
    expect((await b.me()).user).toBeNull();
  });
});

describe('lockout and rate limits', () => {
  let limited: AuthTestServer;
  beforeAll(async () => {
    limited = await startAuthServer(db, { rateLimits: 'signup.ip=4/2s,password_reset.account=2/2s' });
  });
  afterAll(() => limited?.close());

  it('locks an account after repeated failures (429 + Retry-After) and recovers', async () => {
    const agent = new TestAgent(server.url);
    await signUpAndVerify(agent, 'lock@example.test');
    for (let i = 0; i < 2; i++) {
      expect((await agent.post('/api/auth/login', { email: 'lock@example.test', password: 'wrong-password' })).status).toBe(401);
    }
    const locked = await agent.post('/api/auth/login', { email: 'lock@example.test', password: 'wrong-password' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(locked)).code).toBe('account_locked');
    // Even the right password waits for the lock to end.
    const right = await agent.post('/api/auth/login', { email: 'lock@example.test', password: PASSWORD });
    expect(right.status).toBe(429);
    const { rows } = await db.knex.raw(`SELECT action FROM audit_log WHERE action = 'auth.lockout'`);
    expect(rows.length).toBeGreaterThan(0);

    await sleep(2100);
    expect((await agent.post('/api/auth/login', { email: 'lock@example.test', password: PASSWORD })).status).toBe(200);
  });

  it('answers a known and an unknown address the same at every step of sign-in, lockout and reset', async () => {
    const agent = new TestAgent(server.url);
    await signUpAndVerify(agent, 'known-lock@example.test');
    const answer = async (email: string) => {
      const res = await agent.post('/api/auth/login', { email, password: 'wrong-password' });
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { retryAfterSeconds?: number } | null };
      };
      // The seconds left may differ by the second that ticks between the two requests; nothing else may.
      const retry = body.error.details?.retryAfterSeconds;
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after') === null ? null : 'set',
        code: body.error.code,
        message: body.error.message.replace(/\d+ s$/, 'N s'),
        details: retry === undefined ? body.error.details : { retryAfterSeconds: retry > 0 && retry <= 2 },
      };
    };
    // Below the threshold, at it (the lock), and while locked.
    for (let i = 0; i < 4; i++) {
      const known = await answer('known-lock@example.test');
      const unknown = await answer('nobody-here@example.test');
      expect(unknown, `attempt ${i + 1}`).toEqual(known);
      expect(known.status).toBe(i < 2 ? 401 : 429);
    }
    // The right password of the known account waits for the lock like any guess at the unknown one.
    const right = await agent.post('/api/auth/login', { email: 'known-lock@example.test', password: PASSWORD });
    expect(right.status).toBe(429);
    // Nothing is kept of the unknown address that would read as an address.
    const { rows } = await db.knex.raw('SELECT address_hash FROM login_throttle');
    expect(JSON.stringify(rows)).not.toContain('nobody-here');

    const reset = async (email: string) => {
      const res = await agent.post('/api/auth/password-reset/request', { email });
      return { status: res.status, body: await res.json() };
    };
    expect(await reset('nobody-here@example.test')).toEqual(await reset('known-lock@example.test'));
    expect(server.mailer.last('nobody-here@example.test')).toBeUndefined();

    await sleep(2100);
    expect((await agent.post('/api/auth/login', { email: 'known-lock@example.test', password: PASSWORD })).status).toBe(200);
  });

  it('limits sign-ups per address with 429 + Retry-After, and recovers in the next window', async () => {
    const agent = new TestAgent(limited.url);
    // Start at a fresh 2 s window so all five requests fall into one.
    await sleep(2000 - (Date.now() % 2000) + 50);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await agent.post('/api/auth/signup', { email: `flood${i}@example.test`, password: PASSWORD });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(statuses.slice(0, 4)).toEqual([202, 202, 202, 202]);
    expect(statuses[4]).toBe(429);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(refused!)).code).toBe('rate_limited');
    await sleep(2100);
    expect((await agent.post('/api/auth/signup', { email: 'flood-later@example.test', password: PASSWORD })).status).toBe(202);
  });

  it('limits password reset requests per account', async () => {
    const agent = new TestAgent(limited.url);
    await sleep(2000 - (Date.now() % 2000) + 50);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await agent.post('/api/auth/password-reset/request', { email: 'someone@example.test' })).status);
    }
    expect(statuses).toEqual([202, 202, 429]);
    // Another address is its own account bucket.
    expect((await agent.post('/api/auth/password-reset/request', { email: 'else@example.test' })).status).toBe(202);
  });

  it('keeps counters in the database', async () => {
    const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM rate_limit_counters WHERE bucket LIKE 'signup.ip:%'`);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

describe('cross-site request forgery', () => {
  it('refuses cookie-authenticated writes without the right X-CSRF-Token', async () => {
    const userId = await createTestAccount(db.knex, { roles: ['resident'] });
    const session = await createTestSession(db.knex, userId);
    const agent = new TestAgent(server.url, session);

    const missing = await agent.request('POST', '/api/auth/logout-all', undefined, { csrf: false });
    expect(missing.status).toBe(403);
    expect((await errorOf(missing)).code).toBe('csrf_failed');
    const wrong = await agent.request('POST', '/api/auth/logout-all', undefined, {
      csrf: false,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.status).toBe(403);
    expect((await agent.me()).user).not.toBeNull(); // nothing happened
  });

  it('refuses writes from another origin and non-JSON bodies', async () => {
    const agent = new TestAgent(server.url);
    const evil = await agent.request(
      'POST',
      '/api/auth/login',
      { email: 'a@example.test', password: 'x' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(evil.status).toBe(403);
    expect((await errorOf(evil)).code).toBe('csrf_failed');
    const site = await agent.request(
      'POST',
      '/api/auth/login',
      { email: 'a@example.test', password: 'x' },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(site.status).toBe(403);
    const sameOrigin = await agent.request(
      'POST',
      '/api/auth/login',
      { email: 'a@example.test', password: 'x' },
      { headers: { origin: server.url } },
    );
    expect(sameOrigin.status).toBe(401);
    const form = await agent.request('POST', '/api/auth/login', undefined, {
      raw: 'email=a%40example.test&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });
});

describe('single sign-on (OpenID Connect)', () => {
  async function ssoLogin(agent: TestAgent, returnTo = '/profile') {
    const start = await agent.get(`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.issuer);
    const back = await fetch(authorize, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    return agent.get(callback.pathname + callback.search);
  }

  it('signs in a new person through the provider and creates a resident account', async () => {
    idp.nextIdentity = { sub: 'hel-123', email: 'Virkailija@hel.example', email_verified: true, name: 'Ville Virkailija' };
    const agent = new TestAgent(server.url);
    const done = await ssoLogin(agent);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/profile');
    const q = idp.authorizeRequests.at(-1)!;
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scope')).toBe('openid email profile');
    const me = await agent.me();
    expect(me.user).toMatchObject({
      email: 'Virkailija@hel.example',
      displayName: 'Ville Virkailija',
      hasPassword: false,
      emailVerified: true,
    });
    expect(me.roles).toEqual(['resident']);
    // Signing in again finds the same account by subject.
    const again = new TestAgent(server.url);
    await ssoLogin(again);
    expect((await again.me()).user?.id).toBe(me.user!.id);
  });

  it('links an existing password account only when the provider verified the address', async () => {
    const agent = new TestAgent(server.url);
    await signUpAndVerify(agent, 'link@example.test');
    idp.nextIdentity = { sub: 'hel-unverified', email: 'link@example.test', email_verified: false };
    const refused = await ssoLogin(new TestAgent(server.url));
    expect(refused.headers.get('location')).toBe('/signin?ssoError=sso_email_unverified');
    idp.nextIdentity = { sub: 'hel-link', email: 'LINK@example.test', email_verified: true };
    const sso = new TestAgent(server.url);
    await ssoLogin(sso);
    const me = await sso.me();
    expect(me.user?.email).toBe('link@example.test');
    expect((me.user as { hasPassword?: boolean } | null)?.hasPassword).toBe(true);
  });

  it('refuses a callback without the browser-bound state, and off-site returnTo', async () => {
    idp.nextIdentity = { sub: 'hel-999', email: 'state@example.test', email_verified: true };
    const agent = new TestAgent(server.url);
    const start = await agent.get('/api/auth/oidc/login');
    const back = await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    const stranger = new TestAgent(server.url);
    const res = await stranger.get(callback.pathname + callback.search);
    expect(res.headers.get('location')).toBe('/signin?ssoError=sso_state_mismatch');
    expect((await stranger.me()).user).toBeNull();
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const r = await agent.get(`/api/auth/oidc/login?returnTo=${encodeURIComponent(bad)}`);
      expect(r.status).toBe(400);
    }
  });
});

describe('admin: users, roles and the audit log', () => {
  it('lets an admin grant scoped roles, refuses inconsistent ones and records before/after', async () => {
    const adminId = await createTestAccount(db.knex, { roles: ['resident', 'admin'], email: 'admin@example.test' });
    const admin = new TestAgent(server.url, await createTestSession(db.knex, adminId));
    const targetId = await createTestAccount(db.knex, { email: 'target@example.test' });

    const list = await (await admin.get('/api/admin/users?q=target@')).json();
    expect(list.total).toBe(1);
    expect(list.users[0]).toMatchObject({ id: targetId, roles: ['resident'], disabled: false });

    const noDept = await admin.put(`/api/admin/users/${targetId}/roles`, { roles: ['resident', 'official'] });
    expect(noDept.status).toBe(400);
    expect((await errorOf(noDept)).code).toBe('invalid_roles');
    const unknown = await admin.put(`/api/admin/users/${targetId}/roles`, { roles: ['official'], departments: ['nope'] });
    expect((await errorOf(unknown)).code).toBe('unknown_department');

    // An official is shown publicly: by a display name, never by the address.
    const nameless = await admin.put(`/api/admin/users/${targetId}/roles`, {
      roles: ['resident', 'official'],
      departments: ['kymp'],
    });
    expect(nameless.status).toBe(400);
    expect((await errorOf(nameless)).details).toEqual([expect.objectContaining({ path: ['displayName'] })]);
    const asAddress = { roles: ['resident', 'official'], departments: ['kymp'], displayName: 'target@example.test' };
    expect((await admin.put(`/api/admin/users/${targetId}/roles`, asAddress)).status).toBe(400);
    expect((await admin.get(`/api/admin/users/${targetId}`).then((r) => r.json())).roles).toEqual(['resident']);

    const put = await admin.put(`/api/admin/users/${targetId}/roles`, {
      roles: ['resident', 'official'],
      departments: ['kymp'],
      displayName: 'Tarja Tavoite',
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      roles: ['official', 'resident'],
      departments: [{ slug: 'kymp' }],
      displayName: 'Tarja Tavoite',
    });

    const group = await (await admin.post('/api/admin/kehra-groups', { name: 'Kallion Kehrä' })).json();
    expect((await admin.post('/api/admin/kehra-groups', { name: 'Kallion Kehrä' })).status).toBe(409);
    const patch = await admin.patch(`/api/admin/users/${targetId}/roles`, {
      addRoles: ['kehra'],
      addKehraGroups: [group.id],
      removeRoles: ['resident'],
    });
    expect(patch.status).toBe(200);
    expect((await patch.json()).roles).toEqual(['kehra', 'official']);

    // The target's own /me shows it at once (roles are read per request).
    const target = new TestAgent(server.url, await createTestSession(db.knex, targetId));
    const me = await target.me();
    expect(me.roles).toEqual(['kehra', 'official']);
    expect(me.departments).toEqual([expect.objectContaining({ slug: 'kymp' })]);
    expect(me.kehraGroups).toEqual([{ id: group.id, name: 'Kallion Kehrä' }]);

    const audit = await (await admin.get(`/api/admin/audit?targetType=user&targetId=${targetId}`)).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual([
      'user.roles.update',
      'user.roles.update',
      'user.display_name',
    ]);
    expect(audit.entries[2]).toMatchObject({ before: { displayName: null }, after: { displayName: 'Tarja Tavoite' } });
    expect(audit.entries[1]).toMatchObject({
      actor: { id: adminId, email: 'admin@example.test' },
      before: { roles: ['resident'], departments: [], kehraGroups: [] },
      after: { roles: ['official', 'resident'], departments: ['kymp'], kehraGroups: [] },
    });
    expect((await target.get('/api/admin/audit')).status).toBe(403);
  });

  it('never removes or disables the last admin', async () => {
    await db.knex.raw(`DELETE FROM user_roles WHERE role = 'admin'`);
    const adminId = await createTestAccount(db.knex, { roles: ['admin'] });
    const admin = new TestAgent(server.url, await createTestSession(db.knex, adminId));
    const res = await admin.patch(`/api/admin/users/${adminId}/roles`, { removeRoles: ['admin'] });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('last_admin');
    expect((await admin.patch(`/api/admin/users/${adminId}`, { disabled: true })).status).toBe(409);
  });

  it('disabling an account signs it out', async () => {
    const adminId = await createTestAccount(db.knex, { roles: ['admin'] });
    const admin = new TestAgent(server.url, await createTestSession(db.knex, adminId));
    const userId = await createTestAccount(db.knex);
    const user = new TestAgent(server.url, await createTestSession(db.knex, userId));
    expect((await admin.patch(`/api/admin/users/${userId}`, { disabled: true })).status).toBe(200);
    expect((await user.me()).user).toBeNull();
  });
});

describe('headers and errors', () => {
  it('sends security headers with a CSP that lets the map load', async () => {
    const res = await fetch(`${server.url}/api/auth/me`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:9 https:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http here
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401, 403, 404, 413 in the one error shape, without internals', async () => {
    const visitor = new TestAgent(server.url);
    const unauth = await visitor.get('/api/admin/users');
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toEqual({
      error: { code: 'authentication_required', message: expect.any(String), details: null },
    });
    const resident = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex)));
    expect((await resident.get('/api/admin/users')).status).toBe(403);
    const adminId = await createTestAccount(db.knex, { roles: ['admin'] });
    const admin = new TestAgent(server.url, await createTestSession(db.knex, adminId));
    const missing = await admin.put('/api/admin/users/99999999/roles', { roles: ['resident'] });
    expect(missing.status).toBe(404);
    const big = await visitor.post('/api/auth/signup', { email: 'big@example.test', password: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect((await errorOf(big)).code).toBe('payload_too_large');
    const text = JSON.stringify(await (await visitor.post('/api/auth/login', { email: "' OR 1=1 --", password: 'x' })).json());
    expect(text).not.toMatch(/select|insert|at .*\.ts|stack/i);
  });
});
