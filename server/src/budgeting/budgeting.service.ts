import { createHmac, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import * as activities from '../activities/activities.repository.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type { ActivityMilestone } from '../contracts/activities.js';
import type {
  BallotBody,
  BallotReceipt,
  OwnBallot,
  CurrentPhase,
  ImplementationBody,
  MilestoneBody,
  MilestonePatchBody,
  Phase,
  Plan,
  PlanBody,
  PlanPatchBody,
  Pot,
  PotResult,
  RankerKind,
  RankingImport,
  RoundBody,
  RoundDetail,
  RoundPot,
  RoundResults,
  RoundSummary,
} from '../contracts/budgeting.js';
import { badField, HttpError, notFound } from '../http/errors.js';
import * as statistics from '../statistics/statistics.repository.js';
import { allocatePot, formatEur, phaseAt, RESULT_RULE, splitByWeight } from './budgeting-rules.js';
import * as repo from './budgeting.repository.js';

/** What the app gives the feature: the ballot secret (config) and a clock tests can set. */
export interface BudgetingSettings {
  /** KK_BALLOT_SECRET; unset, a secret kept in the database is used. */
  ballotSecret?: string;
  now: () => Date;
}

type Actor = AuditActor & { userId: number };

const conflict = (message: string) => new HttpError(409, 'wrong_phase', message);
const notEligible = (message: string) => new HttpError(403, 'not_eligible', message);

async function requireRound(knex: Knex, id: number): Promise<repo.RoundRow> {
  const r = await repo.roundById(knex, id);
  if (!r) throw notFound(`Budgeting round ${id}`);
  return r;
}

/** 409 unless the round is in one of the phases, saying when those are. */
function requirePhase(s: BudgetingSettings, r: repo.RoundRow, allowed: Phase[], doing: string): CurrentPhase {
  const phase = phaseAt(r.phases, s.now());
  if (!(allowed as string[]).includes(phase)) {
    throw conflict(`${doing} is possible in the ${allowed.join(' or ')} phase; the round is in the ${phase} phase`);
  }
  return phase;
}

const summary = (s: BudgetingSettings, r: repo.RoundRow): RoundSummary => ({
  id: r.id,
  nameFi: r.nameFi,
  nameSv: r.nameSv,
  nameEn: r.nameEn,
  purpose: r.purpose,
  allocation: r.allocation,
  totalEur: r.totalEur,
  ballot: r.ballot,
  phase: phaseAt(r.phases, s.now()),
  phases: r.phases,
});

// ---- rounds ----------------------------------------------------------------------------------

export async function listRounds(knex: Knex, s: BudgetingSettings): Promise<RoundSummary[]> {
  return (await repo.rounds(knex)).map((r) => summary(s, r));
}

export async function roundDetail(knex: Knex, s: BudgetingSettings, id: number): Promise<RoundDetail> {
  const r = await requireRound(knex, id);
  return {
    ...summary(s, r),
    eligibility: { minAge: r.minAge, residenceAreaId: r.residenceAreaId },
    rule: r.rule,
    ...(await withResidents(knex, await repo.potsOf(knex, id))),
  };
}

/**
 * The district pots' residents and euros per resident, from the latest population figures the
 * district cards show, so the map can shade the pots per resident rather than per pot.
 */
async function withResidents(knex: Knex, pots: Pot[]): Promise<{ pots: RoundPot[]; residentsYear: number | null }> {
  const areaIds = pots.flatMap((p) => (p.areaId == null ? [] : [p.areaId]));
  const { year, byArea } = areaIds.length ? await statistics.latestPopulations(knex, areaIds) : { year: null, byArea: new Map() };
  return {
    residentsYear: byArea.size ? year : null,
    pots: pots.map((p) => {
      const population = p.areaId == null ? undefined : byArea.get(p.areaId);
      const residents = population === undefined ? null : Math.round(population);
      return { ...p, residents, eurPerResident: residents ? Math.round((p.amountEur / residents) * 100) / 100 : null };
    }),
  };
}

const CITY_WIDE = { nameFi: 'Koko kaupunki', nameSv: 'Hela staden', nameEn: 'Whole city' };
const pot = (p: Partial<repo.NewPot> & Pick<repo.NewPot, 'kind' | 'nameFi' | 'amountEur'>): repo.NewPot => ({
  nameSv: null,
  nameEn: null,
  departmentId: null,
  areaId: null,
  lineAmountEur: null,
  sharePercent: null,
  ...p,
});

/** The pots of a round by its way of allocating, and the rule to store with it. */
async function potsFor(knex: Knex, body: RoundBody): Promise<{ pots: repo.NewPot[]; rule: Record<string, unknown> }> {
  const a = body.allocation;
  switch (a.way) {
    case 'department': {
      const slugs = a.departments.map((d) => d.department);
      if (new Set(slugs).size !== slugs.length) throw badField('allocation.departments', 'a department is named twice');
      const known = await repo.departmentsBySlug(knex, slugs);
      const unknown = slugs.filter((s) => !known.has(s));
      if (unknown.length) throw badField('allocation.departments', `unknown department(s): ${unknown.join(', ')}`);
      return {
        rule: {},
        pots: a.departments.map((d) => {
          const dept = known.get(d.department)!;
          return pot({ kind: 'department', ...dept, departmentId: dept.id, amountEur: d.amountEur });
        }),
      };
    }
    case 'district': {
      const areas = await repo.areasOfLevel(knex, a.level);
      if (!areas.length) throw badField('allocation.level', `there are no districts of level ${a.level}`);
      const explicit = new Map<number, number>();
      for (const x of a.amounts) {
        if (explicit.has(x.areaId)) throw badField('allocation.amounts', `area ${x.areaId} is given twice`);
        explicit.set(x.areaId, x.amountEur);
      }
      const stray = [...explicit.keys()].filter((id) => !areas.some((ar) => ar.id === id));
      if (stray.length) throw badField('allocation.amounts', `not a district of level ${a.level}: ${stray.join(', ')}`);
      const cityWide = a.cityWideEur ?? 0;
      const rest = areas.filter((ar) => !explicit.has(ar.id));
      const left = body.totalEur - cityWide - [...explicit.values()].reduce((x, y) => x + y, 0);
      const shares = new Map<number, number>();
      let byPopulation: { year: number | null; populations: Record<string, number> } | null = null;
      if (a.split === 'population' && rest.length) {
        // The districts' population by the district cards' own apportioning; the figures used are
        // stored in the rule, so the pots can be explained after the statistics are imported again.
        const { year, byArea } = await statistics.latestPopulations(
          knex,
          rest.map((ar) => ar.id),
        );
        const missing = rest.filter((ar) => !byArea.has(ar.id));
        if (missing.length) {
          throw badField(
            'allocation.amounts',
            `split by population needs the population of every district without an amount; there is none for: ${missing.map((ar) => ar.nameFi).join(', ')}`,
          );
        }
        const parts = splitByWeight(
          Math.max(left, 0),
          rest.map((ar) => byArea.get(ar.id)!),
        );
        rest.forEach((ar, i) => shares.set(ar.id, parts[i]));
        byPopulation = {
          year,
          populations: Object.fromEntries(rest.map((ar) => [String(ar.id), Math.round(byArea.get(ar.id)!)])),
        };
      } else {
        // An equal split of what is left, in whole euros; the few euros that do not divide stay unallocated.
        const share = rest.length && left > 0 ? Math.floor(left / rest.length) : 0;
        for (const ar of rest) shares.set(ar.id, share);
      }
      const pots = areas.map((ar) =>
        pot({
          kind: 'district',
          areaId: ar.id,
          nameFi: ar.nameFi,
          nameSv: ar.nameSv,
          amountEur: explicit.get(ar.id) ?? shares.get(ar.id) ?? 0,
        }),
      );
      if (cityWide > 0) pots.push(pot({ kind: 'city_wide', ...CITY_WIDE, amountEur: cityWide }));
      return {
        rule: {
          level: a.level,
          cityWideEur: cityWide,
          split: a.split,
          ...(byPopulation && { populationYear: byPopulation.year, populations: byPopulation.populations }),
        },
        pots,
      };
    }
    case 'project':
      return {
        rule: {},
        pots: a.projects.map((p) =>
          pot({ kind: 'project', nameFi: p.nameFi, nameSv: p.nameSv ?? null, nameEn: p.nameEn ?? null, amountEur: p.amountEur }),
        ),
      };
    case 'budget_line':
      return {
        rule: {},
        pots: a.lines.map((l) =>
          pot({
            kind: 'budget_line',
            nameFi: l.nameFi,
            nameSv: l.nameSv ?? null,
            nameEn: l.nameEn ?? null,
            // The share in whole euros, rounded down so the pots never promise more than the line holds.
            amountEur: Math.floor((l.lineAmountEur * Math.round(l.sharePercent * 10_000)) / 1_000_000),
            lineAmountEur: l.lineAmountEur,
            sharePercent: l.sharePercent,
          }),
        ),
      };
  }
}

export async function createRound(knex: Knex, s: BudgetingSettings, actor: Actor, body: RoundBody): Promise<RoundDetail> {
  const { pots, rule } = await potsFor(knex, body);
  const sum = pots.reduce((x, p) => x + p.amountEur, 0);
  if (sum > body.totalEur) {
    throw badField(
      'allocation',
      `the pots total ${formatEur(sum)}, more than the round's total budget of ${formatEur(body.totalEur)}`,
    );
  }
  const residence = body.eligibility.residenceAreaId;
  if (residence !== undefined && !(await repo.areaName(knex, residence))) {
    throw badField('eligibility.residenceAreaId', `no area has id ${residence}`);
  }
  const id = await knex.transaction(async (trx) => {
    const id = await repo.insertRound(trx, {
      nameFi: body.nameFi,
      nameSv: body.nameSv ?? null,
      nameEn: body.nameEn ?? null,
      purpose: body.purpose,
      allocation: body.allocation.way,
      rule,
      totalEur: body.totalEur,
      ballot: body.ballot,
      minAge: body.eligibility.minAge,
      residenceAreaId: residence ?? null,
      phases: body.phases,
      createdBy: actor.userId,
    });
    await repo.insertPots(trx, id, pots);
    await recordAudit(trx, actor, {
      action: 'budgeting.round_create',
      target: { type: 'budgeting_round', id },
      after: { nameFi: body.nameFi, allocation: body.allocation.way, totalEur: body.totalEur, pots: pots.length },
    });
    return id;
  });
  return roundDetail(knex, s, id);
}

// ---- proposals and plans ---------------------------------------------------------------------

export async function enterIdea(
  knex: Knex,
  s: BudgetingSettings,
  actor: Actor,
  roundId: number,
  ideaId: number,
): Promise<{ created: boolean; roundId: number; ideaId: number }> {
  const r = await requireRound(knex, roundId);
  requirePhase(s, r, ['proposals'], 'Entering an idea');
  if (!(await repo.visibleIdea(knex, ideaId))) throw badField('ideaId', `no idea has id ${ideaId}`);
  const created = await repo.insertProposal(knex, roundId, ideaId, actor.userId);
  return { created, roundId, ideaId };
}

export const proposals = async (knex: Knex, roundId: number) => {
  await requireRound(knex, roundId);
  return repo.proposalsOf(knex, roundId);
};

/** The pot a plan goes to: the one named (checked), else the only one, else a district plan's district. */
async function potOfPlan(knex: Knex, r: repo.RoundRow, body: PlanBody): Promise<number> {
  const pots = await repo.potsOf(knex, r.id);
  if (body.potId !== undefined) {
    const p = pots.find((x) => x.id === body.potId);
    if (!p) throw badField('potId', `pot ${body.potId} is not a pot of this round`);
    if (p.kind === 'district' && !(await repo.districtPotsMeeting(knex, r.id, body.ideaIds)).some((d) => d.id === p.id)) {
      throw badField('potId', `the plan's ideas do not lie in ${p.nameFi}`);
    }
    return p.id;
  }
  if (pots.length === 1) return pots[0].id;
  if (r.allocation === 'district') {
    const meeting = await repo.districtPotsMeeting(knex, r.id, body.ideaIds);
    if (meeting.length === 1) return meeting[0].id;
    if (meeting.length > 1) {
      throw badField(
        'potId',
        `the plan's ideas lie in several districts (${meeting.map((m) => m.nameFi).join(', ')}): name its pot`,
      );
    }
    const cityWide = pots.find((p) => p.kind === 'city_wide');
    if (cityWide) return cityWide.id;
    throw badField('potId', "the plan's ideas lie in none of the round's districts");
  }
  throw badField('potId', `this round has ${pots.length} pots: name the plan's pot`);
}

export async function createPlan(knex: Knex, s: BudgetingSettings, actor: Actor, roundId: number, body: PlanBody): Promise<Plan> {
  const r = await requireRound(knex, roundId);
  requirePhase(s, r, ['co_creation'], 'Merging ideas into a plan');
  const ideaIds = [...new Set(body.ideaIds)];
  const missing = await repo.ideasNotProposed(knex, roundId, ideaIds);
  if (missing.length) throw badField('ideaIds', `not entered into this round: ${missing.join(', ')}`);
  const potId = await potOfPlan(knex, r, { ...body, ideaIds });
  const id = await knex.transaction(async (trx) => {
    const id = await repo.insertPlan(
      trx,
      { roundId, potId, title: body.title, description: body.description, ideaIds, createdBy: actor.userId },
      (planId) =>
        `Yhdistetty osallistuvan budjetoinnin suunnitelmaan ”${body.title}” (kierros ”${r.nameFi}”, suunnitelma ${planId}).`,
    );
    await recordAudit(trx, actor, {
      action: 'budgeting.plan_create',
      target: { type: 'budgeting_plan', id },
      after: { roundId, potId, ideaIds },
    });
    return id;
  });
  return (await repo.planById(knex, id))!;
}

export async function plans(knex: Knex, roundId: number): Promise<Plan[]> {
  await requireRound(knex, roundId);
  return repo.plansOf(knex, roundId);
}

export async function updatePlan(
  knex: Knex,
  s: BudgetingSettings,
  actor: Actor,
  planId: number,
  body: PlanPatchBody,
): Promise<Plan> {
  const plan = await repo.planById(knex, planId);
  if (!plan) throw notFound(`Plan ${planId}`);
  const r = await requireRound(knex, plan.roundId);
  // Costs and feasibility are settled before voting: a ballot checked against a cost must keep meaning it.
  requirePhase(s, r, ['co_creation', 'feasibility_review'], 'Changing a plan');
  if (body.department !== undefined) await requireDepartment(knex, body.department);
  const feasible = body.feasibility !== undefined && body.feasibility !== 'infeasible';
  await knex.transaction(async (trx) => {
    if (!(await repo.lockPlan(trx, planId))) throw notFound(`Plan ${planId}`);
    await repo.updatePlan(trx, planId, {
      costEur: body.costEur,
      feasibility: body.feasibility,
      // A plan found feasible again no longer carries a refusal.
      reason: feasible ? null : body.reason,
      alternativeRoute: feasible ? null : body.alternativeRoute,
      alternativeDetails: feasible ? null : body.alternativeDetails,
      department: body.department,
    });
    await recordAudit(trx, actor, {
      action: 'budgeting.plan_update',
      target: { type: 'budgeting_plan', id: planId },
      before: { costEur: plan.costEur, feasibility: plan.feasibility },
      after: body,
    });
  });
  return (await repo.planById(knex, planId))!;
}

// ---- ballots ---------------------------------------------------------------------------------

/**
 * The link from a person to their ballot: an HMAC of voter and pot under the server's secret.
 * Without the secret nobody can tell whose a ballot is, not even from the roll of who voted.
 */
async function ballotKey(knex: Knex, s: BudgetingSettings, voter: string, potId: number): Promise<string> {
  const secret = s.ballotSecret ?? (await repo.storedBallotSecret(knex));
  return createHmac('sha256', secret).update(`${voter}\n${potId}`).digest('base64url');
}

/** The voter's declaration against the round's and the pot's eligibility: 403 with the reason. */
async function checkEligibility(
  knex: Knex,
  r: repo.RoundRow,
  p: { areaId: number | null; nameFi: string; kind: string },
  b: BallotBody,
) {
  const d = b.declaration;
  const facts = await repo.residenceFacts(knex, d.residenceAreaId, r.residenceAreaId, p.kind === 'district' ? p.areaId : null);
  if (!facts.name) throw badField('declaration.residenceAreaId', `no area has id ${d.residenceAreaId}`);
  if (d.age < r.minAge) throw notEligible(`voting in this round needs an age of at least ${r.minAge}; you declared ${d.age}`);
  if (!facts.inRound) throw notEligible(`this round is for residents of ${facts.roundAreaName}; you declared ${facts.name}`);
  if (!facts.inPot) throw notEligible(`the pot of ${p.nameFi} is for its residents; you declared ${facts.name}`);
}

/** The ballot's plans against the pot and the ballot type: 400 naming what is wrong. */
async function checkChoices(knex: Knex, r: repo.RoundRow, p: { id: number; amountEur: number }, planIds: number[]) {
  const found = await repo.ballotPlans(knex, r.id, planIds);
  const unknown = planIds.filter((id) => !found.some((f) => f.id === id));
  if (unknown.length) throw badField('planIds', `not plans of this round: ${unknown.join(', ')}`);
  const other = found.filter((f) => f.potId !== p.id);
  if (other.length) throw badField('planIds', `plan(s) ${other.map((f) => f.id).join(', ')} belong to another pot`);
  const notOnBallot = found.filter((f) => f.feasibility !== 'feasible' || f.costEur === null);
  if (notOnBallot.length) {
    const why = (f: (typeof found)[number]) =>
      f.feasibility === 'infeasible'
        ? 'was found infeasible'
        : f.costEur === null
          ? 'has no cost estimate'
          : 'is not reviewed yet';
    throw badField('planIds', notOnBallot.map((f) => `plan ${f.id} ${why(f)}`).join('; '));
  }
  if (r.ballot.type === 'knapsack') {
    const total = found.reduce((x, f) => x + (f.costEur ?? 0), 0);
    if (total > p.amountEur) {
      throw new HttpError(400, 'over_budget', `total ${formatEur(total)} exceeds the pot of ${formatEur(p.amountEur)}`, [
        { path: ['planIds'], message: `total ${formatEur(total)} exceeds the pot of ${formatEur(p.amountEur)}` },
      ]);
    }
  } else if (planIds.length > r.ballot.maxChoices) {
    throw badField('planIds', `choose at most ${r.ballot.maxChoices} plans; the ballot names ${planIds.length}`);
  }
}

/**
 * Casts a ballot, or replaces the voter's earlier one in the pot, in one transaction. `voter` is
 * 'user:<id>' for a signed-in person and 'paper:<reference>' for a paper ballot an official enters.
 * The audit records that a ballot was cast in the pot, never what it chose.
 */
export async function castBallot(
  knex: Knex,
  s: BudgetingSettings,
  actor: AuditActor,
  target: { roundId: number; potId: number; voter: string; paper: boolean },
  body: BallotBody,
): Promise<BallotReceipt> {
  const r = await requireRound(knex, target.roundId);
  const p = (await repo.potsOf(knex, r.id)).find((x) => x.id === target.potId);
  if (!p) throw notFound(`Pot ${target.potId} of budgeting round ${r.id}`);
  requirePhase(s, r, ['voting'], 'Voting');
  await checkEligibility(knex, r, p, body);
  await checkChoices(knex, r, p, body.planIds);
  const key = await ballotKey(knex, s, target.voter, p.id);
  const replaced = await knex.transaction(async (trx) => {
    const replaced = await repo.castBallot(trx, {
      potId: p.id,
      voter: target.voter,
      ballotKey: key,
      ballotId: randomUUID(),
      paper: target.paper,
      planIds: body.planIds,
    });
    await recordAudit(trx, actor, {
      action: target.paper ? 'budgeting.paper_ballot_cast' : 'budgeting.ballot_cast',
      target: { type: 'budgeting_pot', id: p.id },
    });
    return replaced;
  });
  return { roundId: r.id, potId: p.id, replaced, paper: target.paper };
}

/**
 * The voter's own ballot in a pot, found by the same keyed hash that casts it: only the voter's
 * session can ask, so secrecy towards everyone else holds. 404 when they have not voted there.
 */
export async function ownBallot(
  knex: Knex,
  s: BudgetingSettings,
  target: { roundId: number; potId: number; voter: string },
): Promise<OwnBallot> {
  const r = await requireRound(knex, target.roundId);
  if (!(await repo.potsOf(knex, r.id)).some((x) => x.id === target.potId)) {
    throw notFound(`Pot ${target.potId} of budgeting round ${r.id}`);
  }
  const planIds = await repo.ballotChoices(knex, await ballotKey(knex, s, target.voter, target.potId));
  if (!planIds) throw notFound(`Your ballot in pot ${target.potId}`);
  return { roundId: r.id, potId: target.potId, planIds };
}

// ---- results ---------------------------------------------------------------------------------

export async function computeResults(knex: Knex, s: BudgetingSettings, actor: Actor, roundId: number): Promise<RoundResults> {
  const r = await requireRound(knex, roundId);
  requirePhase(s, r, ['results', 'implementation'], 'Computing the results (after voting has closed)');
  await knex.transaction(async (trx) => {
    const pots = await repo.potsOf(trx, roundId);
    const counts = await repo.countVotes(trx, roundId);
    const rows = pots.flatMap((p) =>
      allocatePot(
        p.amountEur,
        counts.filter((c) => c.potId === p.id),
      ).map((a) => ({ ...a, potId: p.id })),
    );
    await repo.storeResults(trx, roundId, actor.userId, rows);
    await recordAudit(trx, actor, {
      action: 'budgeting.results_compute',
      target: { type: 'budgeting_round', id: roundId },
      after: { funded: rows.filter((x) => x.funded).map((x) => x.planId) },
    });
    // A funded plan whose department is known goes into implementation as the results come out.
    for (const p of await repo.fundedWithoutActivity(trx, roundId)) await implement(trx, s, actor, r, p.id, p.department);
  });
  return results(knex, roundId);
}

export async function results(knex: Knex, roundId: number): Promise<RoundResults> {
  await requireRound(knex, roundId);
  const stored = await repo.storedResults(knex, roundId);
  if (!stored) throw notFound(`Results of budgeting round ${roundId} (they are computed after voting closes)`);
  const ballots = await repo.ballotsPerPot(knex, roundId);
  const pots: PotResult[] = (await repo.potsOf(knex, roundId)).map((p) => {
    const plans = stored.plans.filter((x) => x.potId === p.id).map(({ potId: _p, ...x }) => x);
    const fundedEur = plans.filter((x) => x.funded).reduce((a, x) => a + x.costEur, 0);
    return {
      potId: p.id,
      amountEur: p.amountEur,
      fundedEur,
      remainingEur: p.amountEur - fundedEur,
      ballots: ballots.get(p.id) ?? 0,
      plans,
    };
  });
  return { roundId, computedAt: stored.computedAt, rule: RESULT_RULE, pots };
}

// ---- implementation --------------------------------------------------------------------------

/** Activities made from funded plans carry this source; their source id names round and plan. */
export const BUDGETING_SOURCE = 'budgeting';

async function requireDepartment(knex: Knex, slug: string): Promise<void> {
  if (!(await repo.departmentsBySlug(knex, [slug])).has(slug)) throw badField('department', `unknown department: ${slug}`);
}

const notStarted = (planId: number) =>
  new HttpError(409, 'not_started', `the implementation of plan ${planId} has not started (POST …/implementation first)`);

/**
 * Makes the funded plan an activity of `department` (kind project, ongoing, at the plan's place,
 * with its ideas' themes) and says so on each source idea's timeline, in the caller's transaction.
 * A plan that has its activity already is left as it is (results computed again, or two officials at once).
 */
async function implement(
  trx: Knex,
  s: BudgetingSettings,
  actor: Actor,
  r: repo.RoundRow,
  planId: number,
  department: string,
): Promise<number> {
  const p = await repo.lockPlanForImplementation(trx, planId);
  if (!p) throw notFound(`Plan ${planId}`);
  if (p.activityId !== null) return p.activityId;
  const dept = (await repo.departmentsBySlug(trx, [department])).get(department)!;
  const { id } = await activities.upsertActivity(trx, {
    department,
    kind: 'project',
    status: 'ongoing',
    titleFi: p.title,
    descriptionFi: [p.description, `Osallistuva budjetointi: kierros ”${r.nameFi}”, suunnitelma ${planId}.`]
      .filter(Boolean)
      .join('\n\n'),
    descriptionSv: `Deltagande budgetering: omgången ”${r.nameSv ?? r.nameFi}”, plan ${planId}.`,
    descriptionEn: `Participatory budgeting: round “${r.nameEn ?? r.nameFi}”, plan ${planId}.`,
    startsAt: s.now().toISOString(),
    themes: p.themes,
    source: BUDGETING_SOURCE,
    sourceId: `round-${r.id}/plan-${planId}`,
    geometry: p.geometry,
  });
  await repo.setImplementation(trx, planId, id, department);
  await repo.timelineOfPlanIdeas(
    trx,
    planId,
    actor.userId,
    `Suunnitelma ${planId} sai rahoituksen osallistuvassa budjetoinnissa, ja sen toteutus alkoi: vastuussa ${dept.nameFi}.`,
  );
  await recordAudit(trx, actor, {
    action: 'budgeting.implementation_start',
    target: { type: 'budgeting_plan', id: planId },
    after: { activityId: id, department },
  });
  return id;
}

/** An official starts a funded plan's implementation, naming the responsible department (or the plan's). */
export async function startImplementation(
  knex: Knex,
  s: BudgetingSettings,
  actor: Actor,
  planId: number,
  body: ImplementationBody,
): Promise<Plan> {
  const plan = await repo.planById(knex, planId);
  if (!plan) throw notFound(`Plan ${planId}`);
  const r = await requireRound(knex, plan.roundId);
  const funded = await repo.planFunded(knex, planId);
  if (funded === null) {
    throw conflict(`the results of round ${r.id} are not computed yet; implementation starts for a funded plan`);
  }
  if (!funded) throw new HttpError(409, 'not_funded', `plan ${planId} was not funded in the round's results`);
  if (plan.activityId !== null) {
    throw new HttpError(
      409,
      'already_started',
      `the implementation of plan ${planId} has started already (activity ${plan.activityId})`,
    );
  }
  const department = body.department ?? plan.department;
  if (!department) throw badField('department', 'name the department responsible for carrying the plan out');
  await requireDepartment(knex, department);
  await knex.transaction((trx) => implement(trx, s, actor, r, planId, department));
  return (await repo.planById(knex, planId))!;
}

const milestoneText = (m: { titleFi: string; date: string }) => `”${m.titleFi}” (${m.date})`;

/** A milestone of the plan's activity, on the activity's detail and each source idea's timeline. */
export async function addMilestone(knex: Knex, actor: Actor, planId: number, body: MilestoneBody): Promise<ActivityMilestone> {
  const plan = await repo.planById(knex, planId);
  if (!plan) throw notFound(`Plan ${planId}`);
  if (plan.activityId === null) throw notStarted(planId);
  const activityId = plan.activityId;
  return knex.transaction(async (trx) => {
    const m = await activities.insertMilestone(trx, activityId, {
      titleFi: body.titleFi,
      titleSv: body.titleSv ?? null,
      titleEn: body.titleEn ?? null,
      date: body.date,
      done: body.done,
    });
    const what = m.done ? 'Toteutuksen välitavoite saavutettu' : 'Toteutuksen välitavoite';
    await repo.timelineOfPlanIdeas(trx, planId, actor.userId, `${what}: ${milestoneText(m)}.`, m.id);
    const status = await activities.statusFromMilestones(trx, activityId);
    await recordAudit(trx, actor, {
      action: 'budgeting.milestone_add',
      target: { type: 'budgeting_plan', id: planId },
      after: { milestone: m, activityStatus: status },
    });
    return m;
  });
}

/** Changes a milestone; marked done, it goes on the ideas' timelines again, and the last one done completes the activity. */
export async function updateMilestone(
  knex: Knex,
  actor: Actor,
  planId: number,
  milestoneId: number,
  body: MilestonePatchBody,
): Promise<ActivityMilestone> {
  const plan = await repo.planById(knex, planId);
  if (!plan) throw notFound(`Plan ${planId}`);
  if (plan.activityId === null) throw notStarted(planId);
  const activityId = plan.activityId;
  return knex.transaction(async (trx) => {
    const before = await activities.milestoneById(trx, activityId, milestoneId);
    if (!before) throw notFound(`Milestone ${milestoneId} of plan ${planId}`);
    const m = await activities.updateMilestone(trx, milestoneId, body);
    if (m.done && !before.done) {
      await repo.timelineOfPlanIdeas(trx, planId, actor.userId, `Toteutuksen välitavoite saavutettu: ${milestoneText(m)}.`, m.id);
    }
    const status = await activities.statusFromMilestones(trx, activityId);
    await recordAudit(trx, actor, {
      action: 'budgeting.milestone_update',
      target: { type: 'budgeting_plan', id: planId },
      before: { milestone: before },
      after: { milestone: m, activityStatus: status },
    });
    return m;
  });
}

/** The department the policy scopes a plan's implementation to (see budgeting.routes.ts). */
export const responsibleDepartmentOfPlan = repo.responsibleDepartmentOfPlan;

// ---- rankings --------------------------------------------------------------------------------

/**
 * Brings a Kehrä group's or partnership table's ranked ideas into the round during proposals:
 * each is entered (if not yet) and shows the rank. Again, it replaces the earlier ranks.
 */
export async function bringRanking(
  knex: Knex,
  s: BudgetingSettings,
  actor: Actor,
  roundId: number,
  kind: RankerKind,
  id: number,
): Promise<RankingImport> {
  const r = await requireRound(knex, roundId);
  requirePhase(s, r, ['proposals'], 'Bringing ranked ideas in');
  const ranked = await repo.rankedIdeas(knex, kind, id);
  if (!ranked) throw notFound(kind === 'kehra_group' ? `Kehrä group ${id}` : `Partnership table ${id}`);
  const entered = await knex.transaction(async (trx) => {
    const n = await repo.replaceRanking(trx, { roundId, kind, id, userId: actor.userId }, ranked.ideas);
    await recordAudit(trx, actor, {
      action: 'budgeting.ranking_bring',
      target: { type: 'budgeting_round', id: roundId },
      after: { kind, id, ideas: ranked.ideas },
    });
    return n;
  });
  return { roundId, by: { kind, id, name: ranked.name }, ideas: ranked.ideas, entered };
}
