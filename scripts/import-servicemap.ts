/**
 * npm run import:servicemap -- --from <url | file.json | layer-export.geojson> [--department <slug>]
 * City of Helsinki Service Map units (or the map service's layer export) → services.
 */
import { parseArgs } from 'node:util';
import { formatSummary } from '../server/src/activities/importers/import-runner.js';
import { SERVICEMAP_DEFAULT_URL, importServiceMap } from '../server/src/activities/importers/servicemap.js';
import { progressLine, withDatabase } from './cli.js';

const { values } = parseArgs({
  options: { from: { type: 'string' }, department: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(
    `Usage: npm run import:servicemap -- --from <url|file> [--department <slug for unmapped units>]\n  default --from ${SERVICEMAP_DEFAULT_URL}`,
  );
  process.exit(0);
}
const from = values.from ?? SERVICEMAP_DEFAULT_URL;
await withDatabase(async (knex) => {
  const bar = progressLine();
  console.log(`Importing Service Map units from ${from}`);
  const s = await importServiceMap(knex, from, { department: values.department, onProgress: bar.onProgress });
  bar.done();
  console.log(formatSummary(s));
});
