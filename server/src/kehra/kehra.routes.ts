import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { currentAccount, kehraScope, writeRoute, type Policy } from '../auth/policy.js';
import { EmptyBody, idList } from '../contracts/common.js';
import {
  DevAreaBody,
  DevAreaPatchBody,
  GroupBody,
  GroupPatchBody,
  MemberBody,
  MemberPatchBody,
  PlanGoalsBody,
  PlanItemBody,
  PlanItemPatchBody,
  PlanOrderBody,
  RestoreBody,
  WhoIsActiveQuery,
  idParam,
} from '../contracts/kehra.js';
import * as repo from './kehra.repository.js';
import * as service from './kehra.service.js';

const GroupParams = z.object({ id: idParam('id', 'Kehrä group') }).loose();
const AreaParams = z.object({ id: idParam('id', 'development area') }).loose();
const MemberParams = z.object({ memberId: idParam('memberId', 'member') }).loose();
const ItemParams = z.object({ ideaId: idParam('ideaId', 'idea') }).loose();
const GroupsQuery = z.object({ area: idList('area').optional() }).strict();
const NoQuery = z.object({}).strict();

const groupId = (req: Request) => GroupParams.parse(req.params).id;
const areaId = (req: Request) => AreaParams.parse(req.params).id;
const actor = (req: Request) => ({ ...actorOf(req), userId: currentAccount(req).user.id });

/** A resolver must never fail with 500: an id that is not one names no resource (404). */
const existingGroup = async (req: Request, knex: Knex) => {
  const p = GroupParams.safeParse(req.params);
  return p.success && (await repo.groupExists(knex, p.data.id)) ? p.data.id : null;
};
const groupOfArea = async (req: Request, knex: Knex) => {
  const p = AreaParams.safeParse(req.params);
  return p.success ? repo.groupOfDevArea(knex, p.data.id) : null;
};

/** Kehrä members act on their own group only; admins on every group. */
const OWN_GROUP: Policy = { roles: ['kehra', 'admin'], scope: kehraScope(existingGroup) };
const OWN_AREA: Policy = { roles: ['kehra', 'admin'], scope: kehraScope(groupOfArea) };
const ADMIN: Policy = { roles: ['admin'] };

export function kehraRouter(knex: Knex): Router {
  const r = Router();

  // ---- reading (everyone) ----
  // The list and downloads (/kehra, .geojson, .csv) are served from kehra.dataset.ts.
  r.get('/kehra/groups', async (req, res) => {
    res.json(await service.listGroups(knex, GroupsQuery.parse(req.query)));
  });
  r.get('/kehra/groups/:id', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.groupDetail(knex, groupId(req)));
  });
  r.get('/kehra/groups/:id/plan', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.planOf(knex, groupId(req)));
  });
  r.get('/kehra/groups/:id/plan/candidates', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.planCandidates(knex, groupId(req)));
  });
  r.get('/kehra/areas/:id', async (req, res) => {
    NoQuery.parse(req.query);
    res.type('application/geo+json').send(await service.devAreaFeature(knex, areaId(req)));
  });
  r.get('/kehra/areas/:id/versions', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.devAreaVersions(knex, areaId(req)));
  });
  r.get('/who-is-active', async (req, res) => {
    res.json(await service.whoIsActive(knex, WhoIsActiveQuery.parse(req.query)));
  });

  // ---- groups and members ----
  writeRoute(r, 'post', '/kehra/groups', ADMIN, async (req, res) => {
    res.status(201).json(await service.createGroup(knex, actorOf(req), GroupBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/kehra/groups/:id', OWN_GROUP, async (req, res) => {
    const body = GroupPatchBody.parse(req.body ?? {});
    res.json(await service.updateGroup(knex, actorOf(req), groupId(req), body));
  });
  writeRoute(r, 'post', '/kehra/groups/:id/members', OWN_GROUP, async (req, res) => {
    const body = MemberBody.parse(req.body ?? {});
    res.status(201).json(await service.addMember(knex, actorOf(req), groupId(req), body));
  });
  writeRoute(r, 'patch', '/kehra/groups/:id/members/:memberId', OWN_GROUP, async (req, res) => {
    const { memberId } = MemberParams.parse(req.params);
    const body = MemberPatchBody.parse(req.body ?? {});
    res.json(await service.updateMember(knex, actorOf(req), groupId(req), memberId, body));
  });
  writeRoute(r, 'delete', '/kehra/groups/:id/members/:memberId', OWN_GROUP, async (req, res) => {
    const { memberId } = MemberParams.parse(req.params);
    EmptyBody.parse(req.body);
    await service.removeMember(knex, actorOf(req), groupId(req), memberId);
    res.status(204).end();
  });

  // ---- development areas (drawn by the group's members) ----
  writeRoute(r, 'post', '/kehra/groups/:id/areas', OWN_GROUP, async (req, res) => {
    const body = DevAreaBody.parse(req.body ?? {});
    const id = groupId(req);
    res
      .status(201)
      .type('application/geo+json')
      .send(await service.createDevArea(knex, actor(req), id, body));
  });
  writeRoute(r, 'patch', '/kehra/areas/:id', OWN_AREA, async (req, res) => {
    const body = DevAreaPatchBody.parse(req.body ?? {});
    res.type('application/geo+json').send(await service.updateDevArea(knex, actor(req), areaId(req), body));
  });
  writeRoute(r, 'post', '/kehra/areas/:id/restore', OWN_AREA, async (req, res) => {
    const { version } = RestoreBody.parse(req.body ?? {});
    res.type('application/geo+json').send(await service.restoreDevArea(knex, actor(req), areaId(req), version));
  });

  // ---- development plan ----
  writeRoute(r, 'put', '/kehra/groups/:id/plan/goals', OWN_GROUP, async (req, res) => {
    const body = PlanGoalsBody.parse(req.body ?? {});
    res.json(await service.replaceGoals(knex, actorOf(req), groupId(req), body));
  });
  writeRoute(r, 'post', '/kehra/groups/:id/plan/items', OWN_GROUP, async (req, res) => {
    const body = PlanItemBody.parse(req.body ?? {});
    res.status(201).json(await service.addPlanItem(knex, actorOf(req), groupId(req), body));
  });
  writeRoute(r, 'patch', '/kehra/groups/:id/plan/items/:ideaId', OWN_GROUP, async (req, res) => {
    const { ideaId } = ItemParams.parse(req.params);
    const body = PlanItemPatchBody.parse(req.body ?? {});
    res.json(await service.updatePlanItem(knex, actorOf(req), groupId(req), ideaId, body));
  });
  writeRoute(r, 'delete', '/kehra/groups/:id/plan/items/:ideaId', OWN_GROUP, async (req, res) => {
    const { ideaId } = ItemParams.parse(req.params);
    EmptyBody.parse(req.body);
    res.json(await service.removePlanItem(knex, actorOf(req), groupId(req), ideaId));
  });
  writeRoute(r, 'put', '/kehra/groups/:id/plan/order', OWN_GROUP, async (req, res) => {
    const { ideaIds } = PlanOrderBody.parse(req.body ?? {});
    res.json(await service.reorderPlan(knex, actorOf(req), groupId(req), ideaIds));
  });
  return r;
}
