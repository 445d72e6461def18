import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryMailer } from '../../server/src/auth/mailer.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

const CATHEDRAL = [24.9522, 60.1704];
const mailer = memoryMailer();
let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let kymp: TestAgent;
let kasko: TestAgent;
let resident: TestAgent;
let moderator: TestAgent;

/** A signed-in browser stand-in for a new account with these roles. */
async function agent(account: Parameters<typeof createTestAccount>[1]): Promise<TestAgent> {
  return new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, account)));
}

const visitor = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function submit(extra: Record<string, unknown> = {}): Promise<{ id: number; trackingCode: string }> {
  const res = await visitor('/api/ideas', 'POST', {
    title: 'Kohtaamispaikka nuorille',
    description: 'Tyhjä liiketila kadun varressa nuorten iltakäyttöön.',
    themes: ['youth', 'empty-spaces'],
    geometry: { type: 'Point', coordinates: CATHEDRAL },
    contactEmail: 'visitor@example.test',
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.json();
}

const move = (a: TestAgent, id: number, body: Record<string, unknown>) => a.post(`/api/ideas/${id}/stage`, body);
const countRows = async (table: string) => (await db.knex.raw(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, {
    auth: { scryptLogN: 15, mailer, rateLimits: 'idea.ip=1000/1h,vote.ip=100000/1m,vote.account=1000/1m' },
  });
  kymp = await agent({ roles: ['official'], departments: ['kymp'], displayName: 'Kaija Kymp' });
  kasko = await agent({ roles: ['official'], departments: ['kasko'] });
  resident = await agent({ displayName: 'Aino Asukas' });
  moderator = await agent({ roles: ['moderator'] });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('an idea moving through its stages', () => {
  it('goes to decision and is not taken forward, with every step public on the timeline', async () => {
    const { id, trackingCode } = await submit();
    await resident.request('PUT', `/api/ideas/${id}/follow`);
    const steps = [
      { to: 'connected', reason: 'Nuorisopalvelut ja kaksi asukasta mukana' },
      { to: 'refining', reason: 'Työpaja pidetty' },
      { to: 'decision', reason: 'Esitetään osallistuvaan budjetointiin', funding: '15 000 € varattu' },
      {
        to: 'not_taken_forward',
        reason: 'Tila vuokrattiin muualle',
        alternativeRoute: 'kehra',
        alternativeDetails: 'Kallion Kehrä etsii uutta tilaa',
      },
    ];
    for (const step of steps) {
      const res = await move(kymp, id, step);
      expect(res.status, JSON.stringify(step)).toBe(200);
    }
    const detail = await (await visitor(`/api/ideas/${id}`)).json();
    expect(detail.properties.stage).toBe('not_taken_forward');
    expect(detail.properties.alternativeRoute).toBe('kehra');
    expect(detail.properties.funding).toBe('15 000 € varattu');
    expect(detail.properties.responsible).toEqual({ name: 'Kaija Kymp', department: 'kymp' });
    expect(detail.timeline.map((e: { to: string }) => e.to)).toEqual([
      'submitted',
      'connected',
      'refining',
      'decision',
      'not_taken_forward',
    ]);
    expect(detail.timeline[4]).toMatchObject({ by: 'Kaija Kymp', reason: 'Tila vuokrattiin muualle', alternativeRoute: 'kehra' });

    // The follower hears of every change in the app, the visitor who left an address by e-mail
    // (after the mail with the tracking code).
    const notes = await (await resident.get('/api/notifications')).json();
    expect(notes.filter((n: { kind: string; ideaId: number }) => n.kind === 'stage_changed' && n.ideaId === id)).toHaveLength(4);
    const mails = mailer.messages.filter((m) => m.to === 'visitor@example.test' && new RegExp(`/ideas/${id}$`, 'm').test(m.text));
    expect(mails).toHaveLength(5);
    expect(mails.slice(1).every((m) => m.subject.startsWith(`${trackingCode}:`))).toBe(true);
  });

  it('closes an idea with a reason and an alternative route from every open stage', async () => {
    const before: Record<string, string[]> = {
      submitted: [],
      connected: ['connected'],
      refining: ['connected', 'refining'],
      decision: ['connected', 'refining', 'decision'],
    };
    for (const [stage, steps] of Object.entries(before)) {
      const { id } = await submit({ title: `Suljetaan vaiheessa ${stage}` });
      for (const to of steps) expect((await move(kymp, id, { to, reason: 'eteni' })).status).toBe(200);
      const close = await move(kymp, id, {
        to: 'not_taken_forward',
        reason: 'Sama asia on jo työn alla toisaalla',
        alternativeRoute: 'residents_own_action',
        alternativeDetails: 'Asukkaat voivat järjestää talkoot itse',
      });
      expect(close.status, stage).toBe(200);
      const detail = await (await visitor(`/api/ideas/${id}`)).json();
      expect(detail.properties).toMatchObject({ stage: 'not_taken_forward', alternativeRoute: 'residents_own_action' });
      expect(detail.timeline.at(-1)).toMatchObject({
        from: stage,
        to: 'not_taken_forward',
        reason: 'Sama asia on jo työn alla toisaalla',
        by: 'Kaija Kymp',
      });
      // Closed is final: nothing moves it on.
      expect((await move(kymp, id, { to: 'connected', reason: 'uudestaan' })).status).toBe(409);
    }
  });

  it('refuses skipped stages, moves after the end, and missing alternative routes', async () => {
    const { id } = await submit();
    const before = await countRows('idea_stage_events');
    const skip = await move(kymp, id, { to: 'decision', reason: 'oikotie' });
    expect(skip.status).toBe(409);
    expect((await skip.json()).error.message).toMatch(/only move to connected or not_taken_forward/);
    const noRoute = await move(kymp, id, { to: 'not_taken_forward', reason: 'ei' });
    expect(noRoute.status).toBe(400);
    expect((await noRoute.json()).error.message).toMatch(/alternativeRoute is required/);
    expect(await countRows('idea_stage_events')).toBe(before);
    for (const to of ['connected', 'refining', 'decision', 'implemented'])
      expect((await move(kymp, id, { to, reason: 'ok' })).status).toBe(200);
    const after = await move(kymp, id, { to: 'decision', reason: 'takaisin' });
    expect(after.status).toBe(409);
    expect((await after.json()).error.message).toMatch(/can no longer change/);
  });

  it('lets only officials of the responsible department move an idea', async () => {
    const { id } = await submit();
    expect((await kymp.request('POST', `/api/ideas/${id}/responsibility`)).status).toBe(200);
    const before = await countRows('idea_stage_events');
    expect((await move(kasko, id, { to: 'connected', reason: 'x' })).status).toBe(403);
    expect((await move(resident, id, { to: 'connected', reason: 'x' })).status).toBe(403);
    expect((await visitor(`/api/ideas/${id}/stage`, 'POST', { to: 'connected', reason: 'x' })).status).toBe(401);
    expect(await countRows('idea_stage_events')).toBe(before);
    expect((await move(kymp, id, { to: 'connected', reason: 'x' })).status).toBe(200);
  });

  it('flags ideas nobody answered within the set days as waiting, for everyone to see', async () => {
    const old = await submit({ title: 'Vanha odottava idea' });
    const answered = await submit({ title: 'Vanha vastattu idea' });
    await db.knex.raw(`UPDATE ideas SET submitted_at = now() - interval '20 days' WHERE id IN (?, ?)`, [old.id, answered.id]);
    await kymp.request('POST', `/api/ideas/${answered.id}/responsibility`);
    const waiting = await (await visitor('/api/ideas?waiting=true')).json();
    const ids = waiting.features.map((f: { id: number }) => f.id);
    expect(ids).toContain(old.id);
    expect(ids).not.toContain(answered.id);
    expect(waiting.features.every((f: { properties: { waiting: boolean } }) => f.properties.waiting)).toBe(true);
    const fresh = await submit();
    expect((await (await visitor(`/api/ideas/${fresh.id}`)).json()).properties.waiting).toBe(false);
  });
});

describe('votes', () => {
  it('counts 200 concurrent votes from distinct accounts exactly, one per account', async () => {
    const { id } = await submit();
    const voters: TestAgent[] = [];
    for (let i = 0; i < 200; i++) voters.push(await agent({ email: `voter${i}@example.test` }));
    const results = await Promise.all(voters.map((v) => v.post(`/api/ideas/${id}/votes`)));
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const again = await Promise.all(voters.slice(0, 20).map((v) => v.post(`/api/ideas/${id}/votes`)));
    expect(again.every((r) => r.status === 409)).toBe(true);
    const detail = await (await visitor(`/api/ideas/${id}`)).json();
    expect(detail.properties.votes).toBe(200);
    expect((await visitor(`/api/ideas/${id}/votes`, 'POST')).status).toBe(401);
  });
});

describe('comments and moderation', () => {
  it('threads replies one level deep and lets the author edit', async () => {
    const { id } = await submit();
    const top = await (await resident.request('POST', `/api/ideas/${id}/comments`, { body: 'Hyvä idea!' })).json();
    const reply = await (
      await kymp.request('POST', `/api/ideas/${id}/comments`, { body: 'Kiitos, selvitetään.', parentId: top.id })
    ).json();
    await resident.request('POST', `/api/ideas/${id}/comments`, { body: 'Vastaus vastaukseen', parentId: reply.id });
    expect((await resident.request('PATCH', `/api/comments/${top.id}`, { body: 'Tosi hyvä idea!' })).status).toBe(204);
    expect((await kymp.request('PATCH', `/api/comments/${top.id}`, { body: 'muokattu' })).status).toBe(403);
    const thread = await (await visitor(`/api/ideas/${id}/comments`)).json();
    expect(thread).toHaveLength(1);
    expect(thread[0].body).toBe('Tosi hyvä idea!');
    expect(thread[0].editedAt).not.toBeNull();
    expect(thread[0].replies.map((r: { body: string }) => r.body)).toEqual(['Kiitos, selvitetään.', 'Vastaus vastaukseen']);
    const notes = await (await resident.get('/api/notifications')).json();
    expect(notes.some((n: { kind: string }) => n.kind === 'comment_reply')).toBe(true);
  });

  it('closes the edit window after 15 minutes', async () => {
    const { id } = await submit();
    const c = await (await resident.request('POST', `/api/ideas/${id}/comments`, { body: 'Ensimmäinen versio' })).json();
    await db.knex.raw(`UPDATE idea_comments SET created_at = now() - interval '16 minutes' WHERE id = ?`, [c.id]);
    const res = await resident.request('PATCH', `/api/comments/${c.id}`, { body: 'Myöhäinen muokkaus' });
    expect(res.status).toBe(409);
  });

  it('takes reports from anyone, hides with a public reason, keeps the text and tells the author', async () => {
    const { id } = await submit();
    const c = await (await resident.request('POST', `/api/ideas/${id}/comments`, { body: 'Asiaton kommentti' })).json();
    expect((await visitor('/api/reports', 'POST', { targetType: 'comment', targetId: c.id, reason: 'Asiaton' })).status).toBe(
      201,
    );
    expect((await resident.get('/api/moderation/reports')).status).toBe(403);
    const queue = await (await moderator.get('/api/moderation/reports')).json();
    expect(queue.find((r: { targetId: number }) => r.targetId === c.id)).toMatchObject({
      targetType: 'comment',
      ideaId: id,
      reason: 'Asiaton',
    });
    expect((await resident.request('POST', `/api/moderation/comments/${c.id}/hide`, { reason: 'x' })).status).toBe(403);
    const hide = await moderator.request('POST', `/api/moderation/comments/${c.id}/hide`, { reason: 'Loukkaava kielenkäyttö' });
    expect(hide.status).toBe(204);
    const thread = await (await visitor(`/api/ideas/${id}/comments`)).json();
    expect(thread[0]).toMatchObject({ body: '', hidden: { reason: 'Loukkaava kielenkäyttö' } });
    const kept = (await db.knex.raw('SELECT body FROM idea_comments WHERE id = ?', [c.id])).rows[0].body;
    expect(kept).toBe('Asiaton kommentti');
    const notes = await (await resident.get('/api/notifications')).json();
    expect(
      notes.some(
        (n: { kind: string; payload: { targetId: number } }) => n.kind === 'content_hidden' && n.payload.targetId === c.id,
      ),
    ).toBe(true);
    const queueAfter = await (await moderator.get('/api/moderation/reports')).json();
    expect(queueAfter.find((r: { targetId: number }) => r.targetId === c.id)).toBeUndefined();
  });

  it('hides a whole idea from lists but keeps its page and timeline', async () => {
    const { id } = await submit({ title: 'Piilotettava idea' });
    expect((await moderator.request('POST', `/api/moderation/ideas/${id}/hide`, { reason: 'Mainos' })).status).toBe(204);
    const list = await (await visitor('/api/ideas?limit=5000')).json();
    expect(list.features.map((f: { id: number }) => f.id)).not.toContain(id);
    const page = await (await visitor(`/api/ideas/${id}`)).json();
    expect(page.properties.hidden.reason).toBe('Mainos');
    expect(page.properties.title).toBe('');
    expect(page.timeline).toHaveLength(1);
  });

  it('shows who is already active in the same districts and themes', async () => {
    const first = await submit({ title: 'Nuorten tila A' });
    await kymp.request('POST', `/api/ideas/${first.id}/responsibility`);
    await resident.request('POST', `/api/ideas/${first.id}/participants`, {});
    const elsewhere = await submit({ title: 'Muualla', geometry: { type: 'Point', coordinates: [25.0786, 60.2092] } });
    await kasko.request('POST', `/api/ideas/${elsewhere.id}/responsibility`);
    const second = await submit({ title: 'Nuorten tila B' });
    const people = (await (await visitor(`/api/ideas/${second.id}`)).json()).activePeople;
    expect(people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'official', name: 'Kaija Kymp', department: 'kymp' }),
        expect.objectContaining({ role: 'resident', name: 'Aino Asukas' }),
      ]),
    );
    expect(people.some((p: { department: string | null }) => p.department === 'kasko')).toBe(false);
  });

  it('records who wants to take part', async () => {
    const { id } = await submit();
    expect((await resident.request('POST', `/api/ideas/${id}/participants`, { message: 'Voin auttaa remontissa' })).status).toBe(
      204,
    );
    const p = await (await resident.get(`/api/ideas/${id}/participation`)).json();
    expect(p.mine).toEqual({ voted: false, following: true, participating: true });
    expect(p.participants).toEqual([{ name: 'Aino Asukas', message: 'Voin auttaa remontissa' }]);
  });
});
