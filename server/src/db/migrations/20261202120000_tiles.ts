import type { Knex } from 'knex';

/**
 * What a cached vector tile is checked against: a per-dataset revision that every write to the
 * dataset's tables raises, in the writing transaction, so it holds across processes.
 *
 * An append-only log instead of one counter row per dataset: an UPDATE of a shared row would hold
 * its lock until commit and queue every concurrent writer of the dataset behind it (idea submission
 * at 32 concurrent clients, issue 10). The revision is the sum of `n` over the dataset's rows; it
 * only grows, and at commit, so a revision read before a tile's query never names older data.
 * The tile service folds the rows of a dataset into one now and then, keeping the sum.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE tile_changes (
      id bigserial PRIMARY KEY,
      dataset text NOT NULL,
      n bigint NOT NULL DEFAULT 1
    )`);
  await knex.raw('CREATE INDEX tile_changes_dataset_idx ON tile_changes (dataset)');
  // Statement-level: a bulk import of a million rows writes one log row, not a million.
  await knex.raw(`
    CREATE FUNCTION tile_changes_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO tile_changes (dataset) SELECT unnest(TG_ARGV);
      RETURN NULL;
    END $$`);
  for (const [table, datasets] of TRIGGERS) {
    const args = datasets.map((d) => `'${d}'`).join(', ');
    await knex.raw(`
      CREATE TRIGGER ${table}_tile_changes_trg AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION tile_changes_log(${args})`);
  }
}

/** Tables whose writes change a dataset's tiles: its rows, their theme and district links, and the slugs tiles carry. */
const TRIGGERS: [string, string[]][] = [
  ['activities', ['activities']],
  ['activity_themes', ['activities']],
  ['activity_areas', ['activities']],
  ['ideas', ['ideas']],
  ['idea_themes', ['ideas']],
  ['idea_areas', ['ideas']],
  ['departments', ['activities', 'ideas']],
  ['themes', ['activities', 'ideas']],
];

export async function down(knex: Knex): Promise<void> {
  for (const [table] of TRIGGERS) await knex.raw(`DROP TRIGGER IF EXISTS ${table}_tile_changes_trg ON ${table}`);
  await knex.raw('DROP FUNCTION IF EXISTS tile_changes_log()');
  await knex.raw('DROP TABLE IF EXISTS tile_changes');
}
