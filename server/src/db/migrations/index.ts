import type { Knex } from 'knex';
import * as m20261123000000 from './20261123000000_areas.js';
import * as m20261123010000 from './20261123010000_activities.js';
import * as m20261123020000 from './20261123020000_accounts.js';
import * as m20261123030000 from './20261123030000_ideas.js';
import * as m20261123040000 from './20261123040000_idea_participation.js';
import * as m20261123050000 from './20261123050000_area_labels.js';
import * as m20261123060000 from './20261123060000_kehra_tables.js';
import * as m20261202100000 from './20261202100000_area_membership.js';
import * as m20261202110000 from './20261202110000_display_names.js';
import * as m20261202110100 from './20261202110100_login_throttle.js';
import * as m20261202110200 from './20261202110200_participant_consent.js';
import * as m20261202110300 from './20261202110300_table_department.js';
import * as m20261202120000 from './20261202120000_tiles.js';
import * as m20261203100000 from './20261203100000_budgeting.js';
import * as m20261203110000 from './20261203110000_budgeting_implementation.js';
import * as m20261203120000 from './20261203120000_budgeting_rankings.js';
import * as m20261203130000 from './20261203130000_statistics.js';
import * as m20261203150000 from './20261203150000_activity_cells.js';
import * as m20261203180000 from './20261203180000_demo_flags.js';
import * as m20261204000000 from './20261204000000_activity_cells_moves.js';
import * as m20261204030000 from './20261204030000_spaces.js';
import * as m20261204110000 from './20261204110000_person_language.js';
import * as m20261204130000 from './20261204130000_invitations.js';

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
  '20261202110000_display_names': m20261202110000,
  '20261202110100_login_throttle': m20261202110100,
  '20261202110200_participant_consent': m20261202110200,
  '20261202110300_table_department': m20261202110300,
  '20261202120000_tiles': m20261202120000,
  '20261203100000_budgeting': m20261203100000,
  '20261203110000_budgeting_implementation': m20261203110000,
  '20261203120000_budgeting_rankings': m20261203120000,
  '20261203130000_statistics': m20261203130000,
  '20261203150000_activity_cells': m20261203150000,
  '20261203180000_demo_flags': m20261203180000,
  '20261204000000_activity_cells_moves': m20261204000000,
  '20261204030000_spaces': m20261204030000,
  '20261204110000_person_language': m20261204110000,
  '20261204130000_invitations': m20261204130000,
};
