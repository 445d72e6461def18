import type { Knex } from 'knex';
import * as m20261123000000 from './20261123000000_areas.js';

type Migration = { up: (k: Knex) => Promise<void>; down: (k: Knex) => Promise<void> };

/** Every migration, by name; a new migration file is added here as well. */
export const migrations: Record<string, Migration> = {
  '20261123000000_areas': m20261123000000,
};
