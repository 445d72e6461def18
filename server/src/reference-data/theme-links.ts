import type { Knex } from 'knex';

/**
 * Every dataset links its items to `themes` through a join table (item column, theme_id), so the
 * theme filter, the slugs in a response, setting an item's themes and "in use" are one SQL shape
 * each. Table and column names are the fixed strings below, never input.
 */
export interface ThemeLink {
  table: string;
  column: string;
}

export const THEME_LINKS = {
  activities: { table: 'activity_themes', column: 'activity_id' },
  ideas: { table: 'idea_themes', column: 'idea_id' },
  kehraDevAreas: { table: 'kehra_dev_area_themes', column: 'dev_area_id' },
  /** History: a restore brings a version's themes back, so versions keep them by key as well. */
  kehraDevAreaVersions: { table: 'kehra_dev_area_version_themes', column: 'version_id' },
  partnershipTables: { table: 'partnership_table_themes', column: 'partnership_table_id' },
} as const satisfies Record<string, ThemeLink>;

/** The item's theme slugs as a JSON array, in the themes' own order. */
export const themeSlugsJsonSql = (l: ThemeLink, id: string) =>
  `coalesce((SELECT json_agg(th.slug ORDER BY th.sort_order, th.slug) FROM ${l.table} tl JOIN themes th ON th.id = tl.theme_id
              WHERE tl.${l.column} = ${id}), '[]'::json)`;

/** The same slugs joined by ';' (CSV and OGC properties). */
export const themeSlugsTextSql = (l: ThemeLink, id: string) =>
  `coalesce((SELECT string_agg(th.slug, ';' ORDER BY th.sort_order, th.slug) FROM ${l.table} tl JOIN themes th ON th.id = tl.theme_id
              WHERE tl.${l.column} = ${id}), '')`;

/** The theme filter: the item has any of the slugs (bound: a text array). */
export const hasAnyThemeSql = (l: ThemeLink, id: string) =>
  `EXISTS (SELECT 1 FROM ${l.table} tl JOIN themes th ON th.id = tl.theme_id WHERE tl.${l.column} = ${id} AND th.slug = ANY(?::text[]))`;

/** How many items use the theme (for "in use"). */
export const themeUsesSql = (l: ThemeLink, themeId: string) =>
  `(SELECT count(DISTINCT tl.${l.column})::int FROM ${l.table} tl WHERE tl.theme_id = ${themeId})`;

/** Makes the item's themes exactly `slugs` (existing slugs; the caller checks them); true when something changed. */
export async function setThemes(trx: Knex, l: ThemeLink, id: number, slugs: string[]): Promise<boolean> {
  const { rows: removed } = await trx.raw(
    `DELETE FROM ${l.table} WHERE ${l.column} = ? AND theme_id NOT IN (SELECT id FROM themes WHERE slug = ANY(?::text[])) RETURNING theme_id`,
    [id, slugs],
  );
  const { rows: added } = await trx.raw(
    `INSERT INTO ${l.table} (${l.column}, theme_id) SELECT ?, id FROM themes WHERE slug = ANY(?::text[]) ON CONFLICT DO NOTHING RETURNING theme_id`,
    [id, slugs],
  );
  return removed.length + added.length > 0;
}

/** Copies one item's theme links to another item (of the same or another link table). */
export async function copyThemes(trx: Knex, from: ThemeLink, fromId: number, to: ThemeLink, toId: number): Promise<void> {
  await trx.raw(`DELETE FROM ${to.table} WHERE ${to.column} = ?`, [toId]);
  await trx.raw(
    `INSERT INTO ${to.table} (${to.column}, theme_id) SELECT ?, theme_id FROM ${from.table} WHERE ${from.column} = ?`,
    [toId, fromId],
  );
}
