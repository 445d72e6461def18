import type { Knex } from 'knex';

/**
 * Where an area's name is drawn. District polygons include the sea, so a point computed from the
 * whole polygon can land far offshore; the importer stores a point on the area's land instead.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE areas ADD COLUMN label_point geometry(Point, 4326)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE areas DROP COLUMN label_point');
}
