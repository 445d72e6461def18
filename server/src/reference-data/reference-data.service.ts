import type { Knex } from 'knex';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type {
  AdminDepartment,
  AdminTheme,
  DepartmentBody,
  DepartmentPatchBody,
  ReferenceDataResponse,
  ThemeBody,
  ThemePatchBody,
} from '../contracts/reference-data.js';
import { HttpError, notFound } from '../http/errors.js';
import * as repo from './reference-data.repository.js';
import type { ReferenceKind } from './reference-data.repository.js';

/*
 * Departments and themes are read straight from their tables wherever they are used (filters,
 * idea submission, Kehrä checks): nothing is cached, so a row added here is usable at once.
 */

type Reference = AdminDepartment | AdminTheme;

const KINDS = {
  department: { name: 'Department', bySlug: repo.departmentBySlug },
  theme: { name: 'Theme', bySlug: repo.themeBySlug },
} as const;

/** How an audit entry keeps a row: its own fields, not the id or the counts of what uses it. */
const audited = ({ id: _id, uses: _uses, ...fields }: Reference) => fields;

const USE_NAMES: Record<string, [one: string, many: string]> = {
  activities: ['activity', 'activities'],
  ideas: ['idea', 'ideas'],
  officials: ['official', 'officials'],
  kehraDevAreas: ['Kehrä development area', 'Kehrä development areas'],
  kehraPlanGoals: ['Kehrä plan goal', 'Kehrä plan goals'],
  partnershipTables: ['partnership table', 'partnership tables'],
};

export async function listReferenceData(knex: Knex): Promise<ReferenceDataResponse> {
  return { departments: await repo.listDepartments(knex), themes: await repo.listThemes(knex) };
}

async function current<T extends Reference>(trx: Knex, kind: ReferenceKind, slug: string, lock = false): Promise<T> {
  const row = await KINDS[kind].bySlug(trx, slug, lock);
  if (!row) throw notFound(`${KINDS[kind].name} ${slug}`);
  return row as T;
}

async function create<T extends Reference>(
  knex: Knex,
  actor: AuditActor,
  kind: ReferenceKind,
  body: ThemeBody | DepartmentBody,
): Promise<T> {
  return knex.transaction(async (trx) => {
    if (!(await repo.insertReference(trx, kind, body))) {
      const message = `a ${kind} with slug ${body.slug} already exists`;
      throw new HttpError(409, 'already_exists', `slug: ${message}`, [{ path: ['slug'], message }]);
    }
    const after = await current<T>(trx, kind, body.slug);
    await recordAudit(trx, actor, { action: `${kind}.create`, target: { type: kind, id: body.slug }, after: audited(after) });
    return after;
  });
}

async function update<T extends Reference>(
  knex: Knex,
  actor: AuditActor,
  kind: ReferenceKind,
  slug: string,
  body: ThemePatchBody | DepartmentPatchBody,
): Promise<T> {
  return knex.transaction(async (trx) => {
    const before = await current<T>(trx, kind, slug, true);
    const renamed = 'slug' in body && body.slug !== undefined && body.slug !== slug ? body.slug : null;
    const taken = () => {
      const message = `a ${kind} with slug ${renamed} already exists`;
      return new HttpError(409, 'already_exists', `slug: ${message}`, [{ path: ['slug'], message }]);
    };
    if (renamed && (await KINDS[kind].bySlug(trx, renamed))) throw taken();
    try {
      await repo.updateReference(trx, kind, slug, body);
    } catch (err) {
      // Taken by a concurrent create between the check and the update.
      if ((err as { code?: string }).code === '23505') throw taken();
      throw err;
    }
    const after = await current<T>(trx, kind, renamed ?? slug);
    await recordAudit(trx, actor, {
      action: `${kind}.update`,
      target: { type: kind, id: slug },
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

/** Deletes a row nothing refers to; otherwise 409 naming what uses it (details.uses has the counts). */
async function remove(knex: Knex, actor: AuditActor, kind: ReferenceKind, slug: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const before = await current(trx, kind, slug, true);
    const uses = Object.entries(before.uses).filter(([, n]) => n > 0);
    const inUse = (what: string) =>
      new HttpError(409, 'in_use', `${KINDS[kind].name} ${slug} is in use by ${what}: remove it from them first`, {
        uses: before.uses,
      });
    if (uses.length) throw inUse(uses.map(([k, n]) => `${n} ${USE_NAMES[k]?.[n === 1 ? 0 : 1] ?? k}`).join(', '));
    try {
      await repo.deleteReference(trx, kind, slug);
    } catch (err) {
      // A reference this count does not know of yet (a newer table): still in use, not a 500.
      if ((err as { code?: string }).code === '23503') throw inUse('other records');
      throw err;
    }
    await recordAudit(trx, actor, { action: `${kind}.delete`, target: { type: kind, id: slug }, before: audited(before) });
  });
}

export const createDepartment = (knex: Knex, actor: AuditActor, body: DepartmentBody) =>
  create<AdminDepartment>(knex, actor, 'department', body);
export const createTheme = (knex: Knex, actor: AuditActor, body: ThemeBody) => create<AdminTheme>(knex, actor, 'theme', body);
export const updateDepartment = (knex: Knex, actor: AuditActor, slug: string, body: DepartmentPatchBody) =>
  update<AdminDepartment>(knex, actor, 'department', slug, body);
export const updateTheme = (knex: Knex, actor: AuditActor, slug: string, body: ThemePatchBody) =>
  update<AdminTheme>(knex, actor, 'theme', slug, body);
export const deleteDepartment = (knex: Knex, actor: AuditActor, slug: string) => remove(knex, actor, 'department', slug);
export const deleteTheme = (knex: Knex, actor: AuditActor, slug: string) => remove(knex, actor, 'theme', slug);
