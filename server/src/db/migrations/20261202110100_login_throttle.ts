import type { Knex } from 'knex';

/**
 * Failed sign-ins to an address that has no account (or no password) are counted and locked like an
 * account's, so a locked address answers the same whether or not anyone is registered with it. The
 * address is kept only as a SHA-256 hash of its lower-case form: this table collects what people
 * type, and it must not become a list of addresses.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE login_throttle (
      address_hash       text PRIMARY KEY,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until       timestamptz,
      updated_at         timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS login_throttle');
}
