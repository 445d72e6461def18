/**
 * The embedded database under load: map readers take turns for its one connection, so a health
 * check or a write never queues behind all of them, and readers beyond the waiting room get a 503
 * to retry instead of an endless wait. Only the embedded backend has the queue (PostgreSQL's pool
 * serves requests side by side), so these run there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadAdmission } from '../../server/src/db/read-admission.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const READERS = 24;
let db: TestDatabase;
const embedded = !process.env.DATABASE_URL;

beforeAll(async () => {
  if (!embedded) return;
  db = await createTestDatabase();
  // Enough activities that a city-wide page is real work for the database.
  await db.knex.raw(
    `INSERT INTO activities (department_id, kind, status, title_fi, source, source_id, geom)
     SELECT (SELECT id FROM departments WHERE slug = 'kymp'), 'service', 'ongoing', 'Palvelu ' || i, 'load', i::text,
            ST_SetSRID(ST_MakePoint(24.9 + (i % 60) * 0.002, 60.17 + (i / 60) * 0.001), 4326)
     FROM generate_series(0, 2999) AS i`,
  );
});
afterAll(async () => {
  await db?.close();
});

describe.skipIf(!embedded)('embedded database under load', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it('answers the health check before the city-wide readers that were waiting ahead of it', async () => {
    const admission = new ReadAdmission(2, 100);
    server = await startTestServer(db, { readAdmission: admission });
    const reads = Array.from({ length: READERS }, () =>
      fetch(`${server!.url}/api/activities?limit=2000`).then(async (r) => {
        expect(r.status).toBe(200);
        await r.arrayBuffer();
      }),
    );
    // Wait (for state, not time) until a line of readers waits for the database.
    while (admission.queued < 8) await new Promise((r) => setTimeout(r, 5));
    const ahead = admission.active + admission.queued;
    const admittedBefore = admission.admitted;
    const health = await fetch(`${server.url}/api/health`);
    const admittedMeanwhile = admission.admitted - admittedBefore;
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe('ok');
    // First come, first served, it would have waited for every reader ahead of it; it passed most.
    expect(admittedMeanwhile).toBeLessThanOrEqual(ahead / 2);
    await Promise.all(reads);
    expect(admission.active + admission.queued).toBe(0);
    expect(admission.admitted).toBe(READERS);
  });

  it('sends a reader beyond the waiting room away with 503 and Retry-After; writes and health pass', async () => {
    const admission = new ReadAdmission(1, 0);
    const s = await startTestServer(db, { readAdmission: admission });
    try {
      const held = await admission.enter(); // the test holds the only turn
      const busy = await fetch(`${s.url}/api/activities?limit=1`);
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('1');
      expect((await busy.json()).error.code).toBe('busy');
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
      // A write is not a reader: it reaches its route (and is refused there, for its own reason).
      const write = await fetch(`${s.url}/api/ideas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(write.status).not.toBe(503);
      held!();
      expect((await fetch(`${s.url}/api/activities?limit=1`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
