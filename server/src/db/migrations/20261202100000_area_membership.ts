import type { Knex } from 'knex';
import { areaMembershipOf, installAreaMembership, uninstallAreaMembership } from '../../areas/area-membership.js';

/**
 * One district-membership model and one way of storing themes.
 *
 * Membership: every table with a geometry gets its districts by the same rule, defined once in
 * area_membership_rule_sql: the areas its geometry intersects, except an item placed by picking a
 * district, which keeps exactly that district, its ancestors and the districts inside it (a table
 * convened for a peruspiiri concerns each of its osa-alue; the neighbours it borders it does not). Statement-level triggers keep the
 * links current as items change; the areas importer re-runs the rule after districts change.
 * Before this, activities had a trigger, ideas were linked once at insert time, and Kehrä areas
 * and partnership tables were intersected at read time, so a re-import left ideas in old districts.
 *
 * Themes: Kehrä development areas (their versions too) and partnership tables kept theme slugs in
 * text[]; like activities and ideas they now link to `themes` by key, so a theme in use cannot be
 * deleted by accident, a slug can be renamed, and every dataset filters and counts the same way.
 * Versions get a link table too rather than a text[] snapshot: a restore brings their themes back,
 * so they must keep pointing at existing themes (the admin's in-use count already said so).
 *
 * Plain PostgreSQL ≥ 10 SQL (transition tables, format() + EXECUTE): the same on PGlite and PostgreSQL.
 */

/** The four datasets this migration covers; later datasets install themselves in their own migration. */
const TABLES = ['activities', 'ideas', 'kehra_dev_areas', 'partnership_tables'] as const;

export async function up(knex: Knex): Promise<void> {
  // The rule, once. `items` is a table name or a parenthesised query giving id, geom and the
  // picked column (when there is one); the result is (item_id, area_id) rows.
  await knex.raw(`
    CREATE FUNCTION area_membership_rule_sql(items text, picked_col text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      IF picked_col = '' THEN
        RETURN format($q$SELECT i.id AS item_id, a.id AS area_id FROM %s i
                         JOIN areas a ON a.geom && i.geom AND ST_Intersects(a.geom, i.geom)$q$, items);
      END IF;
      -- By the hierarchy, not the shape: a district's shape touches its neighbours along the border.
      RETURN format($q$
        WITH RECURSIVE up(item_id, area_id) AS (
          SELECT i.id, i.%1$I FROM %2$s i WHERE i.%1$I IS NOT NULL
          UNION
          SELECT up.item_id, a.parent_id FROM up JOIN areas a ON a.id = up.area_id WHERE a.parent_id IS NOT NULL),
        down(item_id, area_id) AS (
          SELECT i.id, i.%1$I FROM %2$s i WHERE i.%1$I IS NOT NULL
          UNION
          SELECT down.item_id, a.id FROM down JOIN areas a ON a.parent_id = down.area_id)
        SELECT item_id, area_id FROM up
        UNION
        SELECT item_id, area_id FROM down
        UNION ALL
        SELECT i.id, a.id FROM %2$s i JOIN areas a ON a.geom && i.geom AND ST_Intersects(a.geom, i.geom)
         WHERE i.%1$I IS NULL$q$, picked_col, items);
    END $$`);

  // Trigger arguments: link table, its item column, the picked column ('' = none).
  await knex.raw(`
    CREATE FUNCTION area_membership_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      link text := TG_ARGV[0];
      item_col text := TG_ARGV[1];
      picked_col text := TG_ARGV[2];
      items text := 'new_rows';
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        -- Only rows whose place changed: most updates (a stage, a title) leave the links alone.
        items := format($q$(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
                            WHERE n.geom IS DISTINCT FROM o.geom%s)$q$,
                        CASE WHEN picked_col = '' THEN '' ELSE format(' OR n.%1$I IS DISTINCT FROM o.%1$I', picked_col) END);
        EXECUTE format('DELETE FROM %I l USING %s c WHERE l.%I = c.id', link, items, item_col);
      END IF;
      EXECUTE format('INSERT INTO %I (%I, area_id) SELECT item_id, area_id FROM (%s) r',
                     link, item_col, area_membership_rule_sql(items, picked_col));
      RETURN NULL;
    END $$`);

  // Brings a whole table's links in line with the rule; returns how many items changed district.
  await knex.raw(`
    CREATE FUNCTION area_membership_refresh(item_table text, link text, item_col text, picked_col text) RETURNS integer
    LANGUAGE plpgsql AS $$
    DECLARE changed integer;
    BEGIN
      EXECUTE format($q$
        WITH want AS (SELECT item_id, area_id FROM (%1$s) r),
             gone AS (DELETE FROM %2$I l
                       WHERE NOT EXISTS (SELECT 1 FROM want w WHERE w.item_id = l.%3$I AND w.area_id = l.area_id)
                      RETURNING l.%3$I AS item_id),
             came AS (INSERT INTO %2$I (%3$I, area_id)
                      SELECT w.item_id, w.area_id FROM want w
                       WHERE NOT EXISTS (SELECT 1 FROM %2$I l WHERE l.%3$I = w.item_id AND l.area_id = w.area_id)
                      RETURNING %3$I AS item_id)
        SELECT count(*)::int FROM (SELECT item_id FROM gone UNION SELECT item_id FROM came) x$q$,
        area_membership_rule_sql(format('%I', item_table), picked_col), link, item_col)
      INTO changed;
      RETURN changed;
    END $$`);

  // The activity-only triggers give way to the shared ones; the importer now re-runs the rule once
  // per import instead of a relink per upserted area.
  await knex.raw('DROP TRIGGER IF EXISTS activities_areas_trg ON activities');
  await knex.raw('DROP TRIGGER IF EXISTS areas_activities_trg ON areas');
  await knex.raw('DROP FUNCTION IF EXISTS activity_areas_from_activity()');
  await knex.raw('DROP FUNCTION IF EXISTS activity_areas_from_area()');
  for (const t of TABLES) await installAreaMembership(knex, areaMembershipOf(t));

  await knex.raw(`
    CREATE TABLE kehra_dev_area_themes (
      dev_area_id integer NOT NULL REFERENCES kehra_dev_areas(id) ON DELETE CASCADE,
      theme_id    integer NOT NULL REFERENCES themes(id),
      PRIMARY KEY (dev_area_id, theme_id)
    )`);
  await knex.raw('CREATE INDEX kehra_dev_area_themes_theme_idx ON kehra_dev_area_themes (theme_id, dev_area_id)');
  await knex.raw(`
    CREATE TABLE kehra_dev_area_version_themes (
      version_id integer NOT NULL REFERENCES kehra_dev_area_versions(id) ON DELETE CASCADE,
      theme_id   integer NOT NULL REFERENCES themes(id),
      PRIMARY KEY (version_id, theme_id)
    )`);
  await knex.raw('CREATE INDEX kehra_dev_area_version_themes_theme_idx ON kehra_dev_area_version_themes (theme_id, version_id)');
  await knex.raw(`
    CREATE TABLE partnership_table_themes (
      partnership_table_id integer NOT NULL REFERENCES partnership_tables(id) ON DELETE CASCADE,
      theme_id             integer NOT NULL REFERENCES themes(id),
      PRIMARY KEY (partnership_table_id, theme_id)
    )`);
  await knex.raw('CREATE INDEX partnership_table_themes_theme_idx ON partnership_table_themes (theme_id, partnership_table_id)');
  // Slugs that name no theme (none should: services checked them) cannot be kept by key.
  for (const [link, col, table] of [
    ['kehra_dev_area_themes', 'dev_area_id', 'kehra_dev_areas'],
    ['kehra_dev_area_version_themes', 'version_id', 'kehra_dev_area_versions'],
    ['partnership_table_themes', 'partnership_table_id', 'partnership_tables'],
  ] as const) {
    await knex.raw(`
      INSERT INTO ${link} (${col}, theme_id)
      SELECT DISTINCT x.id, th.id FROM ${table} x CROSS JOIN unnest(x.themes) AS s(slug) JOIN themes th ON th.slug = s.slug`);
    await knex.raw(`ALTER TABLE ${table} DROP COLUMN themes`);
  }
  await knex.raw('ALTER TABLE kehra_plan_goals ADD COLUMN theme_id integer REFERENCES themes(id)');
  await knex.raw('UPDATE kehra_plan_goals g SET theme_id = th.id FROM themes th WHERE th.slug = g.theme');
  await knex.raw('DELETE FROM kehra_plan_goals WHERE theme_id IS NULL');
  await knex.raw('ALTER TABLE kehra_plan_goals ALTER COLUMN theme_id SET NOT NULL, DROP COLUMN theme');
  await knex.raw('CREATE INDEX kehra_plan_goals_theme_idx ON kehra_plan_goals (theme_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE kehra_plan_goals ADD COLUMN theme text');
  await knex.raw('UPDATE kehra_plan_goals g SET theme = th.slug FROM themes th WHERE th.id = g.theme_id');
  await knex.raw('ALTER TABLE kehra_plan_goals ALTER COLUMN theme SET NOT NULL, DROP COLUMN theme_id');
  for (const [link, col, table, withDefault] of [
    ['kehra_dev_area_themes', 'dev_area_id', 'kehra_dev_areas', true],
    ['kehra_dev_area_version_themes', 'version_id', 'kehra_dev_area_versions', false],
    ['partnership_table_themes', 'partnership_table_id', 'partnership_tables', true],
  ] as const) {
    await knex.raw(`ALTER TABLE ${table} ADD COLUMN themes text[]`);
    await knex.raw(`
      UPDATE ${table} x SET themes = coalesce((SELECT array_agg(th.slug ORDER BY th.sort_order, th.slug)
                                                 FROM ${link} l JOIN themes th ON th.id = l.theme_id WHERE l.${col} = x.id), '{}')`);
    await knex.raw(`ALTER TABLE ${table} ALTER COLUMN themes SET NOT NULL`);
    if (withDefault) await knex.raw(`ALTER TABLE ${table} ALTER COLUMN themes SET DEFAULT '{}'`);
    await knex.raw(`DROP TABLE ${link}`);
  }

  for (const t of TABLES) await uninstallAreaMembership(knex, areaMembershipOf(t));
  await knex.raw('DROP TABLE IF EXISTS partnership_table_areas');
  await knex.raw('DROP TABLE IF EXISTS kehra_dev_area_areas');
  await knex.raw('DROP FUNCTION IF EXISTS area_membership_refresh(text, text, text, text)');
  await knex.raw('DROP FUNCTION IF EXISTS area_membership_sync()');
  await knex.raw('DROP FUNCTION IF EXISTS area_membership_rule_sql(text, text)');
  // Back to the activity triggers of 20261123010000_activities (ideas were linked by insertIdea then).
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
