/** Officials' and moderators' actions on ideas end up in the audit log that admins read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import type { AuditEntry } from '../../server/src/contracts/users.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const CATHEDRAL = [24.9522, 60.1704];
let db: TestDatabase;
let server: TestServer;
let admin: TestAgent;
const ids: Record<'kymp' | 'moderator', number> = { kymp: 0, moderator: 0 };
let kymp: TestAgent;
let moderator: TestAgent;
let resident: TestAgent;

async function agentFor(userId: number) {
  return new TestAgent(server.url, await createTestSession(db.knex, userId));
}

const visitorPost = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function submit(): Promise<number> {
  const res = await visitorPost('/api/ideas', {
    title: 'Kesäkirjasto puistoon',
    description: 'Lainattavia kirjoja puiston hyllyyn kesäksi.',
    themes: ['culture'],
    geometry: { type: 'Point', coordinates: CATHEDRAL },
  });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

async function auditOf(targetType: string, targetId: number): Promise<AuditEntry[]> {
  const res = await admin.get(`/api/admin/audit?targetType=${targetType}&targetId=${targetId}`);
  expect(res.status).toBe(200);
  return (await res.json()).entries;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
  admin = await agentFor(await createTestAccount(db.knex, { roles: ['admin'], email: 'admin@audit.test' }));
  ids.kymp = await createTestAccount(db.knex, { roles: ['official'], departments: ['kymp'], email: 'kymp@audit.test' });
  ids.moderator = await createTestAccount(db.knex, { roles: ['moderator'], email: 'moderator@audit.test' });
  kymp = await agentFor(ids.kymp);
  moderator = await agentFor(ids.moderator);
  resident = await agentFor(await createTestAccount(db.knex, { email: 'resident@audit.test' }));
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('the audit log of ideas', () => {
  it('records an official taking responsibility and moving the stage, with who and before/after', async () => {
    const id = await submit();
    expect((await kymp.post(`/api/ideas/${id}/responsibility`)).status).toBe(200);
    expect(
      (await kymp.post(`/api/ideas/${id}/stage`, { to: 'connected', reason: 'Kirjasto ja kaksi asukasta mukana' })).status,
    ).toBe(200);
    // Refused moves change nothing, so they leave no entry.
    expect((await kymp.post(`/api/ideas/${id}/stage`, { to: 'implemented', reason: 'oikotie' })).status).toBe(409);

    const entries = await auditOf('idea', id);
    expect(entries.map((e) => e.action)).toEqual(['idea.stage', 'idea.responsibility']);
    const [stage, responsibility] = entries;
    expect(responsibility).toMatchObject({
      actor: { id: ids.kymp, email: 'kymp@audit.test' },
      target: { type: 'idea', id: String(id) },
      before: { responsibleUserId: null, department: null },
      after: { responsibleUserId: ids.kymp, department: 'kymp' },
    });
    expect(stage).toMatchObject({
      actor: { id: ids.kymp, email: 'kymp@audit.test' },
      before: { stage: 'submitted' },
      after: { stage: 'connected', reason: 'Kirjasto ja kaksi asukasta mukana' },
    });
    expect(stage.ip).toMatch(/127\.0\.0\.1/);
  });

  it('records the responsibility a first move implies, and the decision with its funding', async () => {
    const id = await submit();
    for (const step of [
      { to: 'connected', reason: 'Aloitetaan' },
      { to: 'refining', reason: 'Työpaja' },
      { to: 'decision', reason: 'Budjettiin', funding: '2 000 € varattu' },
    ]) {
      expect((await kymp.post(`/api/ideas/${id}/stage`, step)).status).toBe(200);
    }
    const entries = await auditOf('idea', id);
    expect(entries.map((e) => e.action)).toEqual(['idea.stage', 'idea.stage', 'idea.stage', 'idea.responsibility']);
    expect(entries[0]).toMatchObject({ before: { stage: 'refining' }, after: { stage: 'decision', funding: '2 000 € varattu' } });
    expect(entries[3].after).toEqual({ responsibleUserId: ids.kymp, department: 'kymp' });
  });

  it('records hiding an idea and a comment and dismissing a report', async () => {
    const id = await submit();
    const comment = await (await resident.post(`/api/ideas/${id}/comments`, { body: 'Mainos: osta halvalla' })).json();
    const commentReport = await (
      await visitorPost('/api/reports', { targetType: 'comment', targetId: comment.id, reason: 'Mainos' })
    ).json();
    const ideaReport = await (await visitorPost('/api/reports', { targetType: 'idea', targetId: id, reason: 'En pidä' })).json();

    expect((await moderator.post(`/api/moderation/reports/${ideaReport.id}/dismiss`, {})).status).toBe(204);
    expect((await moderator.post(`/api/moderation/comments/${comment.id}/hide`, { reason: 'Mainonta' })).status).toBe(204);
    expect((await moderator.post(`/api/moderation/ideas/${id}/hide`, { reason: 'Kaksoiskappale' })).status).toBe(204);
    // Not found: nothing happened, nothing logged.
    expect((await moderator.post('/api/moderation/reports/99999999/dismiss', {})).status).toBe(404);
    expect((await moderator.post('/api/moderation/comments/99999999/hide', { reason: 'x' })).status).toBe(404);

    const moderatorActor = { id: ids.moderator, email: 'moderator@audit.test' };
    expect(await auditOf('content_report', ideaReport.id)).toEqual([
      expect.objectContaining({
        action: 'content_report.dismiss',
        actor: moderatorActor,
        before: { status: 'open', targetType: 'idea', targetId: id },
        after: { status: 'dismissed', targetType: 'idea', targetId: id },
      }),
    ]);
    expect(await auditOf('idea_comment', comment.id)).toEqual([
      expect.objectContaining({
        action: 'idea_comment.hide',
        actor: moderatorActor,
        before: { hidden: false, reason: null },
        after: { hidden: true, reason: 'Mainonta', reportsClosed: [commentReport.id] },
      }),
    ]);
    expect(await auditOf('idea', id)).toEqual([
      expect.objectContaining({
        action: 'idea.hide',
        actor: moderatorActor,
        before: { hidden: false, reason: null },
        after: { hidden: true, reason: 'Kaksoiskappale', reportsClosed: [] },
      }),
    ]);
    const missing = await (await admin.get('/api/admin/audit?targetId=99999999')).json();
    expect(missing.entries).toEqual([]);

    // Hiding again with a new reason keeps the earlier one as "before".
    expect((await moderator.post(`/api/moderation/ideas/${id}/hide`, { reason: 'Sisältää henkilötietoja' })).status).toBe(204);
    expect((await auditOf('idea', id))[0]).toMatchObject({
      before: { hidden: true, reason: 'Kaksoiskappale' },
      after: { hidden: true, reason: 'Sisältää henkilötietoja' },
    });
  });

  it('is for admins only', async () => {
    expect((await moderator.get('/api/admin/audit?targetType=idea')).status).toBe(403);
    expect((await kymp.get('/api/admin/audit?targetType=idea')).status).toBe(403);
  });
});
