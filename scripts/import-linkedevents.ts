/**
 * npm run import:linkedevents -- --from <url | page.json> [--department <slug>] [--max-pages N]
 * Linked Events (api.hel.fi/linkedevents/v1/event/?include=location) → events; follows meta.next.
 */
import { parseArgs } from 'node:util';
import { formatSummary } from '../server/src/activities/importers/import-runner.js';
import { LINKEDEVENTS_DEFAULT_URL, importLinkedEvents } from '../server/src/activities/importers/linkedevents.js';
import { progressLine, withDatabase } from './cli.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    department: { type: 'string' },
    'max-pages': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    `Usage: npm run import:linkedevents -- --from <url|file> [--department kuva] [--max-pages 20]\n  default --from ${LINKEDEVENTS_DEFAULT_URL}`,
  );
  process.exit(0);
}
const from = values.from ?? LINKEDEVENTS_DEFAULT_URL;
await withDatabase(async (knex) => {
  const bar = progressLine();
  console.log(`Importing Linked Events from ${from}`);
  const s = await importLinkedEvents(knex, from, {
    department: values.department,
    maxPages: values['max-pages'] ? Number(values['max-pages']) : undefined,
    onProgress: bar.onProgress,
  });
  bar.done();
  console.log(formatSummary(s));
});
