import type { Knex } from 'knex';
import type { Language } from '../contracts/common.js';
import {
  IDEA_NEARBY_DISTANCE,
  type IdeaDetail,
  type IdeaSubmitBody,
  type IdeaSubmitResponse,
  type StageChangeBody,
} from '../contracts/ideas.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { DEFAULT_GEOMETRY_LIMITS, validateUserGeometry } from '../geometry/user-geometry.js';
import { HttpError, notFound } from '../http/errors.js';
import * as whoIsActive from '../kehra/who-is-active.repository.js';
import { sendIdeaMail, trackingCodeMail, type IdeaMailing } from './idea-mails.js';
import { refusalOfMove } from './idea-stages.js';
import * as repo from './ideas.repository.js';
import { generateTrackingCode, normalizeTrackingCode } from './tracking-code.js';

import type { IdeaSettings } from './ideas.dataset.js';
export type { IdeaSettings };

/**
 * A new idea from anyone, account or not. Everything is checked before anything is written;
 * the idea, its themes, areas and first timeline entry are stored in one transaction.
 */
export async function submitIdea(
  knex: Knex,
  body: IdeaSubmitBody,
  author: { userId: number | null },
): Promise<IdeaSubmitResponse> {
  // The two checks are independent: on PostgreSQL they run side by side on two connections.
  const [unknown, geoJson] = await Promise.all([
    repo.unknownThemes(knex, body.themes),
    body.areaId !== undefined
      ? repo.areaGeometryText(knex, body.areaId)
      : validateUserGeometry(knex, body.geometry, DEFAULT_GEOMETRY_LIMITS),
  ]);
  if (unknown.length) throw new HttpError(400, 'invalid_request', `themes: unknown theme(s): ${unknown.join(', ')}`);
  if (!geoJson) throw new HttpError(400, 'invalid_request', `areaId: no area has id ${body.areaId}`);
  // A clash of random codes is astronomically rare; retry rather than fail the person's submission.
  for (let attempt = 0; ; attempt++) {
    const trackingCode = generateTrackingCode();
    try {
      const id = await repo.insertIdea(knex, {
        trackingCode,
        title: body.title,
        description: body.description,
        themes: body.themes,
        geoJson,
        pickedAreaId: body.areaId ?? null,
        costEstimateEur: body.costEstimateEur ?? null,
        contactName: body.contactName ?? null,
        contactEmail: body.contactEmail ?? null,
        authorUserId: author.userId,
        language: body.language ?? 'fi',
      });
      return { id, trackingCode, url: `/ideas/${id}` };
    } catch (err) {
      const clash = (err as { code?: string; constraint?: string }).code === '23505' && attempt < 5;
      if (!clash) throw err;
    }
  }
}

/** The tracking code and the idea's link, at once, to the contact address given on submitting. */
export async function mailTrackingCode(
  mailing: IdeaMailing,
  submitted: IdeaSubmitResponse & { title: string; contactEmail?: string; language?: Language },
): Promise<void> {
  if (!submitted.contactEmail) return;
  const message = trackingCodeMail(submitted.contactEmail, submitted, submitted.language ?? 'fi', mailing.publicUrl);
  await sendIdeaMail(mailing.mailer, message, `tracking code of idea ${submitted.id}`);
}

export async function ideaDetail(knex: Knex, id: number, settings: IdeaSettings): Promise<IdeaDetail> {
  const row = await repo.ideaById(knex, id, settings.waitingDays);
  if (!row) throw notFound(`Idea ${id}`);
  const props = row.properties as unknown as IdeaDetail['properties'];
  return {
    type: 'Feature',
    id: row.properties.id,
    geometry: row.geometry as IdeaDetail['geometry'],
    properties: {
      ...props,
      // A hidden idea keeps its page and timeline, but not its text.
      title: row.hidden_at ? '' : props.title,
      description: row.hidden_at ? '' : row.description,
      costEstimateEur: row.cost_estimate_eur,
      areas: row.areas,
      responsible: row.responsible_user_id ? { name: row.responsible_name ?? '', department: row.responsible_department } : null,
      alternativeRoute: row.alternative_route,
      alternativeDetails: row.alternative_details,
      funding: row.funding,
      hidden: row.hidden_at ? { reason: row.hidden_reason ?? '', at: row.hidden_at } : null,
    },
    timeline: await repo.stageEvents(knex, id),
    nearby: { distance: IDEA_NEARBY_DISTANCE, activities: await repo.activitiesNearIdea(knex, id, IDEA_NEARBY_DISTANCE, 50) },
    activePeople: await repo.peopleActiveNearIdea(knex, id, 20),
    localNetworks: await localNetworksOf(knex, row.areas),
  };
}

/** Kehrä groups and partnership tables at work in any of the idea's sub-districts, each once. */
async function localNetworksOf(knex: Knex, areas: { id: number; level: string }[]): Promise<IdeaDetail['localNetworks']> {
  const groups = new Map<number, { id: number; name: string }>();
  const tables = new Map<number, { id: number; name: string; convener: string }>();
  for (const a of areas.filter((x) => x.level === 'osa_alue')) {
    for (const g of await whoIsActive.groupsAt(knex, { areaId: a.id })) groups.set(g.id, { id: g.id, name: g.name });
    for (const t of await whoIsActive.tablesAt(knex, { areaId: a.id }))
      tables.set(t.id, { id: t.id, name: t.name, convener: t.convener });
  }
  return { kehraGroups: [...groups.values()], partnershipTables: [...tables.values()] };
}

export async function ideaIdByTrackingCode(knex: Knex, input: string): Promise<number> {
  const code = normalizeTrackingCode(input);
  if (!code) {
    throw new HttpError(
      400,
      'invalid_tracking_code',
      `"${input.slice(0, 40)}" is not a tracking code (they look like KK-7F3Q-M2)`,
    );
  }
  const id = await repo.ideaIdByCode(knex, code);
  if (id === null) throw notFound(`Idea with tracking code ${code}`);
  return id;
}

/** An official acting, with who they are for the audit log. */
export type Official = AuditActor & { userId: number; departmentIds: number[] };

/**
 * Locks the idea for an official's change and resolves its department: the idea's own, or — for
 * an idea nobody has taken yet — the official's first. Another department's idea is refused.
 */
async function lockForOfficial(trx: Knex.Transaction, ideaId: number, actor: Official) {
  const idea = await repo.lockIdea(trx, ideaId);
  if (!idea) throw notFound(`Idea ${ideaId}`);
  if (actor.departmentIds.length === 0) throw new HttpError(403, 'forbidden', 'You belong to no department');
  const department = idea.department_id ?? actor.departmentIds[0];
  if (!actor.departmentIds.includes(department)) {
    throw new HttpError(403, 'out_of_scope', 'This idea belongs to another department than yours');
  }
  return { ...idea, department };
}

type LockedIdea = Awaited<ReturnType<typeof lockForOfficial>>;

/** Makes the official responsible for the idea, audited when that changes who or which department. */
async function assignResponsibility(trx: Knex.Transaction, ideaId: number, idea: LockedIdea, actor: Official): Promise<void> {
  const department = await repo.takeResponsibility(trx, ideaId, actor.userId, idea.department);
  if (idea.responsible_user_id === actor.userId && idea.department_slug === department) return;
  await recordAudit(trx, actor, {
    action: 'idea.responsibility',
    target: { type: 'idea', id: ideaId },
    before: { responsibleUserId: idea.responsible_user_id, department: idea.department_slug },
    after: { responsibleUserId: actor.userId, department },
  });
}

/** Officials move ideas of their own department; one with no department yet can be taken by any official. */
export async function moveIdea(knex: Knex, ideaId: number, change: StageChangeBody, actor: Official): Promise<void> {
  await knex.transaction(async (trx) => {
    const idea = await lockForOfficial(trx, ideaId, actor);
    const refusal = refusalOfMove(idea.stage, change.to);
    if (refusal) throw new HttpError(409, 'invalid_transition', refusal, { from: idea.stage, to: change.to });
    if (idea.department_id === null) await assignResponsibility(trx, ideaId, idea, actor);
    await repo.recordStageChange(trx, {
      ideaId,
      from: idea.stage,
      to: change.to,
      actorUserId: actor.userId,
      reason: change.reason,
      alternativeRoute: change.alternativeRoute,
      alternativeDetails: change.alternativeDetails,
      funding: change.funding,
    });
    const { to: stage, ...why } = change;
    await recordAudit(trx, actor, {
      action: 'idea.stage',
      target: { type: 'idea', id: ideaId },
      before: { stage: idea.stage },
      after: { stage, ...why },
    });
  });
}

/** An official takes an idea for their department; one already taken stays with its department. */
export async function takeResponsibility(knex: Knex, ideaId: number, actor: Official): Promise<void> {
  await knex.transaction(async (trx) => {
    const idea = await lockForOfficial(trx, ideaId, actor);
    await assignResponsibility(trx, ideaId, idea, actor);
  });
}
