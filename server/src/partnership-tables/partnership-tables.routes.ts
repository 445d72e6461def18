import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { currentAccount, writeRoute, type Policy } from '../auth/policy.js';
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

/** Tables are convened by the city: any official (the convening organisation is text) and admins. */
const OFFICIALS: Policy = { roles: ['official', 'admin'] };

export function partnershipTablesRouter(knex: Knex): Router {
  const r = Router();

  // ---- reading (everyone) ----
  // The list and downloads (/partnership-tables, .geojson, .csv) are served from partnership-tables.dataset.ts.
  r.get('/partnership-tables/meetings', async (req, res) => {
    res.type('application/geo+json').send(await service.meetingsJson(knex, MeetingsQuery.parse(req.query)));
  });
  r.get('/partnership-tables/:id', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.tableDetail(knex, tableId(req)));
  });

  // ---- officials ----
  writeRoute(r, 'post', '/partnership-tables', OFFICIALS, async (req, res) => {
    res.status(201).json(await service.createTable(knex, actor(req), TableBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/partnership-tables/:id', OFFICIALS, async (req, res) => {
    const id = tableId(req);
    res.json(await service.updateTable(knex, actor(req), id, TablePatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'post', '/partnership-tables/:id/participants', OFFICIALS, async (req, res) => {
    const id = tableId(req);
    res.status(201).json(await service.addParticipant(knex, actor(req), id, ParticipantBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'delete', '/partnership-tables/:id/participants/:participantId', OFFICIALS, async (req, res) => {
    const id = tableId(req);
    const { participantId } = ParticipantParams.parse(req.params);
    EmptyBody.parse(req.body);
    await service.removeParticipant(knex, actor(req), id, participantId);
    res.status(204).end();
  });
  writeRoute(r, 'post', '/partnership-tables/:id/meetings', OFFICIALS, async (req, res) => {
    const id = tableId(req);
    res.status(201).json(await service.addMeeting(knex, actor(req), id, MeetingBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/partnership-tables/:id/meetings/:meetingId', OFFICIALS, async (req, res) => {
    const id = tableId(req);
    const { meetingId } = MeetingParams.parse(req.params);
    res.json(await service.updateMeeting(knex, actor(req), id, meetingId, MeetingPatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'post', '/partnership-tables/:id/outcomes', OFFICIALS, async (req, res) => {
    const id = tableId(req);
    res.status(201).json(await service.addOutcome(knex, actor(req), id, OutcomeBody.parse(req.body ?? {})));
  });
  return r;
}
