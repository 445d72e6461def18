import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { checkPolicy, currentAccount, departmentScope, writeRoute, type Policy } from '../auth/policy.js';
import { EmptyBody, IdParam } from '../contracts/common.js';
import { BookingBody, DecisionBody, SpaceRequestsQuery } from '../contracts/spaces.js';
import * as service from './spaces.service.js';

const SpaceParams = z.object({ id: IdParam('id') }).loose();
const BookingParams = z.object({ id: IdParam('id'), bookingId: IdParam('bookingId') }).loose();
const NoQuery = z.object({}).strict();

const spaceId = (req: Request) => SpaceParams.parse(req.params).id;
const actor = (req: Request) => ({ ...actorOf(req), userId: currentAccount(req).user.id });

/** A resolver must never fail with 500: an id that is not one names no space (404). */
const departmentOf = async (req: Request, knex: Knex) => {
  const p = SpaceParams.safeParse(req.params);
  return p.success ? service.departmentOfSpace(knex, p.data.id) : null;
};
/** A space's requests are decided by the officials of its department and by admins. */
const SPACE_OFFICIALS: Policy = { roles: ['official', 'admin'], scope: departmentScope(departmentOf) };
const OFFICIALS: Policy = { roles: ['official', 'admin'] };
const ACCOUNT: Policy = { roles: 'account' };

export function spacesRouter(knex: Knex, now: () => Date = () => new Date()): Router {
  const r = Router();

  // ---- reading (everyone) ----
  // The list and downloads (/spaces, .geojson, .csv) are served from spaces.dataset.ts.
  r.get('/spaces/bookings/mine', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.myBookings(knex, currentAccount(req).user.id));
  });
  /** Every request of the official's departments' spaces (admins: all), for the decision list. */
  r.get('/spaces/bookings/requests', async (req, res) => {
    const q = SpaceRequestsQuery.parse(req.query);
    await checkPolicy(req, OFFICIALS);
    res.json(await service.requestsFor(knex, currentAccount(req), { statuses: q.status }));
  });
  r.get('/spaces/:id/calendar.ics', async (req, res) => {
    NoQuery.parse(req.query);
    const ics = await service.spaceCalendarIcs(knex, spaceId(req), `${req.protocol}://${req.get('host')}`, now());
    res.set('Cache-Control', 'public, max-age=300');
    res.type('text/calendar; charset=utf-8').send(ics);
  });
  r.get('/spaces/:id', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.spaceDetail(knex, spaceId(req), req.auth, now()));
  });

  // ---- the space's officials ----
  r.get('/spaces/:id/bookings', async (req, res) => {
    const q = SpaceRequestsQuery.parse(req.query);
    await checkPolicy(req, SPACE_OFFICIALS);
    res.json(await service.requestsFor(knex, currentAccount(req), { spaceId: spaceId(req), statuses: q.status }));
  });
  writeRoute(r, 'post', '/spaces/:id/bookings/:bookingId/decision', SPACE_OFFICIALS, async (req, res) => {
    const { id, bookingId } = BookingParams.parse(req.params);
    res.json(await service.decide(knex, actor(req), id, bookingId, DecisionBody.parse(req.body ?? {})));
  });

  // ---- signed-in people ----
  writeRoute(r, 'post', '/spaces/:id/bookings', ACCOUNT, async (req, res) => {
    const id = spaceId(req);
    const b = BookingBody.parse(req.body ?? {});
    res.status(201).json(await service.requestBooking(knex, actor(req), currentAccount(req), id, b, now()));
  });
  writeRoute(r, 'post', '/spaces/:id/bookings/:bookingId/cancel', ACCOUNT, async (req, res) => {
    const { id, bookingId } = BookingParams.parse(req.params);
    EmptyBody.parse(req.body);
    res.json(await service.cancel(knex, actor(req), id, bookingId, now()));
  });
  return r;
}
