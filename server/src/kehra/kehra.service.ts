import type { Knex } from 'knex';
import { missingAreaIds } from '../activities/activities.repository.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  sectorBalance,
  type DevAreaBody,
  type DevAreaPatchBody,
  type GroupBody,
  type GroupPatchBody,
  type KehraGroupDetail,
  type KehraGroupSummary,
  type KehraMember,
  type KehraPlan,
  type MemberBody,
  type MemberPatchBody,
  type PlanCandidate,
  type PlanGoalsBody,
  type PlanItemBody,
  type PlanItemPatchBody,
  type WhoIsActive,
  type WhoIsActiveQuery,
} from '../contracts/kehra.js';
import { DEFAULT_GEOMETRY_LIMITS, geometryErrorAt, validateUserGeometry } from '../geometry/user-geometry.js';
import { HttpError, notFound, badField } from '../http/errors.js';
import { unknownThemes } from '../ideas/ideas.repository.js';
import * as repo from './kehra.repository.js';
import * as active from './who-is-active.repository.js';

/** Development areas and table areas are polygons; the same size and location checks as ideas. */
export const AREA_GEOMETRY_LIMITS = { ...DEFAULT_GEOMETRY_LIMITS, allowedTypes: ['Polygon', 'MultiPolygon'] };

export async function checkThemes(knex: Knex, themes: string[] | undefined, field = 'themes'): Promise<void> {
  if (!themes?.length) return;
  const unknown = await unknownThemes(knex, themes);
  if (unknown.length) throw badField(field, `unknown theme(s): ${unknown.join(', ')}`);
}

export async function checkAreas(knex: Knex, ids: number[] | undefined, field = 'area'): Promise<void> {
  if (!ids?.length) return;
  const missing = await missingAreaIds(knex, ids);
  if (missing.length) throw badField(field, `unknown area id(s): ${missing.join(', ')}`);
}

/** A drawn polygon, checked like every drawn shape; the field is named in the message. */
export async function polygonOf(knex: Knex, geometry: unknown, field = 'geometry'): Promise<string> {
  try {
    return await validateUserGeometry(knex, geometry, AREA_GEOMETRY_LIMITS);
  } catch (err) {
    if (err instanceof HttpError && err.status === 400) throw geometryErrorAt(err, field);
    throw err;
  }
}

// ---- groups --------------------------------------------------------------------------------

const toSummary = (g: repo.GroupRow): KehraGroupSummary => ({
  id: g.id,
  name: g.name,
  description: g.description,
  contact: { name: g.contact_name, email: g.contact_email, phone: g.contact_phone },
  districts: g.districts,
  balance: sectorBalance(g.sectors),
  devAreaCount: g.dev_area_count,
  isDemo: g.is_demo,
});

export async function listGroups(knex: Knex, f: { area?: number[] }): Promise<KehraGroupSummary[]> {
  await checkAreas(knex, f.area);
  return (await repo.listGroups(knex, f)).map(toSummary);
}

export async function groupDetail(knex: Knex, id: number): Promise<KehraGroupDetail> {
  const g = await repo.groupById(knex, id);
  if (!g) throw notFound(`Kehrä group ${id}`);
  return { ...toSummary(g), members: await repo.membersOf(knex, id), devAreas: await repo.devAreasOfGroup(knex, id) };
}

async function requireGroup(knex: Knex, id: number): Promise<void> {
  if (!(await repo.groupExists(knex, id))) throw notFound(`Kehrä group ${id}`);
}

export async function createGroup(knex: Knex, actor: AuditActor, body: GroupBody): Promise<KehraGroupDetail> {
  await checkAreas(knex, body.areaIds, 'areaIds');
  const id = await knex.transaction(async (trx) => {
    if (await repo.groupNameTaken(trx, body.name, null))
      throw new HttpError(409, 'name_taken', `A Kehrä group named ${body.name} exists already`);
    const id = await repo.insertGroup(trx, body);
    if (body.areaIds) await repo.replaceGroupAreas(trx, id, body.areaIds);
    await recordAudit(trx, actor, { action: 'kehra_group.create', target: { type: 'kehra_group', id }, after: body });
    return id;
  });
  return groupDetail(knex, id);
}

export async function updateGroup(knex: Knex, actor: AuditActor, id: number, body: GroupPatchBody): Promise<KehraGroupDetail> {
  await requireGroup(knex, id);
  await checkAreas(knex, body.areaIds, 'areaIds');
  await knex.transaction(async (trx) => {
    // The audit's "before" is the group as this edit finds it, not as a concurrent edit left it.
    await repo.lockGroup(trx, id);
    if (body.name && (await repo.groupNameTaken(trx, body.name, id))) {
      throw new HttpError(409, 'name_taken', `A Kehrä group named ${body.name} exists already`);
    }
    const before = await repo.groupById(trx, id);
    await repo.updateGroup(trx, id, body);
    if (body.areaIds) await repo.replaceGroupAreas(trx, id, body.areaIds);
    await recordAudit(trx, actor, { action: 'kehra_group.update', target: { type: 'kehra_group', id }, before, after: body });
  });
  return groupDetail(knex, id);
}

// ---- members -------------------------------------------------------------------------------

export async function addMember(knex: Knex, actor: AuditActor, groupId: number, body: MemberBody): Promise<KehraMember> {
  await requireGroup(knex, groupId);
  return knex.transaction(async (trx) => {
    const m = await repo.insertMember(trx, groupId, body);
    await recordAudit(trx, actor, { action: 'kehra_member.add', target: { type: 'kehra_group', id: groupId }, after: m });
    return m;
  });
}

export async function updateMember(
  knex: Knex,
  actor: AuditActor,
  groupId: number,
  memberId: number,
  body: MemberPatchBody,
): Promise<KehraMember> {
  return knex.transaction(async (trx) => {
    const m = await repo.updateMember(trx, groupId, memberId, body);
    if (!m) throw notFound(`Member ${memberId} of Kehrä group ${groupId}`);
    await recordAudit(trx, actor, { action: 'kehra_member.update', target: { type: 'kehra_group', id: groupId }, after: m });
    return m;
  });
}

export async function removeMember(knex: Knex, actor: AuditActor, groupId: number, memberId: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const m = await repo.deleteMember(trx, groupId, memberId);
    if (!m) throw notFound(`Member ${memberId} of Kehrä group ${groupId}`);
    await recordAudit(trx, actor, { action: 'kehra_member.remove', target: { type: 'kehra_group', id: groupId }, before: m });
  });
}

// ---- development areas ---------------------------------------------------------------------

export const groupOfDevArea = repo.groupOfDevArea;

export async function devAreaFeature(knex: Knex, id: number): Promise<string> {
  const f = await repo.devAreaFeatureJson(knex, id);
  if (!f) throw notFound(`Development area ${id}`);
  return f;
}

export async function devAreaVersions(knex: Knex, id: number) {
  if ((await repo.groupOfDevArea(knex, id)) === null) throw notFound(`Development area ${id}`);
  return repo.versionsOf(knex, id);
}

export async function createDevArea(
  knex: Knex,
  actor: AuditActor & { userId: number },
  groupId: number,
  body: DevAreaBody,
): Promise<string> {
  await requireGroup(knex, groupId);
  await checkThemes(knex, body.themes);
  const geoJson = await polygonOf(knex, body.geometry);
  const id = await knex.transaction(async (trx) => {
    const id = await repo.insertDevArea(
      trx,
      groupId,
      { name: body.name, description: body.description ?? '', themes: body.themes ?? [], status: body.status, geoJson },
      actor.userId,
    );
    await recordAudit(trx, actor, {
      action: 'kehra_dev_area.create',
      target: { type: 'kehra_dev_area', id },
      after: { groupId, name: body.name },
    });
    return id;
  });
  return devAreaFeature(knex, id);
}

export async function updateDevArea(
  knex: Knex,
  actor: AuditActor & { userId: number },
  id: number,
  body: DevAreaPatchBody,
): Promise<string> {
  await checkThemes(knex, body.themes);
  const geoJson = body.geometry === undefined ? undefined : await polygonOf(knex, body.geometry);
  await knex.transaction(async (trx) => {
    const current = await repo.lockDevArea(trx, id);
    if (!current) throw notFound(`Development area ${id}`);
    await repo.updateDevArea(
      trx,
      id,
      { name: body.name, description: body.description, themes: body.themes, status: body.status, geoJson },
      actor.userId,
    );
    await recordAudit(trx, actor, {
      action: 'kehra_dev_area.update',
      target: { type: 'kehra_dev_area', id },
      before: { version: current.version },
      after: { version: current.version + 1, fields: Object.keys(body) },
    });
  });
  return devAreaFeature(knex, id);
}

export async function restoreDevArea(
  knex: Knex,
  actor: AuditActor & { userId: number },
  id: number,
  version: number,
): Promise<string> {
  await knex.transaction(async (trx) => {
    const current = await repo.lockDevArea(trx, id);
    if (!current) throw notFound(`Development area ${id}`);
    if (!(await repo.restoreDevArea(trx, id, version, actor.userId)))
      throw notFound(`Version ${version} of development area ${id}`);
    await recordAudit(trx, actor, {
      action: 'kehra_dev_area.restore',
      target: { type: 'kehra_dev_area', id },
      before: { version: current.version },
      after: { version: current.version + 1, restoredFrom: version },
    });
  });
  return devAreaFeature(knex, id);
}

// ---- development plan ----------------------------------------------------------------------

export async function planOf(knex: Knex, groupId: number): Promise<KehraPlan> {
  await requireGroup(knex, groupId);
  return { groupId, goals: await repo.planGoals(knex, groupId), items: await repo.planItems(knex, groupId) };
}

export async function planCandidates(knex: Knex, groupId: number): Promise<PlanCandidate[]> {
  await requireGroup(knex, groupId);
  return repo.planCandidates(knex, groupId, 500);
}

export async function replaceGoals(knex: Knex, actor: AuditActor, groupId: number, body: PlanGoalsBody): Promise<KehraPlan> {
  await requireGroup(knex, groupId);
  await checkThemes(knex, [...new Set(body.goals.map((g) => g.theme))], 'goals.theme');
  await knex.transaction(async (trx) => {
    await repo.replacePlanGoals(trx, groupId, body.goals);
    await recordAudit(trx, actor, {
      action: 'kehra_plan.goals',
      target: { type: 'kehra_group', id: groupId },
      after: body.goals,
    });
  });
  return planOf(knex, groupId);
}

/** Only ideas that reach the group's development areas or working districts belong in its plan. */
export async function addPlanItem(knex: Knex, actor: AuditActor, groupId: number, body: PlanItemBody): Promise<KehraPlan> {
  await requireGroup(knex, groupId);
  if (!(await repo.ideaExists(knex, body.ideaId))) throw badField('ideaId', `no idea has id ${body.ideaId}`);
  if (!(await repo.ideaTouchesGroup(knex, groupId, body.ideaId))) {
    throw new HttpError(
      409,
      'idea_outside_group_areas',
      `Idea ${body.ideaId} does not touch the group's development areas or districts`,
    );
  }
  await knex.transaction(async (trx) => {
    const ids = await repo.lockPlan(trx, groupId);
    if (ids.includes(body.ideaId)) throw new HttpError(409, 'already_in_plan', `Idea ${body.ideaId} is in the plan already`);
    await repo.insertPlanItem(trx, groupId, {
      ideaId: body.ideaId,
      note: body.note ?? '',
      fundingStatus: body.fundingStatus ?? 'not_started',
    });
    await recordAudit(trx, actor, { action: 'kehra_plan.add', target: { type: 'kehra_group', id: groupId }, after: body });
  });
  return planOf(knex, groupId);
}

export async function updatePlanItem(
  knex: Knex,
  actor: AuditActor,
  groupId: number,
  ideaId: number,
  body: PlanItemPatchBody,
): Promise<KehraPlan> {
  await knex.transaction(async (trx) => {
    if (!(await repo.updatePlanItem(trx, groupId, ideaId, body)))
      throw notFound(`Idea ${ideaId} in the plan of Kehrä group ${groupId}`);
    await recordAudit(trx, actor, {
      action: 'kehra_plan.update',
      target: { type: 'kehra_group', id: groupId },
      after: { ideaId, ...body },
    });
  });
  return planOf(knex, groupId);
}

export async function removePlanItem(knex: Knex, actor: AuditActor, groupId: number, ideaId: number): Promise<KehraPlan> {
  await knex.transaction(async (trx) => {
    await repo.lockPlan(trx, groupId);
    if (!(await repo.deletePlanItem(trx, groupId, ideaId)))
      throw notFound(`Idea ${ideaId} in the plan of Kehrä group ${groupId}`);
    await recordAudit(trx, actor, {
      action: 'kehra_plan.remove',
      target: { type: 'kehra_group', id: groupId },
      before: { ideaId },
    });
  });
  return planOf(knex, groupId);
}

/** The group's order, as one list: exactly the ideas in the plan, each once. */
export async function reorderPlan(knex: Knex, actor: AuditActor, groupId: number, ideaIds: number[]): Promise<KehraPlan> {
  await requireGroup(knex, groupId);
  await knex.transaction(async (trx) => {
    const current = await repo.lockPlan(trx, groupId);
    const missing = current.filter((id) => !ideaIds.includes(id));
    const extra = ideaIds.filter((id) => !current.includes(id));
    if (missing.length || extra.length) {
      throw new HttpError(409, 'plan_changed', 'ideaIds must list exactly the ideas in the plan', { missing, extra });
    }
    await repo.setPlanOrder(trx, groupId, ideaIds);
    await recordAudit(trx, actor, {
      action: 'kehra_plan.reorder',
      target: { type: 'kehra_group', id: groupId },
      before: current,
      after: ideaIds,
    });
  });
  return planOf(knex, groupId);
}

// ---- who is active here --------------------------------------------------------------------

export async function whoIsActive(knex: Knex, q: WhoIsActiveQuery): Promise<WhoIsActive> {
  let place: active.Place;
  if (q.area !== undefined) {
    await checkAreas(knex, [q.area]);
    place = { areaId: q.area };
  } else {
    place = { lon: q.lon!, lat: q.lat! };
  }
  return {
    query: { lon: q.lon ?? null, lat: q.lat ?? null, area: q.area ?? null },
    places: await active.placesOf(knex, place),
    kehraGroups: await active.groupsAt(knex, place),
    partnershipTables: await active.tablesAt(knex, place),
    ideas: await active.ideasAt(knex, place, 200),
  };
}
