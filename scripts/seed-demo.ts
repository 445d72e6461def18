/**
 * npm run seed:demo          — the Keskuspuisto demo story (every row flagged isDemo)
 * npm run seed:demo:remove   — deletes every demo row, and start-up no longer re-seeds
 */
import { parseArgs } from 'node:util';
import { removeDemo, seedDemo } from '../server/src/seed/demo-seed.js';
import { withDatabase } from './cli.js';

const { values } = parseArgs({ options: { remove: { type: 'boolean' } } });
await withDatabase(async (knex) => {
  if (values.remove) {
    console.log(`Removed ${await removeDemo(knex)} demo activities`);
    return;
  }
  const s = await seedDemo(knex);
  console.log(`Demo seed: ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged`);
});
