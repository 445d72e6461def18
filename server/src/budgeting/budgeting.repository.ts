import type { Knex } from 'knex';
import { milestoneJson } from '../activities/activities.repository.js';
import {
  and,
  anyOf,
  bboxWhere,
  geoJsonGeometry,
  isoTime,
  raw,
  run,
  sql,
  timeWindowWhere,
  type Bbox,
} from '../collections/sql.js';
import { planDepartmentSql } from './budgeting.dataset.js';
import type {
  PlanResult,
  Allocation,
  BallotRule,
  Feasibility,
  PhaseDates,
  Plan,
  Pot,
  PotKind,
  Proposal,
  RankerKind,
  RoundPurpose,
} from '../contracts/budgeting.js';

/** Column of each phase's start. */
const PHASE_COLUMNS = {
  proposals: 'proposals_from',
  co_creation: 'co_creation_from',
  feasibility_review: 'review_from',
  voting: 'voting_from',
  results: 'results_from',
  implementation: 'implementation_from',
} as const satisfies Record<keyof PhaseDates, string>;

export interface RoundRow {
  id: number;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  purpose: RoundPurpose;
  allocation: Allocation;
  rule: Record<string, unknown>;
  totalEur: number;
  ballot: BallotRule;
  minAge: number;
  residenceAreaId: number | null;
  phases: PhaseDates;
}

const roundSelect = `SELECT id, name_fi, name_sv, name_en, purpose, allocation, allocation_rule, total_eur::float8 AS total_eur,
       ballot_type, approval_max, min_age, residence_area_id,
       ${Object.entries(PHASE_COLUMNS)
         .map(([p, c]) => `${isoTime(c)} AS ${p}`)
         .join(', ')}
  FROM budgeting_rounds`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toRound = (r: any): RoundRow => ({
  id: r.id,
  nameFi: r.name_fi,
  nameSv: r.name_sv,
  nameEn: r.name_en,
  purpose: r.purpose,
  allocation: r.allocation,
  rule: r.allocation_rule ?? {},
  totalEur: Number(r.total_eur),
  ballot: r.ballot_type === 'approval' ? { type: 'approval', maxChoices: r.approval_max } : { type: 'knapsack' },
  minAge: r.min_age,
  residenceAreaId: r.residence_area_id,
  phases: Object.fromEntries(Object.keys(PHASE_COLUMNS).map((p) => [p, r[p]])) as PhaseDates,
});

export async function rounds(knex: Knex): Promise<RoundRow[]> {
  const { rows } = await knex.raw(`${roundSelect} ORDER BY proposals_from DESC, id DESC LIMIT 1000`);
  return rows.map(toRound);
}

export async function roundById(knex: Knex, id: number): Promise<RoundRow | null> {
  const { rows } = await knex.raw(`${roundSelect} WHERE id = ?`, [id]);
  return rows[0] ? toRound(rows[0]) : null;
}

export interface NewRound extends Omit<RoundRow, 'id'> {
  createdBy: number;
}

export async function insertRound(trx: Knex, r: NewRound): Promise<number> {
  const cols = Object.values(PHASE_COLUMNS);
  const { rows } = await trx.raw(
    `INSERT INTO budgeting_rounds (name_fi, name_sv, name_en, purpose, allocation, allocation_rule, total_eur, ballot_type,
                                   approval_max, min_age, residence_area_id, created_by, ${cols.join(', ')})
     VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ${cols.map(() => '?::timestamptz').join(', ')}) RETURNING id`,
    [
      r.nameFi,
      r.nameSv,
      r.nameEn,
      r.purpose,
      r.allocation,
      JSON.stringify(r.rule),
      r.totalEur,
      r.ballot.type,
      r.ballot.type === 'approval' ? r.ballot.maxChoices : null,
      r.minAge,
      r.residenceAreaId,
      r.createdBy,
      ...Object.keys(PHASE_COLUMNS).map((p) => r.phases[p as keyof PhaseDates]),
    ],
  );
  return rows[0].id;
}

export type NewPot = Omit<Pot, 'id' | 'department'> & { departmentId: number | null };

export async function insertPots(trx: Knex, roundId: number, pots: NewPot[]): Promise<void> {
  if (!pots.length) return;
  await trx.raw(
    `INSERT INTO budgeting_pots (round_id, kind, department_id, area_id, name_fi, name_sv, name_en, amount_eur, line_amount_eur,
                                 share_percent, sort_order)
     SELECT ?, x.kind, x.department_id, x.area_id, x.name_fi, x.name_sv, x.name_en, x.amount_eur, x.line_amount_eur,
            x.share_percent, x.ord
       FROM json_to_recordset(?::json) AS x(kind text, department_id int, area_id int, name_fi text, name_sv text, name_en text,
                                            amount_eur bigint, line_amount_eur bigint, share_percent numeric, ord int)`,
    [
      roundId,
      JSON.stringify(
        pots.map((p, i) => ({
          kind: p.kind,
          department_id: p.departmentId,
          area_id: p.areaId,
          name_fi: p.nameFi,
          name_sv: p.nameSv,
          name_en: p.nameEn,
          amount_eur: p.amountEur,
          line_amount_eur: p.lineAmountEur,
          share_percent: p.sharePercent,
          ord: i,
        })),
      ),
    ],
  );
}

export async function potsOf(knex: Knex, roundId: number): Promise<Pot[]> {
  const { rows } = await knex.raw(
    `SELECT p.id, p.kind, d.slug AS department, p.area_id, p.name_fi, p.name_sv, p.name_en, p.amount_eur::float8 AS amount_eur,
            p.line_amount_eur::float8 AS line_amount_eur, p.share_percent::float8 AS share_percent
       FROM budgeting_pots p LEFT JOIN departments d ON d.id = p.department_id
      WHERE p.round_id = ? ORDER BY p.sort_order, p.id`,
    [roundId],
  );
  return (rows as Record<string, unknown>[]).map((r) => ({
    id: r.id as number,
    kind: r.kind as PotKind,
    nameFi: r.name_fi as string,
    nameSv: r.name_sv as string | null,
    nameEn: r.name_en as string | null,
    amountEur: Number(r.amount_eur),
    department: r.department as string | null,
    areaId: r.area_id as number | null,
    lineAmountEur: r.line_amount_eur === null ? null : Number(r.line_amount_eur),
    sharePercent: r.share_percent === null ? null : Number(r.share_percent),
  }));
}

/** A district's own pots, round by round, with what the published results fund from each. */
export async function districtPotsOfArea(
  knex: Knex,
  areaId: number,
): Promise<
  { roundId: number; nameFi: string; nameSv: string | null; nameEn: string | null; potEur: number; fundedEur: number | null }[]
> {
  const { rows } = await knex.raw(
    `SELECT r.id AS "roundId", r.name_fi AS "nameFi", r.name_sv AS "nameSv", r.name_en AS "nameEn",
            p.amount_eur::float8 AS "potEur",
            CASE WHEN res.round_id IS NULL THEN NULL ELSE
              (SELECT coalesce(sum(pl.cost_eur), 0)::float8 FROM budgeting_result_plans rp
                 JOIN budgeting_plans pl ON pl.id = rp.plan_id WHERE rp.pot_id = p.id AND rp.funded) END AS "fundedEur"
       FROM budgeting_pots p JOIN budgeting_rounds r ON r.id = p.round_id
       LEFT JOIN budgeting_results res ON res.round_id = r.id
      WHERE p.area_id = ? AND p.kind = 'district'
      ORDER BY r.proposals_from DESC, r.id DESC`,
    [areaId],
  );
  return rows;
}

// ---- reference data ----------------------------------------------------------------------------

export async function departmentsBySlug(
  knex: Knex,
  slugs: string[],
): Promise<Map<string, { id: number; nameFi: string; nameSv: string | null; nameEn: string | null }>> {
  const { rows } = await knex.raw('SELECT id, slug, name_fi, name_sv, name_en FROM departments WHERE slug = ANY(?::text[])', [
    slugs,
  ]);
  return new Map(
    (rows as Record<string, never>[]).map((r) => [r.slug, { id: r.id, nameFi: r.name_fi, nameSv: r.name_sv, nameEn: r.name_en }]),
  );
}

export async function areasOfLevel(knex: Knex, level: string): Promise<{ id: number; nameFi: string; nameSv: string | null }[]> {
  const { rows } = await knex.raw(
    'SELECT id, name_fi AS "nameFi", name_sv AS "nameSv" FROM areas WHERE level = ? ORDER BY code, id',
    [level],
  );
  return rows;
}

export async function areaName(knex: Knex, id: number): Promise<string | null> {
  const { rows } = await knex.raw('SELECT name_fi FROM areas WHERE id = ?', [id]);
  return rows[0]?.name_fi ?? null;
}

/**
 * What eligibility looks at, in one query: the declared area's name and whether it lies within the
 * round's residence area and the pot's district (null when there is none to lie in).
 */
export async function residenceFacts(
  knex: Knex,
  declared: number,
  roundArea: number | null,
  potArea: number | null,
): Promise<{ name: string | null; inRound: boolean; inPot: boolean; roundAreaName: string | null }> {
  const { rows } = await knex.raw(
    `WITH RECURSIVE up(id) AS (SELECT id FROM areas WHERE id = ? UNION SELECT a.parent_id FROM up JOIN areas a ON a.id = up.id
                                WHERE a.parent_id IS NOT NULL)
     SELECT (SELECT name_fi FROM areas WHERE id = ?) AS name,
            (?::int IS NULL OR EXISTS (SELECT 1 FROM up WHERE id = ?::int)) AS "inRound",
            (?::int IS NULL OR EXISTS (SELECT 1 FROM up WHERE id = ?::int)) AS "inPot",
            (SELECT name_fi FROM areas WHERE id = ?::int) AS "roundAreaName"`,
    [declared, declared, roundArea, roundArea, potArea, potArea, roundArea],
  );
  return rows[0];
}

// ---- proposals and plans -----------------------------------------------------------------------

export async function visibleIdea(knex: Knex, id: number): Promise<{ id: number; title: string } | null> {
  const { rows } = await knex.raw('SELECT id, title FROM ideas WHERE id = ? AND hidden_at IS NULL', [id]);
  return rows[0] ?? null;
}

/** true when entered now, false when it was in the round already. */
export async function insertProposal(knex: Knex, roundId: number, ideaId: number, userId: number): Promise<boolean> {
  const { rows } = await knex.raw(
    `INSERT INTO budgeting_proposals (round_id, idea_id, entered_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING idea_id`,
    [roundId, ideaId, userId],
  );
  return rows.length > 0;
}

/** The name of a ranking group or table, for `budgeting_rankings ${alias}`. */
const rankerName = (
  a: string,
) => `CASE ${a}.by_kind WHEN 'kehra_group' THEN (SELECT g.name FROM kehra_groups g WHERE g.id = ${a}.by_id)
  ELSE (SELECT t.name FROM partnership_tables t WHERE t.id = ${a}.by_id) END`;

/** The rankings of the ideas matched by `ideaWhere` (over `br.idea_id`) in round `roundCol`: the best rank per group or table. */
const rankingsJson = (roundCol: string, ideaWhere: string) => `coalesce((
  SELECT json_agg(json_build_object('by', json_build_object('kind', x.by_kind, 'id', x.by_id, 'name', x.name), 'rank', x.rank)
                  ORDER BY x.by_kind, x.by_id)
    FROM (SELECT br.by_kind, br.by_id, ${rankerName('br')} AS name, min(br.rank) AS rank FROM budgeting_rankings br
           WHERE br.round_id = ${roundCol} AND ${ideaWhere} GROUP BY br.by_kind, br.by_id) x), '[]'::json)`;

export async function proposalsOf(knex: Knex, roundId: number): Promise<Proposal[]> {
  const { rows } = await knex.raw(
    `SELECT i.id, i.tracking_code AS "trackingCode", i.title, ${rankingsJson('bp.round_id', 'br.idea_id = bp.idea_id')} AS rankings
       FROM budgeting_proposals bp JOIN ideas i ON i.id = bp.idea_id
      WHERE bp.round_id = ? AND i.hidden_at IS NULL ORDER BY bp.entered_at, i.id`,
    [roundId],
  );
  return rows;
}

/** Of `ideaIds`, those not entered into the round (or hidden since). */
export async function ideasNotProposed(knex: Knex, roundId: number, ideaIds: number[]): Promise<number[]> {
  const { rows } = await knex.raw(
    `SELECT x.id FROM unnest(?::int[]) AS x(id)
      WHERE NOT EXISTS (SELECT 1 FROM budgeting_proposals bp JOIN ideas i ON i.id = bp.idea_id
                         WHERE bp.round_id = ? AND bp.idea_id = x.id AND i.hidden_at IS NULL)`,
    [ideaIds, roundId],
  );
  return (rows as { id: number }[]).map((r) => r.id);
}

/** The district pots of a round that the hull of the ideas meets (the area-membership rule: intersects). */
export async function districtPotsMeeting(
  knex: Knex,
  roundId: number,
  ideaIds: number[],
): Promise<{ id: number; nameFi: string }[]> {
  const { rows } = await knex.raw(
    `WITH hull AS (SELECT ST_ConvexHull(ST_Collect(geom)) AS g FROM ideas WHERE id = ANY(?::int[]))
     SELECT p.id, p.name_fi AS "nameFi" FROM budgeting_pots p JOIN areas a ON a.id = p.area_id, hull
      WHERE p.round_id = ? AND p.kind = 'district' AND a.geom && hull.g AND ST_Intersects(a.geom, hull.g)
      ORDER BY p.sort_order`,
    [ideaIds, roundId],
  );
  return rows;
}

/** The plan, its source ideas and their timeline entries, in the caller's transaction. */
export async function insertPlan(
  trx: Knex,
  p: { roundId: number; potId: number; title: string; description: string; ideaIds: number[]; createdBy: number },
  timelineReason: (planId: number) => string,
): Promise<number> {
  const { rows } = await trx.raw(
    `INSERT INTO budgeting_plans (round_id, pot_id, title, description, geom, created_by)
     SELECT ?, ?, ?, ?, ST_ConvexHull(ST_Collect(geom)), ? FROM ideas WHERE id = ANY(?::int[]) RETURNING id`,
    [p.roundId, p.potId, p.title, p.description, p.createdBy, p.ideaIds],
  );
  const id = rows[0].id as number;
  await trx.raw('INSERT INTO budgeting_plan_ideas (plan_id, idea_id) SELECT ?, x FROM unnest(?::int[]) AS x', [id, p.ideaIds]);
  await timelineOfPlanIdeas(trx, id, p.createdBy, timelineReason(id));
  return id;
}

/**
 * An entry on the public timeline of each of the plan's source ideas that keeps the idea's stage
 * (the idea goes on, as part of the plan); `milestoneId` links an implementation milestone.
 */
export async function timelineOfPlanIdeas(
  trx: Knex,
  planId: number,
  actorUserId: number | null,
  reason: string,
  milestoneId: number | null = null,
): Promise<void> {
  await trx.raw(
    `INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, actor_user_id, reason, milestone_id)
     SELECT i.id, i.stage, i.stage, ?, ?, ? FROM budgeting_plan_ideas pi JOIN ideas i ON i.id = pi.idea_id
      WHERE pi.plan_id = ? ORDER BY i.id`,
    [actorUserId, reason, milestoneId, planId],
  );
}

const planSelect = `SELECT p.id, p.round_id AS "roundId", p.pot_id AS "potId", p.title, p.description,
       p.cost_eur::float8 AS "costEur", p.feasibility, p.reason, p.alternative_route AS "alternativeRoute",
       p.alternative_details AS "alternativeDetails",
       coalesce((SELECT json_agg(json_build_object('id', i.id, 'trackingCode', i.tracking_code, 'title', i.title) ORDER BY i.id)
                   FROM budgeting_plan_ideas pi JOIN ideas i ON i.id = pi.idea_id WHERE pi.plan_id = p.id), '[]'::json) AS ideas,
       ${planDepartmentSql('p')} AS department, p.activity_id AS "activityId",
       coalesce((SELECT json_agg(${milestoneJson('m')} ORDER BY m.due_on, m.id) FROM activity_milestones m
                  WHERE m.activity_id = p.activity_id), '[]'::json) AS milestones,
       ${rankingsJson('p.round_id', 'br.idea_id IN (SELECT pi.idea_id FROM budgeting_plan_ideas pi WHERE pi.plan_id = p.id)')} AS rankings
  FROM budgeting_plans p`;

export async function planById(knex: Knex, id: number): Promise<Plan | null> {
  const { rows } = await knex.raw(`${planSelect} WHERE p.id = ?`, [id]);
  return rows[0] ?? null;
}

export async function plansOf(knex: Knex, roundId: number): Promise<Plan[]> {
  const { rows } = await knex.raw(`${planSelect} WHERE p.round_id = ? ORDER BY p.pot_id, p.id`, [roundId]);
  return rows;
}

export async function lockPlan(trx: Knex, id: number): Promise<{ roundId: number } | null> {
  const { rows } = await trx.raw('SELECT round_id AS "roundId" FROM budgeting_plans WHERE id = ? FOR UPDATE', [id]);
  return rows[0] ?? null;
}

export async function updatePlan(
  trx: Knex,
  id: number,
  p: {
    costEur?: number;
    feasibility?: Feasibility;
    reason?: string | null;
    alternativeRoute?: string | null;
    alternativeDetails?: string | null;
    department?: string;
  },
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (p.department !== undefined) set.department_id = trx.raw('(SELECT id FROM departments WHERE slug = ?)', [p.department]);
  if (p.costEur !== undefined) set.cost_eur = p.costEur;
  if (p.feasibility !== undefined) set.feasibility = p.feasibility;
  if (p.reason !== undefined) set.reason = p.reason;
  if (p.alternativeRoute !== undefined) set.alternative_route = p.alternativeRoute;
  if (p.alternativeDetails !== undefined) set.alternative_details = p.alternativeDetails;
  if (Object.keys(set).length) await trx('budgeting_plans').where({ id }).update(set);
}

/** The plans a ballot names, with what the ballot rules look at. */
export async function ballotPlans(
  knex: Knex,
  roundId: number,
  ids: number[],
): Promise<{ id: number; potId: number; costEur: number | null; feasibility: Feasibility }[]> {
  const { rows } = await knex.raw(
    `SELECT id, pot_id AS "potId", cost_eur::float8 AS "costEur", feasibility FROM budgeting_plans
      WHERE round_id = ? AND id = ANY(?::int[])`,
    [roundId, ids],
  );
  return rows;
}

// ---- ballots -----------------------------------------------------------------------------------

/** The secret used when none is configured (created by the migration). */
export async function storedBallotSecret(knex: Knex): Promise<string> {
  const { rows } = await knex.raw('SELECT secret FROM budgeting_secret LIMIT 1');
  return rows[0].secret;
}

/**
 * Casts or replaces a ballot in the caller's transaction: the roll gets the voter once, the old
 * ballot (found by its keyed hash) goes and the new one, under a fresh random id, comes in.
 * Returns whether a ballot was replaced.
 */
export async function castBallot(
  trx: Knex,
  b: { potId: number; voter: string; ballotKey: string; ballotId: string; paper: boolean; planIds: number[] },
): Promise<boolean> {
  // One voter's ballots in one pot take turns: the second waits for the first to commit, then
  // replaces it (without the lock, both saw no ballot and one failed on the unique key).
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [b.ballotKey]);
  // Two statements, not four: 500 voters at once on the embedded database's one connection (issue 11).
  const { rows } = await trx.raw(
    `WITH roll AS (INSERT INTO budgeting_voters (pot_id, voter, paper) VALUES (?, ?, ?) ON CONFLICT DO NOTHING),
          old AS (DELETE FROM budgeting_ballots WHERE ballot_key = ? RETURNING id)
     SELECT count(*)::int AS n FROM old`,
    [b.potId, b.voter, b.paper, b.ballotKey],
  );
  // After the old ballot is gone (its own statement: the key is unique), the new one under a fresh id.
  await trx.raw(
    `WITH ballot AS (INSERT INTO budgeting_ballots (id, pot_id, ballot_key, paper) VALUES (?, ?, ?, ?) RETURNING id)
     INSERT INTO budgeting_ballot_choices (ballot_id, plan_id) SELECT ballot.id, x FROM ballot, unnest(?::int[]) AS x`,
    [b.ballotId, b.potId, b.ballotKey, b.paper, b.planIds],
  );
  return rows[0].n > 0;
}

/** The plans of the ballot stored under this key (null: none cast), for the voter to see their own. */
export async function ballotChoices(knex: Knex, ballotKey: string): Promise<number[] | null> {
  const { rows } = await knex.raw(
    `SELECT b.id, coalesce(array_agg(c.plan_id ORDER BY c.plan_id) FILTER (WHERE c.plan_id IS NOT NULL), '{}') AS plan_ids
       FROM budgeting_ballots b LEFT JOIN budgeting_ballot_choices c ON c.ballot_id = b.id
      WHERE b.ballot_key = ? GROUP BY b.id`,
    [ballotKey],
  );
  return rows[0] ? rows[0].plan_ids.map(Number) : null;
}

// ---- results -----------------------------------------------------------------------------------

export interface CountRow {
  potId: number;
  planId: number;
  title: string;
  costEur: number;
  votes: number;
}

/** Votes per plan that can be funded (feasible, with a cost), counted from the stored ballots. */
export async function countVotes(knex: Knex, roundId: number): Promise<CountRow[]> {
  const { rows } = await knex.raw(
    `SELECT p.pot_id AS "potId", p.id AS "planId", p.title, p.cost_eur::float8 AS "costEur",
            (SELECT count(*)::int FROM budgeting_ballot_choices c JOIN budgeting_ballots b ON b.id = c.ballot_id
              WHERE c.plan_id = p.id AND b.pot_id = p.pot_id) AS votes
       FROM budgeting_plans p
      WHERE p.round_id = ? AND p.feasibility = 'feasible' AND p.cost_eur IS NOT NULL
      ORDER BY p.pot_id, p.id`,
    [roundId],
  );
  return (rows as CountRow[]).map((r) => ({ ...r, costEur: Number(r.costEur) }));
}

export async function ballotsPerPot(knex: Knex, roundId: number): Promise<Map<number, number>> {
  const { rows } = await knex.raw(
    `SELECT p.id, (SELECT count(*)::int FROM budgeting_ballots b WHERE b.pot_id = p.id) AS n
       FROM budgeting_pots p WHERE p.round_id = ?`,
    [roundId],
  );
  return new Map((rows as { id: number; n: number }[]).map((r) => [r.id, r.n]));
}

export async function storeResults(
  trx: Knex,
  roundId: number,
  userId: number,
  plans: { potId: number; planId: number; votes: number; position: number; funded: boolean; reason: string | null }[],
): Promise<void> {
  await trx.raw('DELETE FROM budgeting_results WHERE round_id = ?', [roundId]);
  await trx.raw('INSERT INTO budgeting_results (round_id, computed_by) VALUES (?, ?)', [roundId, userId]);
  if (!plans.length) return;
  await trx.raw(
    `INSERT INTO budgeting_result_plans (round_id, pot_id, plan_id, votes, position, funded, reason)
     SELECT ?, x.pot_id, x.plan_id, x.votes, x.position, x.funded, x.reason
       FROM json_to_recordset(?::json) AS x(pot_id int, plan_id int, votes int, position int, funded boolean, reason text)`,
    [
      roundId,
      JSON.stringify(
        plans.map((p) => ({
          pot_id: p.potId,
          plan_id: p.planId,
          votes: p.votes,
          position: p.position,
          funded: p.funded,
          reason: p.reason,
        })),
      ),
    ],
  );
}

export async function storedResults(
  knex: Knex,
  roundId: number,
): Promise<{
  computedAt: string;
  plans: (PlanResult & { potId: number })[];
} | null> {
  const { rows: head } = await knex.raw(`SELECT ${isoTime('computed_at')} AS at FROM budgeting_results WHERE round_id = ?`, [
    roundId,
  ]);
  if (!head[0]) return null;
  const { rows } = await knex.raw(
    `SELECT rp.pot_id AS "potId", rp.plan_id AS "planId", p.title, p.cost_eur::float8 AS "costEur", rp.votes, rp.position,
            rp.funded, rp.reason
       FROM budgeting_result_plans rp JOIN budgeting_plans p ON p.id = rp.plan_id
      WHERE rp.round_id = ? ORDER BY rp.pot_id, rp.position`,
    [roundId],
  );
  return { computedAt: head[0].at, plans: rows.map((r: { costEur: number }) => ({ ...r, costEur: Number(r.costEur) })) };
}

// ---- implementation ----------------------------------------------------------------------------

/** true or false by the stored results; null when the round's results are not computed. */
export async function planFunded(knex: Knex, planId: number): Promise<boolean | null> {
  const { rows } = await knex.raw(
    `SELECT (SELECT rp.funded FROM budgeting_result_plans rp WHERE rp.plan_id = p.id) AS funded,
            EXISTS (SELECT 1 FROM budgeting_results r WHERE r.round_id = p.round_id) AS computed
       FROM budgeting_plans p WHERE p.id = ?`,
    [planId],
  );
  if (!rows[0]?.computed) return null;
  return rows[0].funded === true;
}

/** The funded plans of a round that have a responsible department but no activity yet. */
export async function fundedWithoutActivity(trx: Knex, roundId: number): Promise<{ id: number; department: string }[]> {
  const { rows } = await trx.raw(
    `SELECT p.id, ${planDepartmentSql('p')} AS department FROM budgeting_plans p
       JOIN budgeting_result_plans rp ON rp.plan_id = p.id AND rp.funded
      WHERE p.round_id = ? AND p.activity_id IS NULL AND ${planDepartmentSql('p')} IS NOT NULL
      ORDER BY p.id`,
    [roundId],
  );
  return rows;
}

/** What the activity is made of, read under a lock on the plan: its place and its ideas' themes. */
export async function lockPlanForImplementation(
  trx: Knex,
  planId: number,
): Promise<{ activityId: number | null; title: string; description: string; geometry: unknown; themes: string[] } | null> {
  const { rows } = await trx.raw(
    `SELECT p.activity_id AS "activityId", p.title, p.description, ${geoJsonGeometry('p.geom')} AS geometry,
            coalesce((SELECT array_agg(DISTINCT th.slug ORDER BY th.slug) FROM budgeting_plan_ideas pi
                        JOIN idea_themes it ON it.idea_id = pi.idea_id JOIN themes th ON th.id = it.theme_id
                       WHERE pi.plan_id = p.id), '{}') AS themes
       FROM budgeting_plans p WHERE p.id = ? FOR UPDATE OF p`,
    [planId],
  );
  return rows[0] ?? null;
}

export async function setImplementation(trx: Knex, planId: number, activityId: number, department: string): Promise<void> {
  await trx.raw(
    'UPDATE budgeting_plans SET activity_id = ?, department_id = (SELECT id FROM departments WHERE slug = ?) WHERE id = ?',
    [activityId, department, planId],
  );
}

/** Whose the plan's implementation is, for the policy: the activity's department, else the plan's; undefined when no plan. */
export async function responsibleDepartmentOfPlan(
  knex: Knex,
  planId: number,
): Promise<{ activityDepartmentId: number | null; department: string | null } | undefined> {
  const { rows } = await knex.raw(
    `SELECT (SELECT a.department_id FROM activities a WHERE a.id = p.activity_id) AS "activityDepartmentId",
            ${planDepartmentSql('p')} AS department
       FROM budgeting_plans p WHERE p.id = ?`,
    [planId],
  );
  return rows[0];
}

// ---- phases as dated events (the events calendar) ----------------------------------------------

export interface PhaseEventRow {
  roundId: number;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  phase: keyof PhaseDates;
  start: string;
  /** The next phase's start; null for implementation, which runs on. */
  end: string | null;
  stamp: string;
}

/**
 * The phases of the rounds as spans, by the map's filter: a round lies wherever its residence
 * area meets the district or box (a round for everyone lies everywhere), belongs to the
 * departments of its pots, and has no themes (so a theme filter finds none).
 */
export async function phaseEvents(
  knex: Knex,
  f: { area?: number[]; theme?: string[]; department?: string[]; bbox?: Bbox; from?: string; to?: string },
  limit: number,
): Promise<PhaseEventRow[]> {
  if (f.theme?.length) return [];
  const phases = Object.entries(PHASE_COLUMNS);
  const spans = phases
    .map(([p, c], i) => `(${i}, '${p}', r.${c}, ${i + 1 < phases.length ? `r.${phases[i + 1][1]}` : 'NULL::timestamptz'})`)
    .join(', ');
  const residence = (place: ReturnType<typeof sql>) =>
    sql`(r.residence_area_id IS NULL OR EXISTS (SELECT 1 FROM areas ra WHERE ra.id = r.residence_area_id AND ${place}))`;
  const q = sql`SELECT r.id AS "roundId", r.name_fi AS "nameFi", r.name_sv AS "nameSv", r.name_en AS "nameEn", ph.phase,
         ${raw(isoTime('ph.starts'))} AS start, ${raw(isoTime('ph.ends'))} AS "end", ${raw(isoTime('r.created_at'))} AS stamp
    FROM budgeting_rounds r CROSS JOIN LATERAL (VALUES ${raw(spans)}) AS ph(ord, phase, starts, ends)
   WHERE ${and([
     timeWindowWhere('ph.starts', 'ph.ends', f),
     f.department &&
       sql`EXISTS (SELECT 1 FROM budgeting_pots pt JOIN departments d ON d.id = pt.department_id
                    WHERE pt.round_id = r.id AND ${anyOf('d.slug', f.department)})`,
     f.area &&
       residence(
         sql`EXISTS (SELECT 1 FROM areas fa WHERE ${anyOf('fa.id', f.area, 'int')} AND ra.geom && fa.geom AND ST_Intersects(ra.geom, fa.geom))`,
       ),
     f.bbox && residence(bboxWhere('ra.geom', f.bbox)),
   ])}
   ORDER BY ph.starts, r.id, ph.ord LIMIT ${limit}`;
  return run<PhaseEventRow>(knex, q);
}

// ---- rankings ----------------------------------------------------------------------------------

/**
 * A group's or table's ranked ideas (visible ones), best first: a Kehrä group's plan items by
 * their rank; a partnership table's ideas of its municipal-budget outcomes in the order the
 * outcomes were recorded (a table keeps no other ranking). Null when there is no such group or table.
 */
export async function rankedIdeas(
  knex: Knex,
  kind: RankerKind,
  id: number,
): Promise<{ name: string; ideas: { ideaId: number; rank: number }[] } | null> {
  const { rows: head } = await knex.raw(
    kind === 'kehra_group' ? 'SELECT name FROM kehra_groups WHERE id = ?' : 'SELECT name FROM partnership_tables WHERE id = ?',
    [id],
  );
  if (!head[0]) return null;
  const { rows } = await knex.raw(
    kind === 'kehra_group'
      ? `SELECT k.idea_id AS "ideaId", k.rank FROM kehra_plan_items k JOIN ideas i ON i.id = k.idea_id
          WHERE k.kehra_group_id = ? AND i.hidden_at IS NULL ORDER BY k.rank`
      : `SELECT x.idea_id AS "ideaId", (row_number() OVER (ORDER BY x.first))::int AS rank
           FROM (SELECT oi.idea_id, min(o.id) AS first
                   FROM partnership_table_outcomes o JOIN partnership_table_outcome_ideas oi ON oi.outcome_id = o.id
                   JOIN ideas i ON i.id = oi.idea_id
                  WHERE o.table_id = ? AND o.route = 'municipal_budget' AND i.hidden_at IS NULL GROUP BY oi.idea_id) x
          ORDER BY rank`,
    [id],
  );
  return { name: head[0].name, ideas: rows };
}

/**
 * Enters the ideas into the round (those there already stay as they are) and makes the group's
 * or table's ranks in the round exactly `ideas`; returns how many ideas were new to the round.
 */
export async function replaceRanking(
  trx: Knex,
  r: { roundId: number; kind: RankerKind; id: number; userId: number },
  ideas: { ideaId: number; rank: number }[],
): Promise<number> {
  const ideaIds = ideas.map((x) => x.ideaId);
  const { rows } = await trx.raw(
    `INSERT INTO budgeting_proposals (round_id, idea_id, entered_by) SELECT ?, x, ? FROM unnest(?::int[]) AS x
     ON CONFLICT DO NOTHING RETURNING idea_id`,
    [r.roundId, r.userId, ideaIds],
  );
  await trx.raw('DELETE FROM budgeting_rankings WHERE round_id = ? AND by_kind = ? AND by_id = ?', [r.roundId, r.kind, r.id]);
  await trx.raw(
    `INSERT INTO budgeting_rankings (round_id, idea_id, by_kind, by_id, rank)
     SELECT ?, x.idea_id, ?, ?, x.rank FROM unnest(?::int[], ?::int[]) AS x(idea_id, rank)`,
    [r.roundId, r.kind, r.id, ideaIds, ideas.map((x) => x.rank)],
  );
  return rows.length;
}
