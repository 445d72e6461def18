import { z } from 'zod';
import type { Department, Theme } from './activities.js';
import { PlainText, SLUG, SLUG_MAX } from './common.js';

/**
 * Departments and themes as admins manage them (reference data: rows, not code). No server
 * imports: the client imports this file for its forms.
 */

/** The one slug grammar (common.ts), under the names the admin forms know it by. */
export const REFERENCE_SLUG = SLUG;
export const REFERENCE_SLUG_MAX = SLUG_MAX;
export const COLOR = /^#[0-9A-Fa-f]{6}$/;

export const ReferenceSlug = z
  .string({ error: 'slug must be text' })
  .max(REFERENCE_SLUG_MAX, `slug must be at most ${REFERENCE_SLUG_MAX} characters`)
  .regex(REFERENCE_SLUG, 'slug must be lower-case letters, digits and hyphens (a-z, 0-9, -)');

export const ReferenceSlugParams = z.object({ slug: ReferenceSlug }).strict();

const Name = (name: string) => PlainText(name, 200);
/** Stored upper-case, as the seeded colours are, whatever case a colour picker sends. */
const Color = z
  .string({ error: 'color must be a colour as #RRGGBB' })
  .regex(COLOR, 'color must be a colour as #RRGGBB')
  .transform((s) => s.toUpperCase());
const SortOrder = z
  .number({ error: 'sortOrder must be a whole number' })
  .int('sortOrder must be a whole number')
  .min(0, 'sortOrder must be between 0 and 100000')
  .max(100_000, 'sortOrder must be between 0 and 100000');

const atLeastOne = (b: object) => Object.keys(b).length > 0;

/** POST /api/admin/themes — the Finnish name is required; a missing sortOrder puts it last. */
export const ThemeBody = z
  .object({
    slug: ReferenceSlug,
    nameFi: Name('nameFi'),
    nameSv: Name('nameSv').optional(),
    nameEn: Name('nameEn').optional(),
    sortOrder: SortOrder.optional(),
  })
  .strict();
export type ThemeBody = z.output<typeof ThemeBody>;

/** POST /api/admin/departments — a theme's fields and the colour of its map layer. */
export const DepartmentBody = ThemeBody.extend({ color: Color }).strict();
export type DepartmentBody = z.output<typeof DepartmentBody>;

/**
 * PATCH …/:slug changes what it names; null empties a Swedish or English name. A theme's slug can
 * be renamed too (every dataset links themes by key; links that name the old slug stop matching);
 * a department's slug stays.
 */
const emptiableNames = { nameSv: Name('nameSv').nullable(), nameEn: Name('nameEn').nullable() };
const NOTHING_TO_CHANGE = 'give at least one field to change';
export const ThemePatchBody = ThemeBody.extend(emptiableNames).partial().strict().refine(atLeastOne, NOTHING_TO_CHANGE);
export type ThemePatchBody = z.output<typeof ThemePatchBody>;
export const DepartmentPatchBody = DepartmentBody.omit({ slug: true })
  .extend(emptiableNames)
  .partial()
  .strict()
  .refine(atLeastOne, NOTHING_TO_CHANGE);
export type DepartmentPatchBody = z.output<typeof DepartmentPatchBody>;

/** What refers to a department: while any count is above zero it cannot be deleted. */
export interface DepartmentUses {
  activities: number;
  ideas: number;
  officials: number;
}
/** What refers to a theme (Kehrä areas count their earlier versions too: a restore brings them back). */
export interface ThemeUses {
  activities: number;
  ideas: number;
  kehraDevAreas: number;
  kehraPlanGoals: number;
  partnershipTables: number;
}

export interface AdminDepartment extends Department {
  sortOrder: number;
  uses: DepartmentUses;
}
export interface AdminTheme extends Theme {
  sortOrder: number;
  uses: ThemeUses;
}

/** GET /api/admin/reference-data */
export interface ReferenceDataResponse {
  departments: AdminDepartment[];
  themes: AdminTheme[];
}
