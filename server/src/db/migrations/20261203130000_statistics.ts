import type { Knex } from 'knex';

/**
 * District statistics (issue 12): Statistics Finland's Paavo postal areas with their figures per
 * year, and each district's share of each postal area (derived: recomputed by the statistics
 * service whenever postal areas or districts are imported; statistics.repository.ts holds the rule).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE postal_areas (
      code        text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
      name_fi     text,
      name_sv     text,
      geom        geometry(MultiPolygon, 4326) NOT NULL,
      source      text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX postal_areas_geom_idx ON postal_areas USING gist (geom)');
  await knex.raw(`
    CREATE TABLE postal_area_statistics (
      postal_code text NOT NULL REFERENCES postal_areas(code) ON DELETE CASCADE,
      year        integer NOT NULL,
      figure      text NOT NULL,
      value       double precision NOT NULL,
      PRIMARY KEY (postal_code, year, figure)
    )`);
  await knex.raw('CREATE INDEX postal_area_statistics_figure_idx ON postal_area_statistics (figure, year)');
  await knex.raw(`
    CREATE TABLE area_postal_shares (
      area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
      postal_code text NOT NULL REFERENCES postal_areas(code) ON DELETE CASCADE,
      share       double precision NOT NULL CHECK (share > 0 AND share <= 1.000001),
      PRIMARY KEY (area_id, postal_code)
    )`);
  await knex.raw('CREATE INDEX area_postal_shares_postal_idx ON area_postal_shares (postal_code)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS area_postal_shares');
  await knex.raw('DROP TABLE IF EXISTS postal_area_statistics');
  await knex.raw('DROP TABLE IF EXISTS postal_areas');
}
