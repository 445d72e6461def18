/**
 * Helpers for API tests of any feature: accounts with roles made straight in the database
 * (no password hashing, no mail), sessions for them, and a fetch wrapper that keeps cookies and
 * sends the CSRF token like the SPA does.
 */
import type { Knex } from 'knex';
import type { Role } from '../contracts/auth.js';
import { cookieNames } from '../security/cookies.js';
import { hashToken, newToken } from '../security/tokens.js';
import * as users from '../users/users.repository.js';
import { insertSession } from './auth.repository.js';

export interface TestAccountInput {
  email?: string;
  roles?: Role[];
  /** Department slugs (e.g. 'kymp'). */
  departments?: string[];
  /** Kehrä group ids. */
  kehraGroups?: number[];
  passwordHash?: string | null;
  displayName?: string | null;
}

let counter = 0;

/** A verified account with the given roles and memberships; returns its id. */
export async function createTestAccount(knex: Knex, input: TestAccountInput = {}): Promise<number> {
  const email = input.email ?? `user${++counter}-${Date.now()}@example.test`;
  const id = await users.insertUser(knex, {
    email,
    displayName: input.displayName ?? null,
    passwordHash: input.passwordHash ?? null,
    emailVerified: true,
  });
  if (!id) throw new Error(`An account ${email} exists already`);
  await users.replaceRoles(knex, id, input.roles ?? ['resident'], null);
  const depts = await users.departmentIdsBySlug(knex, input.departments ?? []);
  await users.replaceDepartments(knex, id, [...depts.values()]);
  await users.replaceKehraGroups(knex, id, input.kehraGroups ?? []);
  return id;
}

export async function createTestKehraGroup(knex: Knex, name: string): Promise<number> {
  const g = await users.insertKehraGroup(knex, name);
  if (!g) throw new Error(`Kehrä group ${name} exists already`);
  return g.id;
}

export interface TestSession {
  /** Value for the Cookie header. */
  cookie: string;
  csrfToken: string;
}

/** A live session for the user, as if they had signed in (cookies of a plain-http test server). */
export async function createTestSession(knex: Knex, userId: number): Promise<TestSession> {
  const token = newToken();
  const csrfToken = newToken();
  await insertSession(knex, { idHash: hashToken(token), userId, csrfToken, maxSeconds: 86400, idleSeconds: 86400 });
  return { cookie: `${cookieNames(false).session}=${token}`, csrfToken };
}

/**
 * A tiny browser stand-in: keeps cookies from Set-Cookie and sends X-CSRF-Token (from
 * /api/auth/me or login) on writes. `session` starts it signed in.
 */
export class TestAgent {
  readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    session?: TestSession,
  ) {
    if (session) {
      const [name, value] = session.cookie.split('=');
      this.cookies.set(name, value);
      this.csrfToken = session.csrfToken;
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { headers?: Record<string, string>; csrf?: boolean; raw?: string; redirect?: RequestRedirect } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    const write = !['GET', 'HEAD'].includes(method);
    if (write && opts.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const payload = opts.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: payload, redirect: opts.redirect ?? 'manual' });
    this.absorbCookies(res);
    return res;
  }

  absorbCookies(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);
  put = (path: string, body?: unknown) => this.request('PUT', path, body);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body);

  /** Reads /api/auth/me and keeps its CSRF token. */
  async me(): Promise<
    Record<string, unknown> & { user: { id: number; email: string } | null; roles: string[]; csrfToken: string | null }
  > {
    const body = await (await this.get('/api/auth/me')).json();
    this.csrfToken = body.csrfToken;
    return body;
  }
}
