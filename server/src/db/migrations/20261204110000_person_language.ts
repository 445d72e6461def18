import type { Knex } from 'knex';

/**
 * Mails speak the person's language: an account's is stored with it (set at sign-up, changed on the
 * profile), and a visitor's idea keeps the language it was submitted in, for the mails about it.
 * Existing rows were all written in Finnish, the service's first language.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of ['users', 'ideas']) {
    await knex.raw(
      `ALTER TABLE ${table} ADD COLUMN language text NOT NULL DEFAULT 'fi' CONSTRAINT ${table}_language_check CHECK (language IN ('fi', 'sv', 'en'))`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['users', 'ideas']) await knex.raw(`ALTER TABLE ${table} DROP COLUMN IF EXISTS language`);
}
