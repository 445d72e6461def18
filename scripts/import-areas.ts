/**
 * npm run import:areas -- --from <wfs | url | file.geojson | folder>
 * Loads Helsinki's districts (suurpiiri, peruspiiri, osa-alue) into the configured database.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importAreasFrom } from '../server/src/areas/areas.service.js';
import { loadConfig } from '../server/src/config.js';
import { connect } from '../server/src/db/connection.js';
import { migrateLatest } from '../server/src/db/migrate.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: npm run import:areas -- --from <wfs | https://… | file.geojson | folder>\n' +
    '  wfs (default): the City of Helsinki open WFS\n  folder: laid out like shared/data/helsinki');
  process.exit(0);
}
const config = loadConfig();
const source = values.from ?? config.areasSource;
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
try {
  await migrateLatest(db.knex);
  const summary = await importAreasFrom(db.knex, source, { onProgress: (m) => console.log(m) });
  console.log(`\nImported districts from ${summary.source} in ${summary.durationMs} ms`);
  for (const [level, s] of Object.entries(summary.levels)) {
    console.log(`  ${level.padEnd(11)} ${String(s.imported).padStart(4)} imported, ${s.repaired} repaired, ${s.removed} removed`);
  }
  console.log(`  land polygons ${summary.landPolygons}`);
  if (summary.rejected.length) {
    console.log(`  ${summary.rejected.length} feature(s) could not be imported:`);
    for (const r of summary.rejected) console.log(`    ${r.where}: ${r.reason}`);
  }
} catch (err) {
  console.error(`Import failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
