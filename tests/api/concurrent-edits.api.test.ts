/**
 * Concurrent edits of one activity: each PATCH is checked against, and audited with, the row as it
 * is when that edit applies (a row lock), so the date rule holds and the audit trail is a chain.
 * On PostgreSQL the unlocked read let two edits pass each other and break the dates check (500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: TestServer;
let official: TestAgent;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  official = new TestAgent(
    server.url,
    await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['official'], departments: ['kymp'] })),
  );
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const day = (month: number, d: number) => `2030-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('50 concurrent PATCHes of one activity’s dates', () => {
  it('never answer 500, leave a consistent row and an unbroken audit chain', async () => {
    const created = await official.post('/api/activities', {
      department: 'kymp',
      kind: 'construction',
      status: 'planned',
      titleFi: 'Samanaikaiset muokkaukset',
      startsAt: day(5, 1),
      endsAt: day(6, 30),
      geometry: { type: 'Point', coordinates: [24.9522, 60.1704] },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };

    // Starts move later and ends earlier, so many combinations cross (end before start).
    const bodies = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? { startsAt: day(5 + (i % 4), 1 + (i % 28)) } : { endsAt: day(5 + ((i + 1) % 4), 1 + ((i * 7) % 28)) },
    );
    const answers = await Promise.all(
      bodies.map(async (b) => {
        const res = await official.patch(`/api/activities/${id}`, b);
        return { status: res.status, body: (await res.json()) as { error?: { details: { path: string[] }[] | null } } };
      }),
    );
    for (const a of answers) {
      expect([200, 400], JSON.stringify(a.body).slice(0, 300)).toContain(a.status);
      if (a.status === 400)
        expect(a.body.error?.details?.map((d) => d.path[0])).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(startsAt|endsAt)$/)]),
        );
    }
    expect(answers.some((a) => a.status === 200)).toBe(true);

    const { rows } = await db.knex.raw('SELECT starts_at, ends_at FROM activities WHERE id = ?', [id]);
    expect(rows[0].ends_at >= rows[0].starts_at).toBe(true);

    const audit = await db.knex.raw(
      `SELECT action, before, after FROM audit_log WHERE target_type = 'activity' AND target_id = ? ORDER BY id`,
      [String(id)],
    );
    const entries = audit.rows as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[];
    expect(entries[0].action).toBe('activity.create');
    const updates = entries.slice(1);
    expect(updates).toHaveLength(answers.filter((a) => a.status === 200).length);
    const dates = (v: Record<string, unknown> | null) => v && { startsAt: v.startsAt, endsAt: v.endsAt };
    updates.forEach((e, i) => {
      expect(e.action).toBe('activity.update');
      expect(dates(e.before), `update ${i + 1}: its before is the previous after`).toEqual(dates(entries[i].after));
    });
    const last = dates(entries[entries.length - 1].after)!;
    const detail = (await (await official.get(`/api/activities/${id}`)).json()) as {
      properties: { startsAt: string; endsAt: string };
    };
    expect({ startsAt: detail.properties.startsAt, endsAt: detail.properties.endsAt }).toEqual(last);
  });
});

describe('20 concurrent PATCHes of one Kehrä group', () => {
  it('leave an audit chain where each before is the previous after', async () => {
    const groupId = await createTestKehraGroup(db.knex, 'Samanaikainen Kehrä');
    const admin = new TestAgent(
      server.url,
      await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['admin'] })),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.patch(`/api/kehra/groups/${groupId}`, { description: `Kuvaus ${i}` }).then((r) => r.status),
      ),
    );
    expect(answers.every((s) => s === 200)).toBe(true);
    const { rows } = await db.knex.raw(
      `SELECT before, after FROM audit_log WHERE action = 'kehra_group.update' AND target_id = ? ORDER BY id`,
      [String(groupId)],
    );
    expect(rows).toHaveLength(20);
    (rows as { before: { description: string }; after: { description: string } }[]).forEach((e, i, all) => {
      if (i > 0) expect(e.before.description, `update ${i + 1}`).toBe(all[i - 1].after.description);
    });
  });
});
