import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { outOfScope } from '../auth/policy.js';
import {
  OFFICIAL_SOURCE,
  OVERLAP_DEFAULT_DISTANCE,
  type ActivityBody,
  type ActivityDetail,
  type ActivityPatchBody,
  type OverlapPair,
  type OverlapsResponse,
} from '../contracts/activities.js';
import { validateUserGeometry } from '../geometry/user-geometry.js';
import { HttpError, notFound, badField } from '../http/errors.js';
import * as repo from './activities.repository.js';

export const listDepartments = repo.listDepartments;
export const listThemes = repo.listThemes;

/** A 400 naming `field` when some of `given` are not among the known slugs. */
async function checkKnown(field: string, what: string, given: string[], list: () => Promise<{ slug: string }[]>): Promise<void> {
  const known = (await list()).map((r) => r.slug);
  const unknown = given.filter((s) => !known.includes(s));
  if (unknown.length) throw badField(field, `unknown ${what}(s): ${unknown.join(', ')} (known: ${known.join(', ')})`);
}

export async function activityDetail(knex: Knex, id: number, distance = OVERLAP_DEFAULT_DISTANCE): Promise<ActivityDetail> {
  const row = await repo.activityById(knex, id);
  if (!row) throw notFound(`Activity ${id}`);
  const items = await repo.overlapsOfActivity(knex, id, distance, 500);
  return {
    type: 'Feature',
    id,
    geometry: row.geometry as ActivityDetail['geometry'],
    properties: {
      ...row.properties,
      departmentInfo: row.department,
      themeInfo: row.themes,
      areas: row.areas,
      milestones: row.milestones,
      budgeting: row.budgeting,
    },
    overlaps: { distance, items },
  };
}

/** A drawn geometry checked as every drawn shape is; a 400 names the field and keeps the checker's message. */
async function geometryField(knex: Knex, geometry: unknown): Promise<string> {
  try {
    return await validateUserGeometry(knex, geometry);
  } catch (err) {
    // The same refusal as a request error of the body's geometry field, its detail (and code) kept.
    if (err instanceof HttpError && err.status === 400)
      throw new HttpError(400, 'invalid_request', `geometry: ${err.message}`, err.details);
    throw err;
  }
}

const OVERLAP_ACTIVITY_LIMIT = 2000;
const OVERLAP_PAIR_LIMIT = 1000;

export async function overlapsOfPlace(
  knex: Knex,
  q: { area?: number; geometry?: unknown; from?: string; to?: string; distance?: number },
): Promise<OverlapsResponse> {
  const distance = q.distance ?? 0;
  let subject: repo.OverlapSubject;
  if (q.area !== undefined) {
    if (!(await repo.areaExists(knex, q.area))) throw badField('area', `unknown area id: ${q.area}`);
    subject = { areaId: q.area };
  } else {
    subject = { geoJson: await geometryField(knex, q.geometry) };
  }
  const r = await repo.overlapsOfPlace(knex, subject, {
    distance,
    from: q.from,
    to: q.to,
    limit: OVERLAP_ACTIVITY_LIMIT,
    pairLimit: OVERLAP_PAIR_LIMIT,
  });
  const pairs = (
    r.pairs as { a: OverlapPair['a']; b: OverlapPair['b']; distance: number; intersects: boolean; time_overlaps: boolean }[]
  ).map((p): OverlapPair => {
    const distanceMetres = Math.round(p.distance * 10) / 10;
    const flags = { distanceMetres, intersects: p.intersects, timeOverlaps: p.time_overlaps };
    return { a: { ...p.a, ...flags }, b: { ...p.b, ...flags }, ...flags };
  });
  return {
    query: { area: q.area ?? null, distance, from: q.from ?? null, to: q.to ?? null },
    activities: JSON.parse(r.activitiesJson),
    departments: r.departments,
    pairs,
    truncated: r.activityCount >= OVERLAP_ACTIVITY_LIMIT || pairs.length >= OVERLAP_PAIR_LIMIT,
  };
}

// ---- writing (officials of the department, admins) -----------------------------------------

/** The departments (slugs) an account may write activities for; null for every one (admins). */
export type DepartmentAuthority = string[] | null;

export const departmentOfActivity = repo.departmentOfActivity;

async function checkWriteReferences(knex: Knex, b: { department?: string; themes?: string[] }): Promise<void> {
  if (b.department !== undefined) await checkKnown('department', 'department', [b.department], () => repo.listDepartments(knex));
  if (b.themes?.length) await checkKnown('themes', 'theme', b.themes, () => repo.listThemes(knex));
}

/** What the audit log keeps of an activity: its fields and its place. */
const auditView = (row: repo.ActivityDetailRow | null) => row && { ...row.properties, geometry: row.geometry };

/** A new activity entered in the app: source 'official' with a generated id, never an importer's key. */
export async function createActivity(knex: Knex, actor: AuditActor, body: ActivityBody): Promise<number> {
  await checkWriteReferences(knex, body);
  const geoJson = await geometryField(knex, body.geometry);
  return knex.transaction(async (trx) => {
    const { geometry: _g, themes, ...fields } = body;
    const { id } = await repo.upsertActivity(trx, {
      ...fields,
      themes: themes ?? [],
      source: OFFICIAL_SOURCE,
      sourceId: randomUUID(),
      geometry: JSON.parse(geoJson),
    });
    await recordAudit(trx, actor, {
      action: 'activity.create',
      target: { type: 'activity', id },
      after: auditView(await repo.activityById(trx, id)),
    });
    return id;
  });
}

/**
 * Changes what the body names. Moving an activity to another department needs authority there
 * too; the time span is checked against the stored start or end when only one of them is given.
 */
export async function updateActivity(
  knex: Knex,
  actor: AuditActor,
  id: number,
  body: ActivityPatchBody,
  authority: DepartmentAuthority,
): Promise<void> {
  await checkWriteReferences(knex, body);
  if (body.department !== undefined && authority && !authority.includes(body.department)) throw outOfScope('department');
  const geoJson = body.geometry === undefined ? undefined : await geometryField(knex, body.geometry);
  await knex.transaction(async (trx) => {
    // Read under a row lock: the dates are checked against, and the audit's "before" is, the row as
    // it is when this edit applies, not as a concurrent edit found it.
    const before = (await repo.lockActivity(trx, id)) ? await repo.activityById(trx, id) : null;
    if (!before) throw notFound(`Activity ${id}`);
    const startsAt = body.startsAt !== undefined ? body.startsAt : before.properties.startsAt;
    const endsAt = body.endsAt !== undefined ? body.endsAt : before.properties.endsAt;
    if (startsAt && endsAt && new Date(endsAt) < new Date(startsAt)) {
      throw badField('endsAt', `endsAt must not be before startsAt (${startsAt})`);
    }
    const { geometry: _g, themes, ...fields } = body;
    await repo.updateActivity(trx, id, { ...fields, geoJson });
    if (themes) await repo.setActivityThemes(trx, id, themes);
    const after = await repo.activityById(trx, id);
    await recordAudit(trx, actor, {
      action: 'activity.update',
      target: { type: 'activity', id },
      before: auditView(before),
      after: auditView(after),
    });
  });
}

export async function deleteActivity(knex: Knex, actor: AuditActor, id: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const before = (await repo.lockActivity(trx, id)) ? await repo.activityById(trx, id) : null;
    if (!before || !(await repo.deleteActivity(trx, id))) throw notFound(`Activity ${id}`);
    await recordAudit(trx, actor, { action: 'activity.delete', target: { type: 'activity', id }, before: auditView(before) });
  });
}
