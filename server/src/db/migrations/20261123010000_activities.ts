import type { Knex } from 'knex';

/**
 * Departments, themes and activities. Departments and themes are reference data (rows, not code):
 * more can be inserted later without a release. Colours are HDS brand colours
 * (https://hds.hel.fi/foundation/design-tokens/colour), one per department so the map legend
 * stays distinguishable.
 */
const DEPARTMENTS = [
  ['kasko', 'Kasvatuksen ja koulutuksen toimiala', 'Fostrans- och utbildningssektorn', 'Education Division', '#0072C6'],
  ['kymp', 'Kaupunkiympäristön toimiala', 'Stadsmiljösektorn', 'Urban Environment Division', '#00D7A7'],
  ['kuva', 'Kulttuurin ja vapaa-ajan toimiala', 'Kultur- och fritidssektorn', 'Culture and Leisure Division', '#FFC61E'],
  [
    'sote',
    'Sosiaali-, terveys- ja pelastustoimiala',
    'Social-, hälsovårds- och räddningssektorn',
    'Social Services, Health Care and Rescue Services Division',
    '#BD2719',
  ],
  ['kanslia', 'Kaupunginkanslia', 'Stadskansliet', 'City Executive Office', '#9FC9EB'],
] as const;

const THEMES = [
  ['youth', 'Nuoret', 'Unga', 'Youth'],
  ['elderly', 'Ikääntyneet', 'Äldre', 'Older people'],
  ['children-families', 'Lapset ja perheet', 'Barn och familjer', 'Children and families'],
  ['local-vitality', 'Alueen elinvoima', 'Områdets livskraft', 'Local vitality'],
  ['services', 'Palvelut', 'Tjänster', 'Services'],
  ['empty-spaces', 'Tyhjät tilat ja niiden käyttö', 'Tomma lokaler och deras användning', 'Empty spaces and their use'],
  ['environment-climate', 'Ympäristö ja ilmasto', 'Miljö och klimat', 'Environment and climate'],
  ['culture', 'Kulttuuri', 'Kultur', 'Culture'],
  ['sport-outdoors', 'Liikunta ja ulkoilu', 'Motion och friluftsliv', 'Sport and outdoors'],
  ['traffic-streets', 'Liikenne ja kadut', 'Trafik och gator', 'Traffic and streets'],
  ['safety', 'Turvallisuus', 'Säkerhet', 'Safety'],
  ['community', 'Yhteisöllisyys', 'Gemenskap', 'Community'],
  ['free-ideas', 'Vapaat ideat', 'Fria idéer', 'Free ideas'],
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE departments (
      id         serial PRIMARY KEY,
      slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
      name_fi    text NOT NULL,
      name_sv    text,
      name_en    text,
      color      text NOT NULL CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
      sort_order integer NOT NULL DEFAULT 100
    )`);
  await knex.raw(`
    CREATE TABLE themes (
      id         serial PRIMARY KEY,
      slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
      name_fi    text NOT NULL,
      name_sv    text,
      name_en    text,
      sort_order integer NOT NULL DEFAULT 100
    )`);
  for (const [i, [slug, fi, sv, en, color]] of DEPARTMENTS.entries()) {
    await knex.raw(`INSERT INTO departments (slug, name_fi, name_sv, name_en, color, sort_order) VALUES (?, ?, ?, ?, ?, ?)`, [
      slug,
      fi,
      sv,
      en,
      color,
      (i + 1) * 10,
    ]);
  }
  for (const [i, [slug, fi, sv, en]] of THEMES.entries()) {
    await knex.raw(`INSERT INTO themes (slug, name_fi, name_sv, name_en, sort_order) VALUES (?, ?, ?, ?, ?)`, [
      slug,
      fi,
      sv,
      en,
      (i + 1) * 10,
    ]);
  }

  await knex.raw(`
    CREATE TABLE activities (
      id             serial PRIMARY KEY,
      department_id  integer NOT NULL REFERENCES departments(id),
      kind           text NOT NULL CHECK (kind IN ('project', 'service', 'event', 'construction', 'planning', 'participation')),
      title_fi       text NOT NULL,
      title_sv       text,
      title_en       text,
      description_fi text,
      description_sv text,
      description_en text,
      status         text NOT NULL DEFAULT 'ongoing' CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),
      starts_at      timestamptz,
      ends_at        timestamptz,
      contact        text,
      url            text,
      source         text NOT NULL,
      source_id      text NOT NULL,
      is_demo        boolean NOT NULL DEFAULT false,
      geom           geometry(Geometry, 4326) NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT now(),
      updated_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, source_id),
      CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at <= ends_at)
    )`);
  await knex.raw('CREATE INDEX activities_geom_idx ON activities USING gist (geom)');
  await knex.raw('CREATE INDEX activities_department_idx ON activities (department_id)');
  await knex.raw('CREATE INDEX activities_span_idx ON activities (starts_at, ends_at)');
  await knex.raw(`
    CREATE TABLE activity_themes (
      activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      theme_id    integer NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
      PRIMARY KEY (activity_id, theme_id)
    )`);
  await knex.raw('CREATE INDEX activity_themes_theme_idx ON activity_themes (theme_id, activity_id)');
  await knex.raw(`
    CREATE TABLE activity_areas (
      activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
      PRIMARY KEY (activity_id, area_id)
    )`);
  await knex.raw('CREATE INDEX activity_areas_area_idx ON activity_areas (area_id, activity_id)');

  // The activity↔area links are derived data: triggers keep them current whichever way a row
  // changes (importer, seed, a future editor, an areas re-import), on PGlite and PostgreSQL alike.
  await knex.raw(`
    CREATE FUNCTION activity_areas_from_activity() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.geom IS NOT DISTINCT FROM OLD.geom THEN RETURN NEW; END IF;
        DELETE FROM activity_areas WHERE activity_id = NEW.id;
      END IF;
      INSERT INTO activity_areas (activity_id, area_id)
        SELECT NEW.id, a.id FROM areas a WHERE a.geom && NEW.geom AND ST_Intersects(a.geom, NEW.geom);
      RETURN NEW;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER activities_areas_trg AFTER INSERT OR UPDATE OF geom ON activities
      FOR EACH ROW EXECUTE FUNCTION activity_areas_from_activity()`);
  await knex.raw(`
    CREATE FUNCTION activity_areas_from_area() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.geom IS NOT DISTINCT FROM OLD.geom THEN RETURN NEW; END IF;
        DELETE FROM activity_areas WHERE area_id = NEW.id;
      END IF;
      INSERT INTO activity_areas (activity_id, area_id)
        SELECT t.id, NEW.id FROM activities t WHERE t.geom && NEW.geom AND ST_Intersects(t.geom, NEW.geom);
      RETURN NEW;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER areas_activities_trg AFTER INSERT OR UPDATE OF geom ON areas
      FOR EACH ROW EXECUTE FUNCTION activity_areas_from_area()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS areas_activities_trg ON areas');
  await knex.raw('DROP FUNCTION IF EXISTS activity_areas_from_area()');
  await knex.raw('DROP TABLE IF EXISTS activity_areas');
  await knex.raw('DROP TABLE IF EXISTS activity_themes');
  await knex.raw('DROP TABLE IF EXISTS activities');
  await knex.raw('DROP FUNCTION IF EXISTS activity_areas_from_activity()');
  await knex.raw('DROP TABLE IF EXISTS themes');
  await knex.raw('DROP TABLE IF EXISTS departments');
}
