import type { Knex } from 'knex';

/**
 * Admins invite officials by e-mail (issue 14 item 8): the invitation is a one-time link of its
 * own purpose, so a password-reset link cannot stand in for it nor the other way round.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE auth_tokens DROP CONSTRAINT IF EXISTS auth_tokens_purpose_check');
  await knex.raw(
    `ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check
       CHECK (purpose IN ('verify_email', 'password_reset', 'invitation'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DELETE FROM auth_tokens WHERE purpose = 'invitation'`);
  await knex.raw('ALTER TABLE auth_tokens DROP CONSTRAINT IF EXISTS auth_tokens_purpose_check');
  await knex.raw(
    `ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check CHECK (purpose IN ('verify_email', 'password_reset'))`,
  );
}
