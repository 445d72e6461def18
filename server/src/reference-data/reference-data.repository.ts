import type { Knex } from 'knex';
import type {
  AdminDepartment,
  AdminTheme,
  DepartmentBody,
  DepartmentPatchBody,
  ThemeBody,
  ThemePatchBody,
} from '../contracts/reference-data.js';
import {
  toDepartment as toPublicDepartment,
  toTheme as toPublicTheme,
  type RefRow,
} from '../activities/activities.repository.js';
import { patchSet } from '../db/patch.js';
import { THEME_LINKS, themeUsesSql } from './theme-links.js';

export type ReferenceKind = 'department' | 'theme';

/** The public row and what only the admin sees: the sort order and what uses it. */
interface ReferenceRow extends RefRow {
  sort_order: number;
  uses: AdminDepartment['uses'] | AdminTheme['uses'];
}

const adminPart = (r: ReferenceRow) => ({ sortOrder: r.sort_order, uses: r.uses });
const toDepartment = (r: ReferenceRow) => ({ ...toPublicDepartment(r), ...adminPart(r) }) as AdminDepartment;
const toTheme = (r: ReferenceRow) => ({ ...toPublicTheme(r), ...adminPart(r) }) as AdminTheme;

// Every reference is counted here, not left to foreign keys: activity_themes and user_departments
// would cascade away silently. Themes are linked the same way in every dataset (theme-links.ts).
const DEPARTMENT_USES = `json_build_object(
  'activities', (SELECT count(*)::int FROM activities a WHERE a.department_id = d.id),
  'ideas', (SELECT count(*)::int FROM ideas i WHERE i.department_id = d.id),
  'officials', (SELECT count(*)::int FROM user_departments ud WHERE ud.department_id = d.id))`;
const THEME_USES = `json_build_object(
  'activities', ${themeUsesSql(THEME_LINKS.activities, 'd.id')},
  'ideas', ${themeUsesSql(THEME_LINKS.ideas, 'd.id')},
  'kehraDevAreas', (SELECT count(*)::int FROM kehra_dev_areas x
                     WHERE EXISTS (SELECT 1 FROM kehra_dev_area_themes t WHERE t.dev_area_id = x.id AND t.theme_id = d.id)
                        OR EXISTS (SELECT 1 FROM kehra_dev_area_versions v JOIN kehra_dev_area_version_themes t ON t.version_id = v.id
                                    WHERE v.dev_area_id = x.id AND t.theme_id = d.id)),
  'kehraPlanGoals', (SELECT count(*)::int FROM kehra_plan_goals x WHERE x.theme_id = d.id),
  'partnershipTables', ${themeUsesSql(THEME_LINKS.partnershipTables, 'd.id')})`;

/** Both kinds in one shape of SQL; the table names are fixed strings, never input. */
const TABLES = {
  department: { table: 'departments', columns: 'd.color,', uses: DEPARTMENT_USES },
  theme: { table: 'themes', columns: '', uses: THEME_USES },
} as const;

async function select(knex: Knex, kind: ReferenceKind, slug: string | null, lock = false): Promise<ReferenceRow[]> {
  const t = TABLES[kind];
  // FOR UPDATE on the row also blocks new foreign-key references to it until the delete is done.
  const { rows } = await knex.raw(
    `SELECT d.id, d.slug, d.name_fi, d.name_sv, d.name_en, ${t.columns} d.sort_order, ${t.uses} AS uses
       FROM ${t.table} d
      WHERE (?::text IS NULL OR d.slug = ?)
      ORDER BY d.sort_order, d.slug
      ${lock ? 'FOR UPDATE OF d' : ''}`,
    [slug, slug],
  );
  return rows;
}

export async function listDepartments(knex: Knex): Promise<AdminDepartment[]> {
  return (await select(knex, 'department', null)).map(toDepartment);
}
export async function listThemes(knex: Knex): Promise<AdminTheme[]> {
  return (await select(knex, 'theme', null)).map(toTheme);
}
export async function departmentBySlug(knex: Knex, slug: string, lock = false): Promise<AdminDepartment | null> {
  const [row] = await select(knex, 'department', slug, lock);
  return row ? toDepartment(row) : null;
}
export async function themeBySlug(knex: Knex, slug: string, lock = false): Promise<AdminTheme | null> {
  const [row] = await select(knex, 'theme', slug, lock);
  return row ? toTheme(row) : null;
}

/** Inserts a row; false when the slug is taken. Without a sort order it goes after the others. */
export async function insertReference(knex: Knex, kind: ReferenceKind, b: ThemeBody | DepartmentBody): Promise<boolean> {
  const { table } = TABLES[kind];
  const color =
    kind === 'department'
      ? { column: ', color', value: ', ?', bindings: [(b as DepartmentBody).color] }
      : { column: '', value: '', bindings: [] };
  const { rows } = await knex.raw(
    `INSERT INTO ${table} (slug, name_fi, name_sv, name_en, sort_order${color.column})
     VALUES (?, ?, ?, ?, coalesce(?::int, (SELECT coalesce(max(sort_order), 0) + 10 FROM ${table}))${color.value})
     ON CONFLICT (slug) DO NOTHING
     RETURNING id`,
    [b.slug, b.nameFi, b.nameSv ?? null, b.nameEn ?? null, b.sortOrder ?? null, ...color.bindings],
  );
  return rows.length > 0;
}

/** Applies a PATCH; false when there is no such slug. */
export async function updateReference(
  knex: Knex,
  kind: ReferenceKind,
  slug: string,
  b: ThemePatchBody | DepartmentPatchBody,
): Promise<boolean> {
  const columns: [string, unknown, string?][] = [
    // Every dataset links themes by key, so a new slug is one UPDATE; department slugs stay.
    ...(kind === 'theme' ? [['slug', (b as ThemePatchBody).slug] as [string, unknown]] : []),
    ['name_fi', b.nameFi],
    ['name_sv', b.nameSv],
    ['name_en', b.nameEn],
    ['sort_order', b.sortOrder, 'int'],
  ];
  if (kind === 'department') columns.push(['color', (b as DepartmentPatchBody).color]);
  const set = patchSet(columns);
  const { rows } = await knex.raw(`UPDATE ${TABLES[kind].table} SET ${set.sql} WHERE slug = ? RETURNING id`, [
    ...set.bindings,
    slug,
  ]);
  return rows.length > 0;
}

export async function deleteReference(knex: Knex, kind: ReferenceKind, slug: string): Promise<void> {
  await knex.raw(`DELETE FROM ${TABLES[kind].table} WHERE slug = ?`, [slug]);
}
