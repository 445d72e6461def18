import type { Knex } from 'knex';
import * as m20261123000000 from './20261123000000_areas.js';
import * as m20261123010000 from './20261123010000_activities.js';
import * as m20261123020000 from './20261123020000_accounts.js';
import * as m20261123030000 from './20261123030000_ideas.js';
import * as m20261123040000 from './20261123040000_idea_participation.js';
import * as m20261123050000 from './20261123050000_area_labels.js';
import * as m20261123060000 from './20261123060000_kehra_tables.js';
import * as m20261202100000 from './20261202100000_area_membership.js';

type Migration = { up: (k: Knex) => Promise<void>; down: (k: Knex) => Promise<void> };

/** Every migration, by name; a new migration file is added here as well. */
export const migrations: Record<string, Migration> = {
  '20261123000000_areas': m20261123000000,
  '20261123010000_activities': m20261123010000,
  '20261123020000_accounts': m20261123020000,
  '20261123030000_ideas': m20261123030000,
  '20261123040000_idea_participation': m20261123040000,
  '20261123050000_area_labels': m20261123050000,
  '20261123060000_kehra_tables': m20261123060000,
  '20261202100000_area_membership': m20261202100000,
};
