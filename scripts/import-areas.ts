/**
 * npm run import:areas -- --from <wfs | url | file.geojson | folder>
 * Loads Helsinki's districts (suurpiiri, peruspiiri, osa-alue) into the configured database.
 */
import { parseArgs } from 'node:util';
import { importAreasFrom } from '../server/src/areas/areas.service.js';
import { withDatabase } from './cli.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(
    'Usage: npm run import:areas -- --from <wfs | https://… | file.geojson | folder>\n' +
      '  wfs (default): the City of Helsinki open WFS\n  folder: laid out like shared/data/helsinki',
  );
  process.exit(0);
}
await withDatabase(
  async (knex, config) => {
    const summary = await importAreasFrom(knex, values.from ?? config.areasSource, { onProgress: (m) => console.log(m) });
    console.log(`\nImported districts from ${summary.source} in ${summary.durationMs} ms`);
    for (const [level, s] of Object.entries(summary.levels)) {
      console.log(
        `  ${level.padEnd(11)} ${String(s.imported).padStart(4)} imported, ${s.repaired} repaired, ${s.removed} removed`,
      );
    }
    console.log(`  land polygons ${summary.landPolygons}`);
    console.log('  items that changed district:');
    for (const [dataset, n] of Object.entries(summary.changedDistrict))
      console.log(`    ${dataset.padEnd(17)} ${String(n).padStart(6)}`);
    if (summary.rejected.length) {
      console.log(`  ${summary.rejected.length} feature(s) could not be imported:`);
      for (const r of summary.rejected) console.log(`    ${r.where}: ${r.reason}`);
    }
  },
  { failure: 'Import failed' },
);
