/** npm run migrate [-- --rollback]: brings the configured database to the latest schema (or undoes all). */
import { parseArgs } from 'node:util';
import { migrateLatest, migrateRollbackAll } from '../server/src/db/migrate.js';
import { withDatabase } from './cli.js';

const { values } = parseArgs({ options: { rollback: { type: 'boolean' } } });
await withDatabase(
  async (knex) => {
    if (values.rollback) {
      await migrateRollbackAll(knex);
      console.log('Rolled back every migration');
    } else {
      const applied = await migrateLatest(knex);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already at the latest schema');
    }
  },
  { migrate: false, failure: 'Migration failed' },
);
