/**
 * Rate limits of idea submission, voting and sign-in: per client address and per account, 429 with
 * Retry-After in the one error shape, nothing stored beyond the limit, and recovery after the window.
 * The server trusts X-Forwarded-For here, so each test can speak from addresses of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const LOG_N = 12;
const PASSWORD = 'rajoitettu-salasana-1';
const CATHEDRAL = [24.9522, 60.1704];
let db: TestDatabase;
/** Tight limits over an hour: counts are exact whatever the clock. */
let strict: TestServer;
/** One request a second: for recovery after the window. */
let short: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  const auth = { scryptLogN: LOG_N };
  strict = await startTestServer(db, {
    trustProxy: true,
    auth: {
      ...auth,
      rateLimits: 'idea.ip=3/1h,idea.account=2/1h,vote.ip=3/1h,vote.account=2/1h,login.ip=3/1h,login.account=1000/1h',
    },
  });
  short = await startTestServer(db, {
    trustProxy: true,
    auth: { ...auth, rateLimits: 'idea.ip=1/1s,vote.account=1/1s,login.ip=1/1s' },
  });
});
afterAll(async () => {
  await strict?.close();
  await short?.close();
  await db?.close();
});

let addresses = 0;
/** A documentation address (RFC 5737) no other test uses. */
const newIp = () => `198.51.100.${++addresses}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = async (sql: string, b: number[] = []) => (await db.knex.raw(sql, b)).rows[0].n as number;
const countIdeas = () => count('SELECT count(*)::int AS n FROM ideas');

const ideaBody = {
  title: 'Pyöräteline torille',
  description: 'Telineitä ei ole tarpeeksi.',
  themes: ['traffic-streets'],
  geometry: { type: 'Point', coordinates: CATHEDRAL },
};

function visitorPost(server: TestServer, path: string, body: unknown, ip: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
}

async function resident(server: TestServer) {
  return new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex)));
}
const submitAs = (a: TestAgent, ip: string) => a.request('POST', '/api/ideas', ideaBody, { headers: { 'x-forwarded-for': ip } });
const voteAs = (a: TestAgent, ideaId: number, ip: string) =>
  a.request('POST', `/api/ideas/${ideaId}/votes`, undefined, { headers: { 'x-forwarded-for': ip } });

async function newIdea(): Promise<number> {
  const res = await visitorPost(strict, '/api/ideas', ideaBody, newIp());
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

/** 429 with a Retry-After within the window and the one error shape; returns the seconds to wait. */
async function expectLimited(res: Response, windowSeconds: number): Promise<number> {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(await res.json()).toEqual({
    error: {
      code: 'rate_limited',
      message: `Too many requests: try again in ${retryAfter} s`,
      details: { retryAfterSeconds: retryAfter },
    },
  });
  return retryAfter;
}

/** Sends until refused (a 1 s window may roll over between two requests); returns the refusal. */
async function untilRefused(send: () => Promise<Response>, otherwise: number): Promise<Response> {
  for (let i = 0; i < 10; i++) {
    const res = await send();
    if (res.status === 429) return res;
    expect(res.status).toBe(otherwise);
  }
  throw new Error('never refused');
}

describe('idea submission limits', () => {
  it('refuses a client address over its limit, visitor or signed in, and stores nothing', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await visitorPost(strict, '/api/ideas', ideaBody, ip)).status).toBe(201);
    const before = await countIdeas();
    await expectLimited(await visitorPost(strict, '/api/ideas', ideaBody, ip), 3600);
    await expectLimited(await submitAs(await resident(strict), ip), 3600);
    expect(await countIdeas()).toBe(before);
    // Another address is not affected.
    expect((await visitorPost(strict, '/api/ideas', ideaBody, newIp())).status).toBe(201);
  });

  it('refuses an account over its limit from any address, and stores nothing', async () => {
    const aino = await resident(strict);
    expect((await submitAs(aino, newIp())).status).toBe(201);
    expect((await submitAs(aino, newIp())).status).toBe(201);
    const before = await countIdeas();
    const ip = newIp();
    await expectLimited(await submitAs(aino, ip), 3600);
    expect(await countIdeas()).toBe(before);
    // Another account from that same address still may.
    expect((await submitAs(await resident(strict), ip)).status).toBe(201);
  });

  it('accepts again when the window has passed', async () => {
    const ip = newIp();
    const before = await countIdeas();
    const refused = await untilRefused(() => visitorPost(short, '/api/ideas', ideaBody, ip), 201);
    const stored = await countIdeas();
    expect(stored).toBeGreaterThan(before);
    const wait = await expectLimited(refused, 1);
    await sleep(wait * 1000 + 50);
    expect((await visitorPost(short, '/api/ideas', ideaBody, ip)).status).toBe(201);
    expect(await countIdeas()).toBe(stored + 1);
  });
});

describe('voting limits', () => {
  const votesOf = (ideaId: number) => count('SELECT count(*)::int AS n FROM idea_votes WHERE idea_id = ?', [ideaId]);

  it('refuses an account over its limit from any address, and does not count the vote', async () => {
    const ideas = [await newIdea(), await newIdea(), await newIdea()];
    const aino = await resident(strict);
    expect((await voteAs(aino, ideas[0], newIp())).status).toBe(201);
    expect((await voteAs(aino, ideas[1], newIp())).status).toBe(201);
    await expectLimited(await voteAs(aino, ideas[2], newIp()), 3600);
    expect(await votesOf(ideas[2])).toBe(0);
  });

  it('refuses a client address over its limit, whichever account votes', async () => {
    const ideaId = await newIdea();
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await voteAs(await resident(strict), ideaId, ip)).status).toBe(201);
    const late = await resident(strict);
    await expectLimited(await voteAs(late, ideaId, ip), 3600);
    expect(await votesOf(ideaId)).toBe(3);
    expect((await voteAs(late, ideaId, newIp())).status).toBe(201);
    expect(await votesOf(ideaId)).toBe(4);
  });

  it('accepts votes again when the window has passed', async () => {
    const ideas = await Promise.all(Array.from({ length: 10 }, newIdea));
    const aino = await resident(short);
    let next = 0;
    const refused = await untilRefused(() => voteAs(aino, ideas[next++], newIp()), 201);
    const refusedIdea = ideas[next - 1];
    const wait = await expectLimited(refused, 1);
    expect(await votesOf(refusedIdea)).toBe(0);
    await sleep(wait * 1000 + 50);
    expect((await voteAs(aino, refusedIdea, newIp())).status).toBe(201);
    expect(await votesOf(refusedIdea)).toBe(1);
  });
});

describe('sign-in limit per client address', () => {
  const sessions = () => count('SELECT count(*)::int AS n FROM sessions');
  const login = (server: TestServer, email: string, password: string, ip: string) =>
    visitorPost(server, '/api/auth/login', { email, password }, ip);

  beforeAll(async () => {
    await createTestAccount(db.knex, { email: 'oikea@limit.test', passwordHash: await hashPassword(PASSWORD, LOG_N) });
  });

  it('refuses further sign-ins from an address after its limit, even with the right password', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await login(strict, `arvaus${i}@limit.test`, 'väärä-salasana', ip)).status).toBe(401);
    const before = await sessions();
    await expectLimited(await login(strict, 'oikea@limit.test', PASSWORD, ip), 3600);
    expect(await sessions()).toBe(before);
    // The account itself is not locked: from another address it signs in.
    const elsewhere = await login(strict, 'oikea@limit.test', PASSWORD, newIp());
    expect(elsewhere.status).toBe(200);
    expect(await sessions()).toBe(before + 1);
  });

  it('lets the address sign in again when the window has passed', async () => {
    const ip = newIp();
    const refused = await untilRefused(() => login(short, 'arvaus@limit.test', 'väärä-salasana', ip), 401);
    const wait = await expectLimited(refused, 1);
    await sleep(wait * 1000 + 50);
    expect((await login(short, 'oikea@limit.test', PASSWORD, ip)).status).toBe(200);
  });
});
