import type { Knex } from 'knex';
import { isoTime } from '../collections/sql.js';
import type {
  PlanResult,
  Allocation,
  BallotRule,
  Feasibility,
  PhaseDates,
  Plan,
  Pot,
  PotKind,
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

export async function proposalsOf(knex: Knex, roundId: number): Promise<{ id: number; trackingCode: string; title: string }[]> {
  const { rows } = await knex.raw(
    `SELECT i.id, i.tracking_code AS "trackingCode", i.title FROM budgeting_proposals bp JOIN ideas i ON i.id = bp.idea_id
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
  // A timeline entry that keeps the idea's stage: the idea goes on, as part of the plan.
  await trx.raw(
    `INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, actor_user_id, reason)
     SELECT i.id, i.stage, i.stage, ?, ? FROM ideas i WHERE i.id = ANY(?::int[]) ORDER BY i.id`,
    [p.createdBy, timelineReason(id), p.ideaIds],
  );
  return id;
}

const planSelect = `SELECT p.id, p.round_id AS "roundId", p.pot_id AS "potId", p.title, p.description,
       p.cost_eur::float8 AS "costEur", p.feasibility, p.reason, p.alternative_route AS "alternativeRoute",
       p.alternative_details AS "alternativeDetails",
       coalesce((SELECT json_agg(json_build_object('id', i.id, 'trackingCode', i.tracking_code, 'title', i.title) ORDER BY i.id)
                   FROM budgeting_plan_ideas pi JOIN ideas i ON i.id = pi.idea_id WHERE pi.plan_id = p.id), '[]'::json) AS ideas
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
  },
): Promise<void> {
  const set: Record<string, unknown> = {};
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
