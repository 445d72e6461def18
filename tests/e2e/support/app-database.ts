import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { importAreasFrom } from '../../../server/src/areas/areas.service.js';
import { connect } from '../../../server/src/db/connection.js';
import { migrateLatest } from '../../../server/src/db/migrate.js';
import { testAreasSource } from '../../../server/src/test-support/test-areas.js';
import { createServerDatabase, dropServerDatabase, randomDatabaseName } from '../../../server/src/test-support/test-db.js';

/**
 * A database of a spec's own app, migrated and holding the districts, which `seed` fills before
 * the app starts (the embedded PGlite allows one process at a time). On PGlite it is a copy of the
 * run's seeded folder; with DATABASE_URL a new database on that server. Returns the app's
 * environment and a clean-up for afterAll.
 */
export async function appDatabase(
  prefix: string,
  seed: (knex: Knex) => Promise<unknown>,
): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = randomDatabaseName(`kk_e2e_${prefix}`);
    const url = await createServerDatabase(serverUrl, name);
    const db = await connect({ databaseUrl: url });
    try {
      await migrateLatest(db.knex);
      await importAreasFrom(db.knex, testAreasSource().source);
      await seed(db.knex);
    } finally {
      await db.close();
    }
    return { env: { DATABASE_URL: url }, cleanup: () => dropServerDatabase(serverUrl, name) };
  }
  const seeded = inject('e2eSeed');
  if (!seeded) throw new Error('No e2e seed: run this spec through the vitest "e2e" project');
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), `kk-e2e-${prefix}-`));
  await fsp.cp(seeded.withAreas, path.join(dataDir, 'pglite'), { recursive: true });
  const db = await connect({ dataDir: path.join(dataDir, 'pglite') });
  try {
    await migrateLatest(db.knex);
    await seed(db.knex);
  } finally {
    await db.close();
  }
  return {
    env: { KK_DATA_DIR: dataDir, KK_AREAS_SOURCE: seeded.areasSource },
    cleanup: () => fsp.rm(dataDir, { recursive: true, force: true }),
  };
}
