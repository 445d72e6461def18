import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  await knex.raw(`
    CREATE TABLE areas (
      id          serial PRIMARY KEY,
      level       text NOT NULL CHECK (level IN ('suurpiiri', 'peruspiiri', 'osa_alue')),
      code        text NOT NULL,
      full_code   text NOT NULL,
      name_fi     text NOT NULL,
      name_sv     text,
      parent_id   integer REFERENCES areas(id) ON DELETE SET NULL,
      source      text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      geom        geometry(MultiPolygon, 4326) NOT NULL,
      UNIQUE (level, code)
    )`);
  await knex.raw('CREATE INDEX areas_geom_idx ON areas USING gist (geom)');
  await knex.raw('CREATE INDEX areas_parent_idx ON areas (parent_id)');
  // Land polygons for the offline base map (sea is the background colour).
  await knex.raw(`
    CREATE TABLE basemap_land (
      id     serial PRIMARY KEY,
      source text NOT NULL,
      geom   geometry(MultiPolygon, 4326) NOT NULL
    )`);
  await knex.raw('CREATE INDEX basemap_land_geom_idx ON basemap_land USING gist (geom)');
  // Records how the area data got here, so the UI can say when it runs on the offline fixture.
  await knex.raw(`
    CREATE TABLE data_imports (
      id          serial PRIMARY KEY,
      dataset     text NOT NULL,
      source      text NOT NULL,
      is_fixture  boolean NOT NULL DEFAULT false,
      summary     jsonb NOT NULL DEFAULT '{}'::jsonb,
      imported_at timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS data_imports');
  await knex.raw('DROP TABLE IF EXISTS basemap_land');
  await knex.raw('DROP TABLE IF EXISTS areas');
}
