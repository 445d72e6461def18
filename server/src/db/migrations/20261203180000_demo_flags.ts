import type { Knex } from 'knex';

/**
 * The demo story reaches beyond activities: ideas, a Kehrä group, a partnership table and the
 * made-up official who moved the ideas along. Each is flagged like demo activities, so the UI can
 * label it and `seed:demo:remove` can find it; their rows below (timelines, members, areas,
 * meetings, roles) go with them by ON DELETE CASCADE.
 */
const TABLES = ['ideas', 'kehra_groups', 'partnership_tables', 'users'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const t of TABLES) await knex.raw(`ALTER TABLE ${t} ADD COLUMN is_demo boolean NOT NULL DEFAULT false`);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TABLES) await knex.raw(`ALTER TABLE ${t} DROP COLUMN IF EXISTS is_demo`);
}
