/**
 * npm run import:budgeting -- --from proposals.csv|.geojson --mapping mapping.json --round <id>
 * Proposals of an earlier participatory budgeting round (e.g. a Decidim open-data export) into a
 * round made for them, by a field mapping (see server/src/budgeting/budgeting-import.ts and
 * tests/fixtures/budgeting/decidim-mapping.json). Running it again changes nothing.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { BudgetingImportMapping, importBudgetingProposals } from '../server/src/budgeting/budgeting-import.js';
import { withDatabase } from './cli.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    mapping: { type: 'string' },
    round: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.from || !values.mapping) {
  console.log('Usage: npm run import:budgeting -- --from proposals.csv --mapping mapping.json [--round <id>]');
  process.exit(values.help ? 0 : 1);
}
const mapping: Record<string, unknown> = JSON.parse(fs.readFileSync(values.mapping, 'utf8'));
if (values.round !== undefined) mapping.roundId = Number(values.round);
const parsed = BudgetingImportMapping.safeParse(mapping);
if (!parsed.success) {
  console.error('Bad mapping:\n' + parsed.error.issues.map((i) => `  ${i.path.join('.') || 'mapping'}: ${i.message}`).join('\n'));
  process.exit(1);
}
await withDatabase(
  async (knex) => {
    const s = await importBudgetingProposals(knex, fs.readFileSync(values.from!, 'utf8'), parsed.data);
    console.log(
      `${s.rows} rows: ideas ${s.ideasCreated} created, ${s.ideasUnchanged} unchanged; ` +
        `plans ${s.plansCreated} created, ${s.plansUpdated} updated, ${s.plansUnchanged} unchanged`,
    );
  },
  { failure: 'Import failed' },
);
