import type { Knex } from 'knex';

/**
 * Every account whose role shows publicly (official, admin, moderator, Kehrä member) gets a display
 * name, so nothing ever needs to fall back to the e-mail address. Accounts without one get a neutral
 * name made from the id, never from the address (its local part is often the person's name). A
 * display name may never look like an address: blank or '@' names are replaced too, and a check
 * keeps them out from now on. A resident without a name is shown as "Asukas" and stays as is.
 */
const PUBLIC_ROLES = `('official', 'admin', 'moderator', 'kehra')`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE users u
       SET display_name = CASE WHEN EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('official', 'admin'))
                               THEN 'Virkailija ' || u.id ELSE 'Käyttäjä ' || u.id END,
           updated_at = now()
     WHERE (u.display_name IS NULL OR btrim(u.display_name) = '' OR position('@' IN u.display_name) > 0)
       AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ${PUBLIC_ROLES})`);
  await knex.raw(`
    UPDATE users SET display_name = NULL, updated_at = now()
     WHERE btrim(display_name) = '' OR position('@' IN display_name) > 0`);
  await knex.raw(`
    ALTER TABLE users ADD CONSTRAINT users_display_name_not_email
      CHECK (display_name IS NULL OR (btrim(display_name) <> '' AND position('@' IN display_name) = 0))`);
}

export async function down(knex: Knex): Promise<void> {
  // The names given stay: they were never e-mail addresses.
  await knex.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_display_name_not_email');
}
