/** Shared start and finish of the CLIs: the configured database, migrated, closed at the end. */
import path from 'node:path';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../server/src/config.js';
import { connect } from '../server/src/db/connection.js';
import { migrateLatest } from '../server/src/db/migrate.js';

export async function withDatabase(
  fn: (knex: Knex, config: Config) => Promise<void>,
  opts: { migrate?: boolean; failure?: string } = {},
): Promise<void> {
  const config = loadConfig();
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  try {
    if (opts.migrate !== false) await migrateLatest(db.knex);
    await fn(db.knex, config);
  } catch (err) {
    console.error(`${opts.failure ?? 'Failed'}: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

/**
 * An importer's progress: on a terminal one line rewritten in place (a progress bar of counts),
 * elsewhere (CI logs, pipes) one line per step. `done()` ends the line before the summary.
 */
export function progressLine(): { onProgress: (m: string) => void; done: () => void } {
  const tty = process.stdout.isTTY;
  let open = false;
  return {
    onProgress: (m) => {
      if (!tty) return void console.log(m);
      process.stdout.write(`\r\x1b[2K${m}`);
      open = true;
    },
    done: () => {
      if (open) process.stdout.write('\n');
      open = false;
    },
  };
}
