import type { Knex } from 'knex';

/**
 * A partnership table's participants are people: their names are published (page, CSV) only when
 * they have agreed to it. Nobody has been asked yet, so every existing participant starts as not public.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE partnership_table_participants ADD COLUMN public boolean NOT NULL DEFAULT false');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE partnership_table_participants DROP COLUMN IF EXISTS public');
}
