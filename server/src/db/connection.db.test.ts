import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('PostgreSQL connections', () => {
  it('plan without JIT and without parallel workers, on every pooled connection', async (ctx) => {
    // The embedded PGlite is one single-process connection built without LLVM: nothing to set.
    if (db.backend !== 'postgres') ctx.skip();
    // Held open together, so the pool has to hand out (and set up) three different connections.
    const settings = await Promise.all(
      [1, 2, 3].map(async () => {
        const { rows } = await db.knex.raw(
          `SELECT pg_backend_pid() AS pid, current_setting('jit') AS jit,
                  current_setting('max_parallel_workers_per_gather') AS workers, pg_sleep(0.2) IS NULL AS slept`,
        );
        return rows[0] as { pid: number; jit: string; workers: string };
      }),
    );
    expect(new Set(settings.map((s) => s.pid)).size).toBe(3);
    expect(settings.map(({ jit, workers }) => ({ jit, workers }))).toEqual(Array(3).fill({ jit: 'off', workers: '0' }));
  });
});
