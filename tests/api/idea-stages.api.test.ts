import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryMailer } from '../../server/src/auth/mailer.js';
import { manyResidents, signIn, type TestSession } from '../../server/src/test-support/accounts.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

const CATHEDRAL = [24.9522, 60.1704];
const mailer = memoryMailer();
let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let kymp: TestSession;
let kasko: TestSession;
let resident: TestSession;
let moderator: TestSession;

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

const move = (s: TestSession, id: number, body: Record<string, unknown>) =>
  s.call(`/api/ideas/${id}/stage`, { method: 'POST', body });
const countRows = async (table: string) => (await db.knex.raw(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, {
    auth: { scryptLogN: 15, mailer, rateLimits: 'idea.ip=1000/1h,vote.ip=100000/1m,vote.account=1000/1m' },
  });
  kymp = await signIn(db.knex, server.url, { email: 'kymp@example.test', roles: ['official'], departments: ['kymp'], displayName: 'Kaija Kymp' });
  kasko = await signIn(db.knex, server.url, { email: 'kasko@example.test', roles: ['official'], departments: ['kasko'] });
  resident = await signIn(db.knex, server.url, { email: 'asukas@example.test', displayName: 'Aino Asukas' });
  moderator = await signIn(db.knex, server.url, { email: 'mod@example.test', roles: ['moderator'] });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('an idea moving through its stages', () => {
  it('goes to decision and is not taken forward, with every step public on the timeline', async () => {
    const { id } = await submit();
    await resident.call(`/api/ideas/${id}/follow`, { method: 'PUT' });
    const steps = [
      { to: 'connected', reason: 'Nuorisopalvelut ja kaksi asukasta mukana' },
      { to: 'refining', reason: 'Työpaja pidetty' },
      { to: 'decision', reason: 'Esitetään osallistuvaan budjetointiin', funding: '15 000 € varattu' },
      { to: 'not_taken_forward', reason: 'Tila vuokrattiin muualle', alternativeRoute: 'kehra', alternativeDetails: 'Kallion Kehrä etsii uutta tilaa' },
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
    expect(detail.timeline.map((e: { to: string }) => e.to)).toEqual(['submitted', 'connected', 'refining', 'decision', 'not_taken_forward']);
    expect(detail.timeline[4]).toMatchObject({ by: 'Kaija Kymp', reason: 'Tila vuokrattiin muualle', alternativeRoute: 'kehra' });

    // The follower hears of every change in the app, the visitor who left an address by e-mail.
    const notes = await (await resident.call('/api/notifications')).json();
    expect(notes.filter((n: { kind: string; ideaId: number }) => n.kind === 'stage_changed' && n.ideaId === id)).toHaveLength(4);
    expect(mailer.messages.filter((m) => m.to === 'visitor@example.test')).toHaveLength(4);
  });

  it('refuses skipped stages, moves after the end, and missing alternative routes', async () => {
    const { id } = await submit();
    const before = await countRows('idea_stage_events');
    const skip = await move(kymp, id, { to: 'decision', reason: 'oikotie' });
    expect(skip.status).toBe(409);
    expect((await skip.json()).error.message).toMatch(/only move to connected/);
    const noRoute = await move(kymp, id, { to: 'not_taken_forward', reason: 'ei' });
    expect(noRoute.status).toBe(400);
    expect((await noRoute.json()).error.message).toMatch(/alternativeRoute is required/);
    expect(await countRows('idea_stage_events')).toBe(before);
    for (const to of ['connected', 'refining', 'decision', 'implemented']) expect((await move(kymp, id, { to, reason: 'ok' })).status).toBe(200);
    const after = await move(kymp, id, { to: 'decision', reason: 'takaisin' });
    expect(after.status).toBe(409);
    expect((await after.json()).error.message).toMatch(/can no longer change/);
  });

  it('lets only officials of the responsible department move an idea', async () => {
    const { id } = await submit();
    expect((await kymp.call(`/api/ideas/${id}/responsibility`, { method: 'POST' })).status).toBe(200);
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
    await kymp.call(`/api/ideas/${answered.id}/responsibility`, { method: 'POST' });
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
    const voters = await manyResidents(db.knex, server.url, 200, 'voter');
    const results = await Promise.all(voters.map((v) => v.call(`/api/ideas/${id}/votes`, { method: 'POST' })));
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const again = await Promise.all(voters.slice(0, 20).map((v) => v.call(`/api/ideas/${id}/votes`, { method: 'POST' })));
    expect(again.every((r) => r.status === 409)).toBe(true);
    const detail = await (await visitor(`/api/ideas/${id}`)).json();
    expect(detail.properties.votes).toBe(200);
    expect((await visitor(`/api/ideas/${id}/votes`, 'POST')).status).toBe(401);
  });
});

describe('comments and moderation', () => {
  it('threads replies one level deep and lets the author edit', async () => {
    const { id } = await submit();
    const top = await (await resident.call(`/api/ideas/${id}/comments`, { method: 'POST', body: { body: 'Hyvä idea!' } })).json();
    const reply = await (await kymp.call(`/api/ideas/${id}/comments`, { method: 'POST', body: { body: 'Kiitos, selvitetään.', parentId: top.id } })).json();
    await resident.call(`/api/ideas/${id}/comments`, { method: 'POST', body: { body: 'Vastaus vastaukseen', parentId: reply.id } });
    expect((await resident.call(`/api/comments/${top.id}`, { method: 'PATCH', body: { body: 'Tosi hyvä idea!' } })).status).toBe(204);
    expect((await kymp.call(`/api/comments/${top.id}`, { method: 'PATCH', body: { body: 'muokattu' } })).status).toBe(403);
    const thread = await (await visitor(`/api/ideas/${id}/comments`)).json();
    expect(thread).toHaveLength(1);
    expect(thread[0].body).toBe('Tosi hyvä idea!');
    expect(thread[0].editedAt).not.toBeNull();
    expect(thread[0].replies.map((r: { body: string }) => r.body)).toEqual(['Kiitos, selvitetään.', 'Vastaus vastaukseen']);
    const notes = await (await resident.call('/api/notifications')).json();
    expect(notes.some((n: { kind: string }) => n.kind === 'comment_reply')).toBe(true);
  });

  it('closes the edit window after 15 minutes', async () => {
    const { id } = await submit();
    const c = await (await resident.call(`/api/ideas/${id}/comments`, { method: 'POST', body: { body: 'Ensimmäinen versio' } })).json();
    await db.knex.raw(`UPDATE idea_comments SET created_at = now() - interval '16 minutes' WHERE id = ?`, [c.id]);
    const res = await resident.call(`/api/comments/${c.id}`, { method: 'PATCH', body: { body: 'Myöhäinen muokkaus' } });
    expect(res.status).toBe(409);
  });

  it('takes reports from anyone, hides with a public reason, keeps the text and tells the author', async () => {
    const { id } = await submit();
    const c = await (await resident.call(`/api/ideas/${id}/comments`, { method: 'POST', body: { body: 'Asiaton kommentti' } })).json();
    expect((await visitor('/api/reports', 'POST', { targetType: 'comment', targetId: c.id, reason: 'Asiaton' })).status).toBe(201);
    expect((await resident.call('/api/moderation/reports')).status).toBe(403);
    const queue = await (await moderator.call('/api/moderation/reports')).json();
    expect(queue.find((r: { targetId: number }) => r.targetId === c.id)).toMatchObject({ targetType: 'comment', ideaId: id, reason: 'Asiaton' });
    expect((await resident.call(`/api/moderation/comments/${c.id}/hide`, { method: 'POST', body: { reason: 'x' } })).status).toBe(403);
    const hide = await moderator.call(`/api/moderation/comments/${c.id}/hide`, { method: 'POST', body: { reason: 'Loukkaava kielenkäyttö' } });
    expect(hide.status).toBe(204);
    const thread = await (await visitor(`/api/ideas/${id}/comments`)).json();
    expect(thread[0]).toMatchObject({ body: '', hidden: { reason: 'Loukkaava kielenkäyttö' } });
    const kept = (await db.knex.raw('SELECT body FROM idea_comments WHERE id = ?', [c.id])).rows[0].body;
    expect(kept).toBe('Asiaton kommentti');
    const notes = await (await resident.call('/api/notifications')).json();
    expect(notes.some((n: { kind: string; payload: { targetId: number } }) => n.kind === 'content_hidden' && n.payload.targetId === c.id)).toBe(true);
    const queueAfter = await (await moderator.call('/api/moderation/reports')).json();
    expect(queueAfter.find((r: { targetId: number }) => r.targetId === c.id)).toBeUndefined();
  });

  it('hides a whole idea from lists but keeps its page and timeline', async () => {
    const { id } = await submit({ title: 'Piilotettava idea' });
    expect((await moderator.call(`/api/moderation/ideas/${id}/hide`, { method: 'POST', body: { reason: 'Mainos' } })).status).toBe(204);
    const list = await (await visitor('/api/ideas?limit=5000')).json();
    expect(list.features.map((f: { id: number }) => f.id)).not.toContain(id);
    const page = await (await visitor(`/api/ideas/${id}`)).json();
    expect(page.properties.hidden.reason).toBe('Mainos');
    expect(page.properties.title).toBe('');
    expect(page.timeline).toHaveLength(1);
  });

  it('shows who is already active in the same districts and themes', async () => {
    const first = await submit({ title: 'Nuorten tila A' });
    await kymp.call(`/api/ideas/${first.id}/responsibility`, { method: 'POST' });
    await resident.call(`/api/ideas/${first.id}/participants`, { method: 'POST', body: {} });
    const elsewhere = await submit({ title: 'Muualla', geometry: { type: 'Point', coordinates: [25.0786, 60.2092] } });
    await kasko.call(`/api/ideas/${elsewhere.id}/responsibility`, { method: 'POST' });
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
    expect((await resident.call(`/api/ideas/${id}/participants`, { method: 'POST', body: { message: 'Voin auttaa remontissa' } })).status).toBe(204);
    const p = await (await resident.call(`/api/ideas/${id}/participation`)).json();
    expect(p.mine).toEqual({ voted: false, following: true, participating: true });
    expect(p.participants).toEqual([{ name: 'Aino Asukas', message: 'Voin auttaa remontissa' }]);
  });
});
