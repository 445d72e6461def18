import type { Knex } from 'knex';
import { checkFilterReferences } from '../collections/collection.service.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { sectorBalance } from '../contracts/kehra.js';
import {
  OUTCOME_ROUTES,
  TABLE_PARTICIPANT_RANGE,
  type MeetingBody,
  type MeetingPatchBody,
  type MeetingsQuery,
  type OutcomeBody,
  type OutcomeRoute,
  type ParticipantBody,
  type TableBody,
  type TableDetail,
  type TableMeeting,
  type TableParticipant,
  type TablePatchBody,
} from '../contracts/partnership-tables.js';
import { DEFAULT_GEOMETRY_LIMITS, geometryErrorAt, validateUserGeometry } from '../geometry/user-geometry.js';
import { HttpError, notFound, badField } from '../http/errors.js';
import { areaGeometryText } from '../ideas/ideas.repository.js';
import { checkThemes, polygonOf } from '../kehra/kehra.service.js';
import * as repo from './partnership-tables.repository.js';

type Actor = AuditActor & { userId: number };
/** Writers see the table as its editors do. */
const EDITOR = { editor: true };

export const tableKeepers = repo.tableKeepers;

/** A meeting place must be a point in the city, checked like every drawn shape. */
async function checkPoint(knex: Knex, p: { lon: number; lat: number } | null | undefined, field: string): Promise<void> {
  if (!p) return;
  try {
    await validateUserGeometry(
      knex,
      { type: 'Point', coordinates: [p.lon, p.lat] },
      { ...DEFAULT_GEOMETRY_LIMITS, allowedTypes: ['Point'] },
    );
  } catch (err) {
    if (err instanceof HttpError && err.status === 400) throw geometryErrorAt(err, field);
    throw err;
  }
}

async function areaOf(knex: Knex, b: { areaId?: number; geometry?: unknown }): Promise<string | undefined> {
  if (b.areaId !== undefined) {
    const g = await areaGeometryText(knex, b.areaId);
    if (!g) throw badField('areaId', `no area has id ${b.areaId}`);
    return g;
  }
  return b.geometry === undefined ? undefined : polygonOf(knex, b.geometry);
}

async function requireTable(knex: Knex, id: number): Promise<void> {
  if (!(await repo.tableExists(knex, id))) throw notFound(`Partnership table ${id}`);
}

// ---- reading -------------------------------------------------------------------------------

/**
 * One table. Participants who have not agreed to be published are left out unless the viewer may
 * edit the table; the sector balance counts everyone (numbers, not people).
 */
export async function tableDetail(knex: Knex, id: number, viewer: { editor: boolean } = { editor: false }): Promise<TableDetail> {
  const t = await repo.tableById(knex, id);
  if (!t) throw notFound(`Partnership table ${id}`);
  const everyone = await repo.participantsOf(knex, id, false);
  const participants = viewer.editor ? everyone : everyone.filter((p) => p.public);
  const outcomes = await repo.outcomesOf(knex, id);
  const outcomesByRoute = Object.fromEntries(OUTCOME_ROUTES.map((r) => [r, 0])) as Record<OutcomeRoute, number>;
  for (const o of outcomes) outcomesByRoute[o.route] += 1;
  return {
    id: t.id,
    name: t.name,
    convener: t.convener,
    description: t.description,
    themes: t.themes,
    area: t.area,
    geometry: t.geometry,
    meetingPlaceName: t.meeting_place_name,
    meetingPlace: t.meeting_place,
    contact: { name: t.contact_name, email: t.contact_email, phone: null },
    participants,
    balance: sectorBalance(
      everyone.map((p) => p.sector),
      TABLE_PARTICIPANT_RANGE,
    ),
    meetings: await repo.meetingsOf(knex, id),
    outcomes,
    outcomesByRoute,
    isDemo: t.is_demo,
  };
}

/** Meetings from `from` (default: now, i.e. upcoming) as point features for the time filter. */
export async function meetingsJson(knex: Knex, q: MeetingsQuery): Promise<string> {
  await checkFilterReferences(knex, { area: q.area, theme: q.theme, department: q.department });
  const out = await repo.meetingFeaturesJson(knex, { ...q, from: q.from ?? new Date().toISOString() }, 5000);
  return `{"type":"FeatureCollection","numberReturned":${out.count},"features":${out.json}}`;
}

// ---- writing -------------------------------------------------------------------------------

/** A new table is convened by the creating official's (first) department; an admin's may have none. */
export async function createTable(
  knex: Knex,
  actor: Actor & { departmentId?: number | null },
  body: TableBody,
): Promise<TableDetail> {
  await checkThemes(knex, body.themes);
  const geoJson = (await areaOf(knex, body))!;
  await checkPoint(knex, body.meetingPlace, 'meetingPlace');
  const id = await knex.transaction(async (trx) => {
    const id = await repo.insertTable(
      trx,
      { ...body, areaId: body.areaId ?? null, geoJson, departmentId: actor.departmentId ?? null },
      actor.userId,
    );
    await recordAudit(trx, actor, {
      action: 'partnership_table.create',
      target: { type: 'partnership_table', id },
      after: { name: body.name, convener: body.convener },
    });
    return id;
  });
  return tableDetail(knex, id, EDITOR);
}

export async function updateTable(knex: Knex, actor: Actor, id: number, body: TablePatchBody): Promise<TableDetail> {
  await requireTable(knex, id);
  await checkThemes(knex, body.themes);
  const geoJson = await areaOf(knex, body);
  await checkPoint(knex, body.meetingPlace, 'meetingPlace');
  // A drawn polygon replaces a picked district: the table no longer names one.
  const areaId = body.areaId !== undefined ? body.areaId : body.geometry !== undefined ? null : undefined;
  await knex.transaction(async (trx) => {
    // Row lock: concurrent PATCHes of one table apply one after another.
    if (!(await repo.lockTable(trx, id))) throw notFound(`Partnership table ${id}`);
    await repo.updateTable(trx, id, { ...body, areaId, geoJson });
    await recordAudit(trx, actor, {
      action: 'partnership_table.update',
      target: { type: 'partnership_table', id },
      after: { fields: Object.keys(body) },
    });
  });
  return tableDetail(knex, id, EDITOR);
}

export async function addParticipant(
  knex: Knex,
  actor: Actor,
  tableId: number,
  body: ParticipantBody,
): Promise<TableParticipant> {
  await requireTable(knex, tableId);
  return knex.transaction(async (trx) => {
    const p = await repo.insertParticipant(trx, tableId, body);
    await recordAudit(trx, actor, {
      action: 'partnership_table.participant_add',
      target: { type: 'partnership_table', id: tableId },
      after: p,
    });
    return p;
  });
}

export async function removeParticipant(knex: Knex, actor: Actor, tableId: number, participantId: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const p = await repo.deleteParticipant(trx, tableId, participantId);
    if (!p) throw notFound(`Participant ${participantId} of partnership table ${tableId}`);
    await recordAudit(trx, actor, {
      action: 'partnership_table.participant_remove',
      target: { type: 'partnership_table', id: tableId },
      before: p,
    });
  });
}

export async function addMeeting(knex: Knex, actor: Actor, tableId: number, body: MeetingBody): Promise<TableMeeting> {
  await requireTable(knex, tableId);
  await checkPoint(knex, body.placePoint, 'placePoint');
  return knex.transaction(async (trx) => {
    const m = await repo.insertMeeting(trx, tableId, body);
    await recordAudit(trx, actor, {
      action: 'partnership_table.meeting_add',
      target: { type: 'partnership_table', id: tableId },
      after: { id: m.id, startsAt: m.startsAt },
    });
    return m;
  });
}

export async function updateMeeting(
  knex: Knex,
  actor: Actor,
  tableId: number,
  meetingId: number,
  body: MeetingPatchBody,
): Promise<TableMeeting> {
  await checkPoint(knex, body.placePoint, 'placePoint');
  return knex.transaction(async (trx) => {
    const current = await repo.lockMeeting(trx, tableId, meetingId);
    if (!current) throw notFound(`Meeting ${meetingId} of partnership table ${tableId}`);
    const starts = body.startsAt ?? current.starts_at.toISOString();
    // null empties the end time; left out, the current one stays.
    const ends = body.endsAt === undefined ? current.ends_at?.toISOString() : body.endsAt;
    if (ends && ends < starts) throw badField('endsAt', 'endsAt must not be before startsAt');
    const m = await repo.updateMeeting(trx, tableId, meetingId, body);
    await recordAudit(trx, actor, {
      action: 'partnership_table.meeting_update',
      target: { type: 'partnership_table', id: tableId },
      after: { id: meetingId, fields: Object.keys(body) },
    });
    return m;
  });
}

export async function addOutcome(knex: Knex, actor: Actor, tableId: number, body: OutcomeBody): Promise<TableDetail> {
  await requireTable(knex, tableId);
  const ideaIds = body.ideaIds ?? [];
  const activityIds = body.activityIds ?? [];
  const missingIdeas = await repo.missingIds(knex, 'ideas', ideaIds);
  if (missingIdeas.length) throw badField('ideaIds', `unknown idea id(s): ${missingIdeas.join(', ')}`);
  const missingActivities = await repo.missingIds(knex, 'activities', activityIds);
  if (missingActivities.length) throw badField('activityIds', `unknown activity id(s): ${missingActivities.join(', ')}`);
  await knex.transaction(async (trx) => {
    const id = await repo.insertOutcome(trx, tableId, { route: body.route, description: body.description, ideaIds, activityIds });
    await recordAudit(trx, actor, {
      action: 'partnership_table.outcome_add',
      target: { type: 'partnership_table', id: tableId },
      after: { id, route: body.route },
    });
  });
  return tableDetail(knex, tableId, EDITOR);
}
