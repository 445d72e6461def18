import type { Knex } from 'knex';
import { areaMembershipOf, installAreaMembership, uninstallAreaMembership } from '../../areas/area-membership.js';

/**
 * Shared city spaces (issue 13 item 5): premises the city lends to groups — school halls, youth
 * centres, meeting rooms out of hours — and the bookings asked for them.
 *
 * Double booking is impossible in the database itself: an exclusion constraint over (space, slot)
 * for CONFIRMED bookings only. Requests may overlap (several groups may ask for the same evening);
 * the space's official confirms one, and confirming another overlapping one fails with 23P01,
 * whichever transaction commits first, under any concurrency. It needs btree_gist for `=` on an
 * integer inside a GiST index (PGlite loads it as a contrib extension, see db/connection.ts).
 *
 * A space's public contact is the venue's own phone and web page: never a person's e-mail.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gist');
  await knex.raw(`
    CREATE TABLE spaces (
      id                   serial PRIMARY KEY,
      name_fi              text NOT NULL,
      name_sv              text,
      name_en              text,
      kind                 text NOT NULL CHECK (kind IN ('school_hall', 'youth_centre', 'meeting_room', 'other')),
      geom                 geometry(Point, 4326) NOT NULL,
      address              text NOT NULL,
      capacity             integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
      accessibility_notes  text,
      step_free            boolean NOT NULL DEFAULT false,
      accessible_toilet    boolean NOT NULL DEFAULT false,
      induction_loop       boolean NOT NULL DEFAULT false,
      -- Weekly rules in Europe/Helsinki time: [{ "day": 1-7 (ISO, Monday = 1), "opens": "HH:MM", "closes": "HH:MM" }].
      open_hours           jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(open_hours) = 'array'),
      phone                text,
      url                  text,
      department_id        integer NOT NULL REFERENCES departments(id),
      source               text NOT NULL DEFAULT 'manual',
      source_id            text,
      is_demo              boolean NOT NULL DEFAULT false,
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, source_id)
    )`);
  await knex.raw('CREATE INDEX spaces_geom_idx ON spaces USING gist (geom)');
  await knex.raw('CREATE INDEX spaces_department_idx ON spaces (department_id)');
  await installAreaMembership(knex, areaMembershipOf('spaces'));

  await knex.raw(`
    CREATE TABLE space_bookings (
      id                   serial PRIMARY KEY,
      space_id             integer NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
      requester_id         integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kehra_group_id       integer REFERENCES kehra_groups(id) ON DELETE SET NULL,
      partnership_table_id integer REFERENCES partnership_tables(id) ON DELETE SET NULL,
      slot                 tstzrange NOT NULL CHECK (NOT isempty(slot) AND lower_inc(slot) AND NOT upper_inc(slot)
                                                     AND NOT lower_inf(slot) AND NOT upper_inf(slot)),
      purpose              text NOT NULL,
      attendees            integer NOT NULL CHECK (attendees >= 1),
      status               text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled')),
      decision_reason      text,
      decided_by           integer REFERENCES users(id) ON DELETE SET NULL,
      decided_at           timestamptz,
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      CHECK (kehra_group_id IS NULL OR partnership_table_id IS NULL),
      CHECK (status <> 'declined' OR decision_reason IS NOT NULL),
      CONSTRAINT space_bookings_no_double_booking EXCLUDE USING gist (space_id WITH =, slot WITH &&) WHERE (status = 'confirmed')
    )`);
  await knex.raw('CREATE INDEX space_bookings_space_idx ON space_bookings USING gist (space_id, slot)');
  await knex.raw('CREATE INDEX space_bookings_requester_idx ON space_bookings (requester_id, created_at DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS space_bookings');
  await uninstallAreaMembership(knex, areaMembershipOf('spaces'));
  await knex.raw('DROP TABLE IF EXISTS space_areas');
  await knex.raw('DROP TABLE IF EXISTS spaces');
  // btree_gist stays: other databases on the server may use it, and it holds no data.
}
