import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureAreas } from '../../../server/src/areas/areas.service.js';
import { connect } from '../../../server/src/db/connection.js';
import { migrateLatest } from '../../../server/src/db/migrate.js';
import { setLogLevel } from '../../../server/src/log.js';
import { ensureStatistics } from '../../../server/src/statistics/statistics.service.js';

/**
 * Embedded-database folders built once per e2e run and copied for every app start, so the app
 * does not spend ~15 s creating PostGIS each time. Null when the app runs on DATABASE_URL.
 */
export interface E2eSeed {
  /** KK_DATA_DIR/pglite, migrated, districts imported from `areasSource` exactly as main.ts does. */
  withAreas: string;
  /** Migrated but without districts: for apps started with another KK_AREAS_SOURCE. */
  migratedOnly: string;
  areasSource: string;
  root: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    e2eSeed: E2eSeed | null;
  }
}

export async function buildE2eSeed(areasSource: string): Promise<E2eSeed> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kk-e2e-seed-'));
  const migratedOnly = path.join(root, 'migrated', 'pglite');
  const withAreas = path.join(root, 'with-areas', 'pglite');
  setLogLevel('warn');
  let db = await connect({ dataDir: migratedOnly });
  try {
    await migrateLatest(db.knex);
  } finally {
    await db.close();
  }
  await fs.cp(migratedOnly, withAreas, { recursive: true });
  db = await connect({ dataDir: withAreas });
  try {
    await ensureAreas(db.knex, areasSource);
    // As main.ts does with the local Paavo copy beside the real districts (none beside the fixture).
    await ensureStatistics(db.knex, path.join(areasSource, 'hki-paavo-stats'));
  } finally {
    await db.close();
  }
  return { withAreas, migratedOnly, areasSource, root };
}
