/**
 * npm run import:geojson -- --from <url | file.geojson> (--mapping mapping.json | flags)
 *   flags: --source <name> --department <slug> | --department-field <prop>  --kind <kind> | --kind-field <prop>
 *          --title-field <prop> [--id-field <prop>] [--start-field] [--end-field] [--status] [--themes a,b]
 *          [--description-field] [--url-field] [--contact-field]
 * A department's own GeoJSON file, mapped field by field (see server/src/activities/importers/geojson.ts).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { GeoJsonMapping, importGeoJson } from '../server/src/activities/importers/geojson.js';
import { formatSummary } from '../server/src/activities/importers/import-runner.js';
import { progressLine, withDatabase } from './cli.js';

const flags = {
  source: 'source',
  'id-field': 'idField',
  department: 'department',
  'department-field': 'departmentField',
  kind: 'kind',
  'kind-field': 'kindField',
  status: 'status',
  'status-field': 'statusField',
  'title-field': 'titleField',
  'title-sv-field': 'titleSvField',
  'title-en-field': 'titleEnField',
  'description-field': 'descriptionField',
  'start-field': 'startField',
  'end-field': 'endField',
  'themes-field': 'themesField',
  'contact-field': 'contactField',
  'url-field': 'urlField',
} as const;
const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    mapping: { type: 'string' },
    themes: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...Object.fromEntries(Object.keys(flags).map((k) => [k, { type: 'string' as const }])),
  },
});
if (values.help || !values.from) {
  console.log(
    'Usage: npm run import:geojson -- --from <file|url> --mapping mapping.json\n' +
      '   or: npm run import:geojson -- --from <file|url> --source kymp-katutyot --department kymp --kind construction --title-field nimi --id-field tunnus',
  );
  process.exit(values.help ? 0 : 1);
}
const mapping: Record<string, unknown> = values.mapping ? JSON.parse(fs.readFileSync(values.mapping, 'utf8')) : {};
for (const [flag, key] of Object.entries(flags)) {
  const v = (values as Record<string, string | undefined>)[flag];
  if (v !== undefined) mapping[key] = v;
}
if (values.themes) mapping.themes = values.themes.split(',').map((s) => s.trim());
const parsed = GeoJsonMapping.safeParse(mapping);
if (!parsed.success) {
  console.error('Bad mapping:\n' + parsed.error.issues.map((i) => `  ${i.path.join('.') || 'mapping'}: ${i.message}`).join('\n'));
  process.exit(1);
}
await withDatabase(async (knex) => {
  const bar = progressLine();
  console.log(`Importing ${values.from} as source ${parsed.data.source}`);
  const s = await importGeoJson(knex, values.from!, parsed.data, { onProgress: bar.onProgress });
  bar.done();
  console.log(formatSummary(s));
});
