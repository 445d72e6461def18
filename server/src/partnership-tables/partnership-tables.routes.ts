import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { checkPolicy, currentAccount, departmentScope, writeRoute, type Policy } from '../auth/policy.js';
import { EmptyBody } from '../contracts/common.js';
import { idParam } from '../contracts/kehra.js';
import {
  MeetingBody,
  MeetingPatchBody,
  MeetingsQuery,
  OutcomeBody,
  ParticipantBody,
  TableBody,
  TablePatchBody,
} from '../contracts/partnership-tables.js';
import * as service from './partnership-tables.service.js';

const TableParams = z.object({ id: idParam('id', 'partnership table') }).loose();
const ParticipantParams = z.object({ participantId: idParam('participantId', 'participant') }).loose();
const MeetingParams = z.object({ meetingId: idParam('meetingId', 'meeting') }).loose();
const NoQuery = z.object({}).strict();

const tableId = (req: Request) => TableParams.parse(req.params).id;
const actor = (req: Request) => ({ ...actorOf(req), userId: currentAccount(req).user.id });

/** Any official sets up a table (for their department) and so does an admin. */
const OFFICIALS: Policy = { roles: ['official', 'admin'] };

/** A resolver must never fail with 500: an id that is not one names no table (404); a table without a department, none (0). */
const keepersOf = async (req: Request, knex: Knex) => {
  const p = TableParams.safeParse(req.params);
  return p.success ? service.tableKeepers(knex, p.data.id) : null;
};
/**
 * A table is edited by the officials of its convening department, by its organiser (the official
 * who set it up) and by admins; no other official (see server/src/auth/README.md).
 */
const TABLE_KEEPERS: Policy = {
  roles: ['official', 'admin'],
  scope: departmentScope(
    async (req, knex) => {
      const k = await keepersOf(req, knex);
      return k ? (k.departmentId ?? 0) : null;
    },
    async (req, knex, userId) => (await keepersOf(req, knex))?.organiserId === userId,
  ),
};
/** Whether the viewer of a table may edit it (then they see its unpublished participants too). */
const isKeeper = (req: Request) =>
  req.auth
    ? checkPolicy(req, TABLE_KEEPERS).then(
        () => true,
        () => false,
      )
    : false;

export function partnershipTablesRouter(knex: Knex): Router {
  const r = Router();

  // ---- reading (everyone) ----
  // The list and downloads (/partnership-tables, .geojson, .csv) are served from partnership-tables.dataset.ts.
  r.get('/partnership-tables/meetings', async (req, res) => {
    res.type('application/geo+json').send(await service.meetingsJson(knex, MeetingsQuery.parse(req.query)));
  });
  r.get('/partnership-tables/:id', async (req, res) => {
    NoQuery.parse(req.query);
    const id = tableId(req);
    res.json(await service.tableDetail(knex, id, { editor: await isKeeper(req) }));
  });

  // ---- officials ----
  writeRoute(r, 'post', '/partnership-tables', OFFICIALS, async (req, res) => {
    const departmentId = currentAccount(req).departments[0]?.id ?? null;
    res.status(201).json(await service.createTable(knex, { ...actor(req), departmentId }, TableBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/partnership-tables/:id', TABLE_KEEPERS, async (req, res) => {
    const id = tableId(req);
    res.json(await service.updateTable(knex, actor(req), id, TablePatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'post', '/partnership-tables/:id/participants', TABLE_KEEPERS, async (req, res) => {
    const id = tableId(req);
    res.status(201).json(await service.addParticipant(knex, actor(req), id, ParticipantBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'delete', '/partnership-tables/:id/participants/:participantId', TABLE_KEEPERS, async (req, res) => {
    const id = tableId(req);
    const { participantId } = ParticipantParams.parse(req.params);
    EmptyBody.parse(req.body);
    await service.removeParticipant(knex, actor(req), id, participantId);
    res.status(204).end();
  });
  writeRoute(r, 'post', '/partnership-tables/:id/meetings', TABLE_KEEPERS, async (req, res) => {
    const id = tableId(req);
    res.status(201).json(await service.addMeeting(knex, actor(req), id, MeetingBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/partnership-tables/:id/meetings/:meetingId', TABLE_KEEPERS, async (req, res) => {
    const id = tableId(req);
    const { meetingId } = MeetingParams.parse(req.params);
    res.json(await service.updateMeeting(knex, actor(req), id, meetingId, MeetingPatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'post', '/partnership-tables/:id/outcomes', TABLE_KEEPERS, async (req, res) => {
    const id = tableId(req);
    res.status(201).json(await service.addOutcome(knex, actor(req), id, OutcomeBody.parse(req.body ?? {})));
  });
  return r;
}
