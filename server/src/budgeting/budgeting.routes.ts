import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { currentAccount, writeRoute, type Policy } from '../auth/policy.js';
import { BallotBody, PaperBallotBody, PlanBody, PlanPatchBody, ProposalBody, RoundBody } from '../contracts/budgeting.js';
import { EmptyBody, IdParam } from '../contracts/common.js';
import * as service from './budgeting.service.js';
import type { BudgetingSettings } from './budgeting.service.js';

const RoundParams = z.object({ id: IdParam('id') }).loose();
const PotParams = z.object({ id: IdParam('id'), potId: IdParam('potId') }).loose();
const PlanParams = z.object({ planId: IdParam('planId') }).loose();
const NoQuery = z.object({}).strict();

const roundId = (req: Request) => RoundParams.parse(req.params).id;
const actor = (req: Request) => ({ ...actorOf(req), userId: currentAccount(req).user.id });

/** Rounds, plans, paper ballots and results are the city's work: officials of any department and admins. */
const OFFICIALS: Policy = { roles: ['official', 'admin'] };
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
  return r;
}
