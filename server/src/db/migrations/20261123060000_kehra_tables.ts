import type { Knex } from 'knex';

/**
 * Local networks: Kehrä groups (extending the minimal kehra_groups of the accounts migration) with
 * their working districts, members by sector, development areas (every edit kept as a version)
 * and development plan; and partnership tables with participants, meetings and outcomes.
 * Themes are stored as slugs (text[]) so a version row is a complete snapshot; services check
 * them against `themes`.
 */
const SECTORS = `('residents', 'businesses', 'city')`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE kehra_groups
      ADD COLUMN description   text NOT NULL DEFAULT '',
      ADD COLUMN contact_name  text,
      ADD COLUMN contact_email text,
      ADD COLUMN contact_phone text,
      ADD COLUMN updated_at    timestamptz NOT NULL DEFAULT now()`);
  await knex.raw(`
    CREATE TABLE kehra_group_areas (
      kehra_group_id integer NOT NULL REFERENCES kehra_groups(id) ON DELETE CASCADE,
      area_id        integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
      PRIMARY KEY (kehra_group_id, area_id)
    )`);
  await knex.raw('CREATE INDEX kehra_group_areas_area_idx ON kehra_group_areas (area_id)');
  // Members are people, not necessarily accounts; edit rights come from user_kehra_groups.
  await knex.raw(`
    CREATE TABLE kehra_members (
      id             serial PRIMARY KEY,
      kehra_group_id integer NOT NULL REFERENCES kehra_groups(id) ON DELETE CASCADE,
      name           text NOT NULL,
      sector         text NOT NULL CHECK (sector IN ${SECTORS}),
      organisation   text,
      user_id        integer REFERENCES users(id) ON DELETE SET NULL,
      created_at     timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX kehra_members_group_idx ON kehra_members (kehra_group_id)');

  await knex.raw(`
    CREATE TABLE kehra_dev_areas (
      id             serial PRIMARY KEY,
      kehra_group_id integer NOT NULL REFERENCES kehra_groups(id) ON DELETE CASCADE,
      name           text NOT NULL,
      description    text NOT NULL DEFAULT '',
      themes         text[] NOT NULL DEFAULT '{}',
      status         text NOT NULL CHECK (status IN ('idea', 'planning', 'active', 'done')),
      geom           geometry(MultiPolygon, 4326) NOT NULL,
      version        integer NOT NULL DEFAULT 1,
      created_at     timestamptz NOT NULL DEFAULT now(),
      updated_at     timestamptz NOT NULL DEFAULT now(),
      updated_by     integer REFERENCES users(id) ON DELETE SET NULL
    )`);
  await knex.raw('CREATE INDEX kehra_dev_areas_geom_idx ON kehra_dev_areas USING gist (geom)');
  await knex.raw('CREATE INDEX kehra_dev_areas_group_idx ON kehra_dev_areas (kehra_group_id)');
  // Every version, the current one included: a full snapshot, who made it and how.
  await knex.raw(`
    CREATE TABLE kehra_dev_area_versions (
      id            serial PRIMARY KEY,
      dev_area_id   integer NOT NULL REFERENCES kehra_dev_areas(id) ON DELETE CASCADE,
      version       integer NOT NULL,
      action        text NOT NULL CHECK (action IN ('create', 'update', 'restore')),
      restored_from integer,
      name          text NOT NULL,
      description   text NOT NULL,
      themes        text[] NOT NULL,
      status        text NOT NULL,
      geom          geometry(MultiPolygon, 4326) NOT NULL,
      edited_by     integer REFERENCES users(id) ON DELETE SET NULL,
      edited_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (dev_area_id, version)
    )`);

  await knex.raw(`
    CREATE TABLE kehra_plan_goals (
      id             serial PRIMARY KEY,
      kehra_group_id integer NOT NULL REFERENCES kehra_groups(id) ON DELETE CASCADE,
      theme          text NOT NULL,
      goal           text NOT NULL,
      position       integer NOT NULL
    )`);
  await knex.raw('CREATE INDEX kehra_plan_goals_group_idx ON kehra_plan_goals (kehra_group_id, position)');
  await knex.raw(`
    CREATE TABLE kehra_plan_items (
      kehra_group_id integer NOT NULL REFERENCES kehra_groups(id) ON DELETE CASCADE,
      idea_id        integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      rank           integer NOT NULL CHECK (rank >= 1),
      note           text NOT NULL DEFAULT '',
      funding_status text NOT NULL DEFAULT 'not_started'
                     CHECK (funding_status IN ('not_started', 'seeking_funding', 'applied', 'funded', 'not_funded')),
      added_at       timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kehra_group_id, idea_id),
      -- Deferred: a reorder rewrites every rank inside one transaction.
      UNIQUE (kehra_group_id, rank) DEFERRABLE INITIALLY DEFERRED
    )`);

  await knex.raw(`
    CREATE TABLE partnership_tables (
      id                  serial PRIMARY KEY,
      name                text NOT NULL,
      convener            text NOT NULL,
      description         text NOT NULL DEFAULT '',
      themes              text[] NOT NULL DEFAULT '{}',
      area_id             integer REFERENCES areas(id) ON DELETE SET NULL,
      geom                geometry(MultiPolygon, 4326) NOT NULL,
      meeting_place_name  text,
      meeting_place       geometry(Point, 4326),
      contact_name        text,
      contact_email       text,
      created_by          integer REFERENCES users(id) ON DELETE SET NULL,
      created_at          timestamptz NOT NULL DEFAULT now(),
      updated_at          timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX partnership_tables_geom_idx ON partnership_tables USING gist (geom)');
  await knex.raw('CREATE INDEX partnership_tables_place_idx ON partnership_tables USING gist (meeting_place)');
  await knex.raw(`
    CREATE TABLE partnership_table_participants (
      id           serial PRIMARY KEY,
      table_id     integer NOT NULL REFERENCES partnership_tables(id) ON DELETE CASCADE,
      name         text NOT NULL,
      sector       text NOT NULL CHECK (sector IN ${SECTORS}),
      organisation text,
      created_at   timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX partnership_table_participants_table_idx ON partnership_table_participants (table_id)');
  await knex.raw(`
    CREATE TABLE partnership_table_meetings (
      id          serial PRIMARY KEY,
      table_id    integer NOT NULL REFERENCES partnership_tables(id) ON DELETE CASCADE,
      starts_at   timestamptz NOT NULL,
      ends_at     timestamptz,
      place       text NOT NULL,
      place_point geometry(Point, 4326),
      agenda      text NOT NULL DEFAULT '',
      minutes     text NOT NULL DEFAULT '',
      CHECK (ends_at IS NULL OR ends_at >= starts_at)
    )`);
  await knex.raw('CREATE INDEX partnership_table_meetings_time_idx ON partnership_table_meetings (starts_at, table_id)');
  await knex.raw(`
    CREATE TABLE partnership_table_outcomes (
      id          serial PRIMARY KEY,
      table_id    integer NOT NULL REFERENCES partnership_tables(id) ON DELETE CASCADE,
      route       text NOT NULL CHECK (route IN ('municipal_budget', 'joint_action', 'separate_funding',
                                                 'resource_targeting', 'savings', 'larger_challenge')),
      description text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX partnership_table_outcomes_table_idx ON partnership_table_outcomes (table_id)');
  await knex.raw(`
    CREATE TABLE partnership_table_outcome_ideas (
      outcome_id integer NOT NULL REFERENCES partnership_table_outcomes(id) ON DELETE CASCADE,
      idea_id    integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      PRIMARY KEY (outcome_id, idea_id)
    )`);
  await knex.raw(`
    CREATE TABLE partnership_table_outcome_activities (
      outcome_id  integer NOT NULL REFERENCES partnership_table_outcomes(id) ON DELETE CASCADE,
      activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      PRIMARY KEY (outcome_id, activity_id)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of [
    'partnership_table_outcome_activities',
    'partnership_table_outcome_ideas',
    'partnership_table_outcomes',
    'partnership_table_meetings',
    'partnership_table_participants',
    'partnership_tables',
    'kehra_plan_items',
    'kehra_plan_goals',
    'kehra_dev_area_versions',
    'kehra_dev_areas',
    'kehra_members',
    'kehra_group_areas',
  ]) {
    await knex.raw(`DROP TABLE IF EXISTS ${t}`);
  }
  await knex.raw(`
    ALTER TABLE kehra_groups
      DROP COLUMN IF EXISTS description, DROP COLUMN IF EXISTS contact_name, DROP COLUMN IF EXISTS contact_email,
      DROP COLUMN IF EXISTS contact_phone, DROP COLUMN IF EXISTS updated_at`);
}
