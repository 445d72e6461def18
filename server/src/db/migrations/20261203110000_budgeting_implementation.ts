import type { Knex } from 'knex';

/**
 * Implementation of funded plans (issue 11): a plan names its responsible department and, once
 * implementation starts, the activity it became. Milestones belong to the activity (any activity
 * may have a public timeline of them); a timeline entry of an idea may name the milestone it tells
 * about, so the idea's page shows the milestone's own titles, date and state.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE budgeting_plans
      ADD COLUMN department_id integer REFERENCES departments(id),
      ADD COLUMN activity_id   integer UNIQUE REFERENCES activities(id) ON DELETE SET NULL`);
  await knex.raw(`
    CREATE TABLE activity_milestones (
      id          serial PRIMARY KEY,
      activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      title_fi    text NOT NULL,
      title_sv    text,
      title_en    text,
      due_on      date NOT NULL,
      done        boolean NOT NULL DEFAULT false,
      done_at     timestamptz,
      created_at  timestamptz NOT NULL DEFAULT now(),
      CHECK (done = (done_at IS NOT NULL))
    )`);
  await knex.raw('CREATE INDEX activity_milestones_activity_idx ON activity_milestones (activity_id, due_on, id)');
  await knex.raw(
    'ALTER TABLE idea_stage_events ADD COLUMN milestone_id integer REFERENCES activity_milestones(id) ON DELETE SET NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE idea_stage_events DROP COLUMN IF EXISTS milestone_id');
  await knex.raw('DROP TABLE IF EXISTS activity_milestones');
  await knex.raw('ALTER TABLE budgeting_plans DROP COLUMN IF EXISTS activity_id, DROP COLUMN IF EXISTS department_id');
}
