import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { areaMembershipOf, installAreaMembership, uninstallAreaMembership } from '../../areas/area-membership.js';

/**
 * Participatory budgeting (issue 11): rounds with their pots, ideas entered into a round, plans
 * merged from them, secret ballots and stored results.
 *
 * Ballot secrecy is in the shape of the tables. `budgeting_voters` says who has voted in a pot
 * (the roll: one row per person per pot, unique); `budgeting_ballots` holds what was chosen under a
 * random id, with no person, no time and no serial order. The only way from a person to their
 * ballot is `ballot_key`, an HMAC of person and pot under a server secret (KK_BALLOT_SECRET), which
 * the database does not hold when the secret is configured; replacing a ballot needs that link.
 * Both tables are unique per person per pot, so the database itself allows one ballot each.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE budgeting_rounds (
      id                  serial PRIMARY KEY,
      name_fi             text NOT NULL,
      name_sv             text,
      name_en             text,
      purpose             text NOT NULL CHECK (purpose IN ('allocating_funds', 'mapping_income_and_resources', 'co_planning',
                                                            'choosing_savings', 'solving_shared_challenges')),
      allocation          text NOT NULL CHECK (allocation IN ('department', 'district', 'project', 'budget_line')),
      allocation_rule     jsonb NOT NULL DEFAULT '{}'::jsonb,
      total_eur           bigint NOT NULL CHECK (total_eur >= 0),
      ballot_type         text NOT NULL CHECK (ballot_type IN ('knapsack', 'approval')),
      approval_max        integer CHECK (approval_max >= 1),
      min_age             integer NOT NULL DEFAULT 0 CHECK (min_age >= 0),
      residence_area_id   integer REFERENCES areas(id) ON DELETE SET NULL,
      proposals_from      timestamptz NOT NULL,
      co_creation_from    timestamptz NOT NULL,
      review_from         timestamptz NOT NULL,
      voting_from         timestamptz NOT NULL,
      results_from        timestamptz NOT NULL,
      implementation_from timestamptz NOT NULL,
      created_by          integer REFERENCES users(id) ON DELETE SET NULL,
      created_at          timestamptz NOT NULL DEFAULT now(),
      CHECK (proposals_from < co_creation_from AND co_creation_from < review_from AND review_from < voting_from
             AND voting_from < results_from AND results_from < implementation_from),
      CHECK ((ballot_type = 'approval') = (approval_max IS NOT NULL))
    )`);
  await knex.raw(`
    CREATE TABLE budgeting_pots (
      id              serial PRIMARY KEY,
      round_id        integer NOT NULL REFERENCES budgeting_rounds(id) ON DELETE CASCADE,
      kind            text NOT NULL CHECK (kind IN ('department', 'district', 'city_wide', 'project', 'budget_line')),
      department_id   integer REFERENCES departments(id),
      area_id         integer REFERENCES areas(id) ON DELETE SET NULL,
      name_fi         text NOT NULL,
      name_sv         text,
      name_en         text,
      amount_eur      bigint NOT NULL CHECK (amount_eur >= 0),
      line_amount_eur bigint,
      share_percent   numeric(7, 4),
      sort_order      integer NOT NULL
    )`);
  await knex.raw('CREATE INDEX budgeting_pots_round_idx ON budgeting_pots (round_id, sort_order)');
  await knex.raw(`
    CREATE TABLE budgeting_proposals (
      round_id   integer NOT NULL REFERENCES budgeting_rounds(id) ON DELETE CASCADE,
      idea_id    integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      entered_by integer REFERENCES users(id) ON DELETE SET NULL,
      entered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (round_id, idea_id)
    )`);
  await knex.raw(`
    CREATE TABLE budgeting_plans (
      id                  serial PRIMARY KEY,
      round_id            integer NOT NULL REFERENCES budgeting_rounds(id) ON DELETE CASCADE,
      pot_id              integer NOT NULL REFERENCES budgeting_pots(id) ON DELETE CASCADE,
      title               text NOT NULL,
      description         text NOT NULL DEFAULT '',
      cost_eur            bigint CHECK (cost_eur >= 0),
      feasibility         text NOT NULL DEFAULT 'pending' CHECK (feasibility IN ('pending', 'feasible', 'infeasible')),
      reason              text,
      alternative_route   text,
      alternative_details text,
      geom                geometry(Geometry, 4326) NOT NULL,
      created_by          integer REFERENCES users(id) ON DELETE SET NULL,
      created_at          timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX budgeting_plans_geom_idx ON budgeting_plans USING gist (geom)');
  await knex.raw('CREATE INDEX budgeting_plans_round_idx ON budgeting_plans (round_id, pot_id)');
  await knex.raw(`
    CREATE TABLE budgeting_plan_ideas (
      plan_id integer NOT NULL REFERENCES budgeting_plans(id) ON DELETE CASCADE,
      idea_id integer NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
      PRIMARY KEY (plan_id, idea_id)
    )`);
  await installAreaMembership(knex, areaMembershipOf('budgeting_plans'));

  // The roll: who has voted in which pot ('user:<id>' or, for a paper ballot, 'paper:<reference>').
  await knex.raw(`
    CREATE TABLE budgeting_voters (
      pot_id integer NOT NULL REFERENCES budgeting_pots(id) ON DELETE CASCADE,
      voter  text NOT NULL,
      paper  boolean NOT NULL,
      PRIMARY KEY (pot_id, voter)
    )`);
  // The ballot box: random ids, no person, no timestamps.
  await knex.raw(`
    CREATE TABLE budgeting_ballots (
      id         uuid PRIMARY KEY,
      pot_id     integer NOT NULL REFERENCES budgeting_pots(id) ON DELETE CASCADE,
      ballot_key text NOT NULL UNIQUE,
      paper      boolean NOT NULL
    )`);
  await knex.raw('CREATE INDEX budgeting_ballots_pot_idx ON budgeting_ballots (pot_id)');
  await knex.raw(`
    CREATE TABLE budgeting_ballot_choices (
      ballot_id uuid NOT NULL REFERENCES budgeting_ballots(id) ON DELETE CASCADE,
      plan_id   integer NOT NULL REFERENCES budgeting_plans(id) ON DELETE CASCADE,
      PRIMARY KEY (ballot_id, plan_id)
    )`);
  await knex.raw('CREATE INDEX budgeting_ballot_choices_plan_idx ON budgeting_ballot_choices (plan_id)');

  await knex.raw(`
    CREATE TABLE budgeting_results (
      round_id    integer PRIMARY KEY REFERENCES budgeting_rounds(id) ON DELETE CASCADE,
      computed_at timestamptz NOT NULL DEFAULT now(),
      computed_by integer REFERENCES users(id) ON DELETE SET NULL
    )`);
  await knex.raw(`
    CREATE TABLE budgeting_result_plans (
      round_id integer NOT NULL REFERENCES budgeting_results(round_id) ON DELETE CASCADE,
      pot_id   integer NOT NULL REFERENCES budgeting_pots(id) ON DELETE CASCADE,
      plan_id  integer NOT NULL REFERENCES budgeting_plans(id) ON DELETE CASCADE,
      votes    integer NOT NULL,
      position integer NOT NULL,
      funded   boolean NOT NULL,
      reason   text,
      PRIMARY KEY (pot_id, plan_id)
    )`);
  await knex.raw('CREATE INDEX budgeting_result_plans_round_idx ON budgeting_result_plans (round_id, pot_id, position)');

  // Used only when KK_BALLOT_SECRET is not configured (a laptop or a workshop): then someone who
  // reads the database could link ballots to people, which the README says.
  await knex.raw('CREATE TABLE budgeting_secret (secret text NOT NULL)');
  await knex.raw('INSERT INTO budgeting_secret (secret) VALUES (?)', [randomBytes(32).toString('base64url')]);
}

export async function down(knex: Knex): Promise<void> {
  await uninstallAreaMembership(knex, areaMembershipOf('budgeting_plans'));
  for (const t of [
    'budgeting_secret',
    'budgeting_result_plans',
    'budgeting_results',
    'budgeting_ballot_choices',
    'budgeting_ballots',
    'budgeting_voters',
    'budgeting_plan_areas',
    'budgeting_plan_ideas',
    'budgeting_plans',
    'budgeting_proposals',
    'budgeting_pots',
    'budgeting_rounds',
  ]) {
    await knex.raw(`DROP TABLE IF EXISTS ${t}`);
  }
}
