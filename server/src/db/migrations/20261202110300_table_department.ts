import type { Knex } from 'knex';

/**
 * A partnership table is convened by a department: its officials (and the table's organiser, the
 * official who set it up, and admins) may edit it, no other department's. Existing tables get the
 * first department of whoever set them up; a table without one is left to its organiser and admins.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE partnership_tables ADD COLUMN department_id integer REFERENCES departments(id) ON DELETE SET NULL');
  await knex.raw(`
    UPDATE partnership_tables t
       SET department_id = (SELECT min(ud.department_id) FROM user_departments ud WHERE ud.user_id = t.created_by)
     WHERE t.created_by IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE partnership_tables DROP COLUMN IF EXISTS department_id');
}
