/**
 * The moderators' queue as the /moderation page reads it: newest first, naming the idea (also for
 * a reported comment) and who reported (null for a visitor); handled reports leave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentReport } from '../../server/src/contracts/ideas.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: { url: string; close(): Promise<void> };
let resident: TestAgent;
let moderator: TestAgent;

async function agent(account: Parameters<typeof createTestAccount>[1]): Promise<TestAgent> {
  return new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, account)));
}

const queue = async (): Promise<ContentReport[]> => {
  const res = await moderator.get('/api/moderation/reports');
  expect(res.status).toBe(200);
  return res.json();
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 15, rateLimits: 'idea.ip=1000/1h' } });
  resident = await agent({ displayName: 'Aino Asukas' });
  moderator = await agent({ roles: ['moderator'] });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('the moderation queue', () => {
  it('lists open reports newest first with the idea, the comment and the reporter', async () => {
    const idea = await (
      await resident.request('POST', '/api/ideas', {
        title: 'Penkkejä rantaan',
        description: 'Lisää penkkejä rantareitille.',
        themes: ['environment-climate'],
        geometry: { type: 'Point', coordinates: [24.9522, 60.1704] },
      })
    ).json();
    const comment = await (
      await resident.request('POST', `/api/ideas/${idea.id}/comments`, { body: 'Asiaton kommentti' })
    ).json();
    const byVisitor = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targetType: 'idea', targetId: idea.id, reason: 'Mainos' }),
    });
    expect(byVisitor.status).toBe(201);
    expect(
      (await resident.request('POST', '/api/reports', { targetType: 'comment', targetId: comment.id, reason: 'Loukkaava' }))
        .status,
    ).toBe(201);

    const open = (await queue()).filter((r) => r.ideaId === idea.id);
    expect(open).toMatchObject([
      {
        targetType: 'comment',
        targetId: comment.id,
        ideaTitle: 'Penkkejä rantaan',
        excerpt: 'Asiaton kommentti',
        reason: 'Loukkaava',
        reporter: 'Aino Asukas',
      },
      { targetType: 'idea', targetId: idea.id, ideaTitle: 'Penkkejä rantaan', reason: 'Mainos', reporter: null },
    ]);
    expect(open[0].createdAt >= open[1].createdAt).toBe(true);

    expect((await moderator.request('POST', `/api/moderation/reports/${open[0].id}/dismiss`, {})).status).toBe(204);
    expect((await queue()).map((r) => r.id)).not.toContain(open[0].id);
    expect((await moderator.request('POST', `/api/moderation/reports/${open[0].id}/dismiss`, {})).status).toBe(404);
  });

  it('dismisses only with a valid body: anything else is a 400 and the report stays open', async () => {
    const idea = await (
      await resident.request('POST', '/api/ideas', {
        title: 'Roskis puistoon',
        description: 'Lisää roskiksia.',
        themes: ['environment-climate'],
        geometry: { type: 'Point', coordinates: [24.95, 60.171] },
      })
    ).json();
    const report = await (
      await resident.request('POST', '/api/reports', { targetType: 'idea', targetId: idea.id, reason: 'Roskapostia' })
    ).json();
    const dismiss = (body: unknown, raw?: string) =>
      moderator.request('POST', `/api/moderation/reports/${report.id}/dismiss`, body, raw === undefined ? {} : { raw });
    for (const [body, raw] of [
      [[]],
      [undefined],
      ['kyllä'],
      [{ reason: 5 }],
      [{ status: 'dismissed' }],
      [undefined, 'null'],
    ] as const) {
      const res = await dismiss(body, raw);
      expect(res.status, JSON.stringify(body ?? raw)).toBe(400);
    }
    expect((await queue()).map((r) => r.id)).toContain(report.id);
    const audit = await db.knex.raw(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'content_report.dismiss' AND target_id = ?`,
      [String(report.id)],
    );
    expect(audit.rows[0].n).toBe(0);

    expect((await dismiss({ reason: 'Ei sääntörikkomus' })).status).toBe(204);
    expect((await queue()).map((r) => r.id)).not.toContain(report.id);
  });
});
