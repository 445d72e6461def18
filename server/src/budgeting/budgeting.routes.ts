import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { currentAccount, departmentScope, kehraScope, writeRoute, type Policy } from '../auth/policy.js';
import { groupExists } from '../kehra/kehra.repository.js';
import { tableKeepers } from '../partnership-tables/partnership-tables.service.js';
import {
  BallotBody,
  ImplementationBody,
  MilestoneBody,
  MilestonePatchBody,
  PaperBallotBody,
  PlanBody,
  PlanPatchBody,
  ProposalBody,
  RoundBody,
} from '../contracts/budgeting.js';
import { EmptyBody, IdParam } from '../contracts/common.js';
import { badField, HttpError } from '../http/errors.js';
import * as service from './budgeting.service.js';
import type { BudgetingSettings } from './budgeting.service.js';

const RoundParams = z.object({ id: IdParam('id') }).loose();
const PotParams = z.object({ id: IdParam('id'), potId: IdParam('potId') }).loose();
const PlanParams = z.object({ planId: IdParam('planId') }).loose();
const GroupRankingParams = z.object({ id: IdParam('id'), groupId: IdParam('groupId') }).loose();
const TableRankingParams = z.object({ id: IdParam('id'), tableId: IdParam('tableId') }).loose();
const MilestoneParams = z.object({ planId: IdParam('planId'), milestoneId: IdParam('milestoneId') }).loose();
const NoQuery = z.object({}).strict();

const roundId = (req: Request) => RoundParams.parse(req.params).id;
const actor = (req: Request) => ({ ...actorOf(req), userId: currentAccount(req).user.id });

/** Rounds, plans, paper ballots and results are the city's work: officials of any department and admins. */
const OFFICIALS: Policy = { roles: ['official', 'admin'] };
/**
 * Starting a plan's implementation makes an activity of a department, so it is as creating one:
 * officials of that department (the one the body names, else the plan's) and admins. A resolver
 * never fails with 500: a bad id names no plan (404).
 */
const IMPLEMENTERS: Policy = {
  roles: ['official', 'admin'],
  scope: departmentScope(async (req, knex) => {
    const p = PlanParams.safeParse(req.params);
    const named: unknown = (req.body as { department?: unknown } | undefined)?.department;
    if (!p.success) return null;
    const plan = await service.responsibleDepartmentOfPlan(knex, p.data.planId);
    if (!plan) return null;
    if (named !== undefined) {
      if (typeof named !== 'string') throw badField('department', 'department must be a department slug');
      return named;
    }
    if (!plan.department) throw badField('department', 'name the department responsible for carrying the plan out');
    return plan.department;
  }),
};
/** Milestones are the responsible department's report: officials of the activity's department and admins. */
const MILESTONE_KEEPERS: Policy = {
  roles: ['official', 'admin'],
  scope: departmentScope(async (req, knex) => {
    const p = PlanParams.safeParse(req.params);
    if (!p.success) return null;
    const plan = await service.responsibleDepartmentOfPlan(knex, p.data.planId);
    if (!plan) return null;
    if (plan.activityDepartmentId === null) {
      throw new HttpError(409, 'not_started', `the implementation of plan ${p.data.planId} has not started`);
    }
    return plan.activityDepartmentId;
  }),
};
/** A Kehrä group's ranking is brought in by its members (and admins), as they keep it. */
const GROUP_MEMBERS: Policy = {
  roles: ['kehra', 'admin'],
  scope: kehraScope(async (req, knex) => {
    const p = GroupRankingParams.safeParse(req.params);
    return p.success && (await groupExists(knex, p.data.groupId)) ? p.data.groupId : null;
  }),
};
/** A partnership table's, by its keepers: officials of its convening department, its organiser and admins. */
const keepersOfTable = async (req: Request, knex: Knex) => {
  const p = TableRankingParams.safeParse(req.params);
  return p.success ? tableKeepers(knex, p.data.tableId) : null;
};
const TABLE_KEEPERS: Policy = {
  roles: ['official', 'admin'],
  scope: departmentScope(
    async (req, knex) => {
      const k = await keepersOfTable(req, knex);
      return k ? (k.departmentId ?? 0) : null;
    },
    async (req, knex, userId) => (await keepersOfTable(req, knex))?.organiserId === userId,
  ),
};
/** Entering an idea and voting: anyone signed in (eligibility is declared with the ballot). */
const ACCOUNTS: Policy = { roles: 'account' };

/** Participatory budgeting under /api/budgeting; the plans' list and downloads come from budgeting.dataset.ts. */
export function budgetingRouter(knex: Knex, settings: BudgetingSettings): Router {
  const r = Router();

  // ---- reading (everyone) ----
  r.get('/budgeting/rounds', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.listRounds(knex, settings));
  });
  r.get('/budgeting/rounds/:id', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.roundDetail(knex, settings, roundId(req)));
  });
  r.get('/budgeting/rounds/:id/proposals', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.proposals(knex, roundId(req)));
  });
  r.get('/budgeting/rounds/:id/plans', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.plans(knex, roundId(req)));
  });
  r.get('/budgeting/rounds/:id/results', async (req, res) => {
    NoQuery.parse(req.query);
    res.json(await service.results(knex, roundId(req)));
  });

  // ---- writing ----
  writeRoute(r, 'post', '/budgeting/rounds', OFFICIALS, async (req, res) => {
    res.status(201).json(await service.createRound(knex, settings, actor(req), RoundBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'post', '/budgeting/rounds/:id/proposals', ACCOUNTS, async (req, res) => {
    const id = roundId(req);
    const { ideaId } = ProposalBody.parse(req.body ?? {});
    const out = await service.enterIdea(knex, settings, actor(req), id, ideaId);
    res.status(out.created ? 201 : 200).json({ roundId: out.roundId, ideaId: out.ideaId });
  });
  writeRoute(r, 'post', '/budgeting/rounds/:id/plans', OFFICIALS, async (req, res) => {
    const id = roundId(req);
    res.status(201).json(await service.createPlan(knex, settings, actor(req), id, PlanBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/budgeting/plans/:planId', OFFICIALS, async (req, res) => {
    const { planId } = PlanParams.parse(req.params);
    res.json(await service.updatePlan(knex, settings, actor(req), planId, PlanPatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'put', '/budgeting/rounds/:id/pots/:potId/ballot', ACCOUNTS, async (req, res) => {
    const { id, potId } = PotParams.parse(req.params);
    const body = BallotBody.parse(req.body ?? {});
    const voter = `user:${currentAccount(req).user.id}`;
    const receipt = await service.castBallot(knex, settings, actorOf(req), { roundId: id, potId, voter, paper: false }, body);
    res.status(receipt.replaced ? 200 : 201).json(receipt);
  });
  // The voter's own ballot: for an account only, found by the key their session gives.
  r.get('/budgeting/rounds/:id/pots/:potId/ballot', async (req, res) => {
    NoQuery.parse(req.query);
    const { id, potId } = PotParams.parse(req.params);
    const voter = `user:${currentAccount(req).user.id}`;
    res.set('Cache-Control', 'private, no-store');
    res.json(await service.ownBallot(knex, settings, { roundId: id, potId, voter }));
  });
  writeRoute(r, 'post', '/budgeting/rounds/:id/pots/:potId/paper-ballots', OFFICIALS, async (req, res) => {
    const { id, potId } = PotParams.parse(req.params);
    const { paperRef, ...body } = PaperBallotBody.parse(req.body ?? {});
    const voter = `paper:${paperRef.toLowerCase()}`;
    const receipt = await service.castBallot(knex, settings, actorOf(req), { roundId: id, potId, voter, paper: true }, body);
    res.status(receipt.replaced ? 200 : 201).json(receipt);
  });
  writeRoute(r, 'post', '/budgeting/rounds/:id/results', OFFICIALS, async (req, res) => {
    const id = roundId(req);
    EmptyBody.parse(req.body);
    res.status(201).json(await service.computeResults(knex, settings, actor(req), id));
  });
  writeRoute(r, 'post', '/budgeting/rounds/:id/rankings/kehra-groups/:groupId', GROUP_MEMBERS, async (req, res) => {
    const { id, groupId } = GroupRankingParams.parse(req.params);
    EmptyBody.parse(req.body);
    res.status(201).json(await service.bringRanking(knex, settings, actor(req), id, 'kehra_group', groupId));
  });
  writeRoute(r, 'post', '/budgeting/rounds/:id/rankings/partnership-tables/:tableId', TABLE_KEEPERS, async (req, res) => {
    const { id, tableId } = TableRankingParams.parse(req.params);
    EmptyBody.parse(req.body);
    res.status(201).json(await service.bringRanking(knex, settings, actor(req), id, 'partnership_table', tableId));
  });
  writeRoute(r, 'post', '/budgeting/plans/:planId/implementation', IMPLEMENTERS, async (req, res) => {
    const { planId } = PlanParams.parse(req.params);
    const body = ImplementationBody.parse(req.body ?? {});
    res.status(201).json(await service.startImplementation(knex, settings, actor(req), planId, body));
  });
  writeRoute(r, 'post', '/budgeting/plans/:planId/milestones', MILESTONE_KEEPERS, async (req, res) => {
    const { planId } = PlanParams.parse(req.params);
    res.status(201).json(await service.addMilestone(knex, actor(req), planId, MilestoneBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/budgeting/plans/:planId/milestones/:milestoneId', MILESTONE_KEEPERS, async (req, res) => {
    const { planId, milestoneId } = MilestoneParams.parse(req.params);
    const body = MilestonePatchBody.parse(req.body ?? {});
    res.json(await service.updateMilestone(knex, actor(req), planId, milestoneId, body));
  });
  return r;
}
