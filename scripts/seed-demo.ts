/**
 * npm run seed:demo          — the Keskuspuisto demo story: activities, ideas at every stage, a
 *                              Kehrä group with its plan and a partnership table (all flagged demo)
 * npm run seed:demo:remove   — deletes every demo row, and start-up no longer re-seeds
 */
import { parseArgs } from 'node:util';
import { removeDemo, seedDemo } from '../server/src/seed/demo-seed.js';
import { withDatabase } from './cli.js';

const { values } = parseArgs({ options: { remove: { type: 'boolean' } } });
await withDatabase(async (knex) => {
  if (values.remove) {
    const r = await removeDemo(knex);
    console.log(
      `Removed the demo: ${r.activities} activities, ${r.ideas} ideas, ${r.kehraGroups} Kehrä groups, ` +
        `${r.partnershipTables} partnership tables, ${r.accounts} demo accounts`,
    );
    return;
  }
  const s = await seedDemo(knex);
  console.log(
    `Demo seed: activities ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged; ` +
      `created ${s.ideas} ideas, ${s.kehraGroups} Kehrä groups, ${s.partnershipTables} partnership tables`,
  );
});
