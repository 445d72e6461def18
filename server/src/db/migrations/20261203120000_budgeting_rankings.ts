import type { Knex } from 'knex';

/**
 * Rankings brought into a budgeting round (issue 11): a Kehrä group's ranked plan items or a
 * partnership table's municipal-budget outcomes, each idea with the rank its group or table gave
 * it. Bringing them in again replaces that group's or table's ranks in the round. And the keys of
 * proposals imported from earlier rounds (budgeting-import.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE budgeting_rankings (
      round_id  integer NOT NULL REFERENCES budgeting_rounds(id) ON DELETE CASCADE,
      idea_id   integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      by_kind   text NOT NULL CHECK (by_kind IN ('kehra_group', 'partnership_table')),
      by_id     integer NOT NULL,
      rank      integer NOT NULL CHECK (rank >= 1),
      PRIMARY KEY (round_id, by_kind, by_id, idea_id),
      FOREIGN KEY (round_id, idea_id) REFERENCES budgeting_proposals(round_id, idea_id) ON DELETE CASCADE
    )`);
  await knex.raw('CREATE INDEX budgeting_rankings_idea_idx ON budgeting_rankings (round_id, idea_id)');
  // Earlier rounds brought in from another system: which of our ideas and plans a source's row is,
  // so running the importer again finds them instead of making them twice.
  await knex.raw(`
    CREATE TABLE budgeting_imports (
      round_id    integer NOT NULL REFERENCES budgeting_rounds(id) ON DELETE CASCADE,
      source      text NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('idea', 'plan')),
      external_id text NOT NULL,
      target_id   integer NOT NULL,
      PRIMARY KEY (round_id, source, kind, external_id)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS budgeting_imports');
  await knex.raw('DROP TABLE IF EXISTS budgeting_rankings');
}
