/**
 * npm run import:statistics -- --from <pxweb | https://… | file.csv | folder>
 * Loads Statistics Finland's Paavo figures by postal area, with the postal-area polygons, and
 * apportions them to the districts (README "District statistics").
 */
import { parseArgs } from 'node:util';
import { importStatisticsFrom } from '../server/src/statistics/statistics.service.js';
import { withDatabase } from './cli.js';

const { values } = parseArgs({
  options: { from: { type: 'string' }, polygons: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(
    'Usage: npm run import:statistics -- --from <pxweb | https://… | file.csv | folder> [--polygons <url>]\n' +
      '  pxweb: Statistics Finland PxWeb table paavo_pxt_12f7, polygons from its Paavo WFS (or --polygons)\n' +
      '  file.csv / folder: the Paavo wide CSV (e.g. ../shared/data/helsinki/hki-paavo-stats), polygons beside it\n' +
      '  default: KK_STATISTICS_SOURCE',
  );
  process.exit(0);
}
await withDatabase(
  async (knex, config) => {
    const s = await importStatisticsFrom(knex, values.from ?? config.statisticsSource, {
      onProgress: (m) => console.log(m),
      polygonsUrl: values.polygons,
    });
    console.log(`\nImported Paavo statistics from ${s.source} in ${s.durationMs} ms`);
    console.log(`  postal areas ${s.postalAreas}, values ${s.values}, years ${s.years.join(', ')}`);
    console.log(`  district shares ${s.shares}; variables not kept ${s.skippedVariables}`);
    if (s.withoutPolygon) console.log(`  ${s.withoutPolygon} value(s) of postal codes without a polygon were not stored`);
  },
  { failure: 'Import failed' },
);
