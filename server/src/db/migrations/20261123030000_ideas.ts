import type { Knex } from 'knex';

/**
 * Ideas and everything people do around them. Nothing is ever deleted: hiding by a moderator sets
 * hidden_at with a public reason, and every stage change is a row of its own (the public timeline).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE ideas (
      id                  serial PRIMARY KEY,
      tracking_code       text NOT NULL UNIQUE,
      title               text NOT NULL,
      description         text NOT NULL,
      cost_estimate_eur   integer CHECK (cost_estimate_eur >= 0),
      contact_name        text,
      contact_email       text,
      author_user_id      integer REFERENCES users(id) ON DELETE SET NULL,
      picked_area_id      integer REFERENCES areas(id) ON DELETE SET NULL,
      stage               text NOT NULL DEFAULT 'submitted' CHECK (stage IN
                            ('submitted', 'connected', 'refining', 'decision', 'implemented', 'not_taken_forward')),
      department_id       integer REFERENCES departments(id),
      responsible_user_id integer REFERENCES users(id) ON DELETE SET NULL,
      funding             text,
      alternative_route   text CHECK (alternative_route IN ('other_funder', 'kehra', 'partnership_table', 'residents_own_action')),
      alternative_details text,
      hidden_at           timestamptz,
      hidden_reason       text,
      geom                geometry(Geometry, 4326) NOT NULL,
      submitted_at        timestamptz NOT NULL DEFAULT now(),
      stage_changed_at    timestamptz NOT NULL DEFAULT now(),
      first_response_at   timestamptz
    )`);
  await knex.raw('CREATE INDEX ideas_geom_idx ON ideas USING gist (geom)');
  await knex.raw('CREATE INDEX ideas_stage_idx ON ideas (stage, submitted_at)');
  await knex.raw(`
    CREATE TABLE idea_themes (
      idea_id  integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      theme_id integer NOT NULL REFERENCES themes(id),
      PRIMARY KEY (idea_id, theme_id)
    )`);
  await knex.raw(`
    CREATE TABLE idea_areas (
      idea_id integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      area_id integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
      PRIMARY KEY (idea_id, area_id)
    )`);
  await knex.raw('CREATE INDEX idea_areas_area_idx ON idea_areas (area_id, idea_id)');
  await knex.raw(`
    CREATE TABLE idea_stage_events (
      id                  serial PRIMARY KEY,
      idea_id             integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      from_stage          text,
      to_stage            text NOT NULL,
      actor_user_id       integer REFERENCES users(id) ON DELETE SET NULL,
      reason              text,
      alternative_route   text,
      alternative_details text,
      funding             text,
      created_at          timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX idea_stage_events_idea_idx ON idea_stage_events (idea_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS idea_stage_events');
  await knex.raw('DROP TABLE IF EXISTS idea_areas');
  await knex.raw('DROP TABLE IF EXISTS idea_themes');
  await knex.raw('DROP TABLE IF EXISTS ideas');
}
