import type { Knex } from 'knex';
import { systemActor } from '../audit/audit.service.js';
import { insertSession } from '../auth/auth.repository.js';
import { hashPassword } from '../auth/passwords.js';
import { cookieNames } from '../security/cookies.js';
import { hashToken, newToken } from '../security/tokens.js';
import type { Role } from '../contracts/auth.js';
import { createOrGrant } from '../users/users.service.js';

/** A signed-in test account: `call` sends its session cookie and CSRF token like the SPA does. */
export interface TestSession {
  userId: number;
  email: string;
  call(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
}

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

/** Creates (or extends) an account with roles, then signs in through the real login endpoint. */
export async function signIn(
  knex: Knex,
  serverUrl: string,
  account: { email: string; roles?: Role[]; departments?: string[]; kehraGroups?: number[]; displayName?: string },
): Promise<TestSession> {
  // One hash for every test account: scrypt at production cost takes a while.
  passwordHash ??= hashPassword(TEST_PASSWORD, 15);
  const { user } = await createOrGrant(knex, systemActor('test'), {
    email: account.email,
    displayName: account.displayName ?? account.email.split('@')[0],
    passwordHash: await passwordHash,
    roles: account.roles ?? [],
    departments: account.departments ?? [],
    kehraGroups: account.kehraGroups ?? [],
  });
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`test sign-in of ${account.email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return session(serverUrl, user.id, account.email, cookie, csrfToken);
}

function session(serverUrl: string, userId: number, email: string, cookie: string, csrfToken: string): TestSession {
  return {
    userId,
    email,
    call: (path, init = {}) =>
      fetch(`${serverUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}

/**
 * Many residents at once (load and concurrency tests): accounts and sessions are written straight
 * into the tables the login endpoint writes, which would otherwise take a password hash each.
 * The server must run over plain http (cookies without the __Host- prefix).
 */
export async function manyResidents(knex: Knex, serverUrl: string, n: number, prefix = 'resident'): Promise<TestSession[]> {
  const { rows } = await knex.raw(
    `INSERT INTO users (email, display_name, email_verified_at)
     SELECT ? || g || '@example.test', ? || ' ' || g, now() FROM generate_series(1, ?::int) AS g
     RETURNING id, email`,
    [prefix, prefix, n],
  );
  const sessions: TestSession[] = [];
  for (const u of rows as { id: number; email: string }[]) {
    await knex.raw(`INSERT INTO user_roles (user_id, role) VALUES (?, 'resident')`, [u.id]);
    const token = newToken();
    const csrfToken = newToken();
    await insertSession(knex, { idHash: hashToken(token), userId: u.id, csrfToken, maxSeconds: 3600, idleSeconds: 3600 });
    sessions.push(session(serverUrl, u.id, u.email, `${cookieNames(false).session}=${token}`, csrfToken));
  }
  return sessions;
}
