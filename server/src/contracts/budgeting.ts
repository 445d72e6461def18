import { z } from 'zod';
import type { ActivityMilestone } from './activities.js';
import { AreaLevel } from './areas.js';
import { BboxParam, DownloadFormat, enumList, Id, idList, IntParam, OffsetParam, PlainText, Slug } from './common.js';
import { AlternativeRoute } from './ideas.js';

/** Shapes of the participatory budgeting API (osallistuva budjetointi). No server imports: the client imports this file. */

/** The five reasons a municipality runs a round (the small-municipality model's "five reasons"). */
export const ROUND_PURPOSES = [
  'allocating_funds',
  'mapping_income_and_resources',
  'co_planning',
  'choosing_savings',
  'solving_shared_challenges',
] as const;
export const RoundPurpose = z.enum(ROUND_PURPOSES, { error: `purpose must be one of: ${ROUND_PURPOSES.join(', ')}` });
export type RoundPurpose = z.infer<typeof RoundPurpose>;

/** The four ways of allocating: by department, by district, by project, by a share of a budget line. */
export const ALLOCATIONS = ['department', 'district', 'project', 'budget_line'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export const BALLOT_TYPES = ['knapsack', 'approval'] as const;
export type BallotType = (typeof BALLOT_TYPES)[number];

/** The phases of a round in order; each starts at its date and ends when the next starts. */
export const PHASES = ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'] as const;
export type Phase = (typeof PHASES)[number];
/** Before the proposals open the round is upcoming. */
export type CurrentPhase = Phase | 'upcoming';

export const FEASIBILITIES = ['pending', 'feasible', 'infeasible'] as const;
export type Feasibility = (typeof FEASIBILITIES)[number];

export const POT_KINDS = ['department', 'district', 'city_wide', 'project', 'budget_line'] as const;
export type PotKind = (typeof POT_KINDS)[number];

/** 120000 → "120 000 €", as a Finnish reader groups thousands (a plain space, so any client shows it alike). The server's messages and the ballot form use it both. */
export const formatEur = (n: number): string => `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;

/** Whole euros, as budgets are decided; up to 100 billion. */
export const EUR_MAX = 100_000_000_000;
const Euros = (name: string) =>
  z
    .number({ error: `${name} must be a whole number of euros` })
    .int(`${name} must be a whole number of euros`)
    .min(0, `${name} must not be negative`)
    .max(EUR_MAX, `${name} must be at most ${EUR_MAX} euros`);

/** A name in Finnish first, Swedish and English optional (as departments and themes store them). */
const Names = {
  nameFi: PlainText('nameFi', 200),
  nameSv: PlainText('nameSv', 200).optional(),
  nameEn: PlainText('nameEn', 200).optional(),
};

const Instant = (name: string) =>
  z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with offset (2026-05-01T12:00:00Z)` });

export const PhaseDates = z
  .object({
    proposals: Instant('phases.proposals'),
    co_creation: Instant('phases.co_creation'),
    feasibility_review: Instant('phases.feasibility_review'),
    voting: Instant('phases.voting'),
    results: Instant('phases.results'),
    implementation: Instant('phases.implementation'),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (let i = 1; i < PHASES.length; i++) {
      if (Date.parse(p[PHASES[i]]) <= Date.parse(p[PHASES[i - 1]])) {
        ctx.addIssue({ code: 'custom', path: [PHASES[i]], message: `${PHASES[i]} must start after ${PHASES[i - 1]}` });
      }
    }
  });
export type PhaseDates = z.infer<typeof PhaseDates>;

/** How the pots are made; one shape per way of allocating. */
export const AllocationBody = z.discriminatedUnion(
  'way',
  [
    z
      .object({
        way: z.literal('department'),
        departments: z
          .array(
            z
              .object({ department: Slug('departments[].department must be a department slug'), amountEur: Euros('amountEur') })
              .strict(),
          )
          .min(1, 'departments must name at least one department')
          .max(100),
      })
      .strict(),
    z
      .object({
        way: z.literal('district'),
        /** Every area of this level gets a pot. */
        level: AreaLevel,
        /** A pot for the whole city besides the districts' (0 or absent: none). */
        cityWideEur: Euros('cityWideEur').optional(),
        /** The rule for districts without an explicit amount: an equal split of what is left, or by population. */
        split: z.enum(['equal', 'population'], { error: 'split must be equal or population' }).default('equal'),
        amounts: z
          .array(z.object({ areaId: Id('amounts[].areaId'), amountEur: Euros('amountEur') }).strict())
          .max(1000)
          .default([]),
      })
      .strict(),
    z
      .object({
        way: z.literal('project'),
        projects: z
          .array(z.object({ ...Names, amountEur: Euros('amountEur') }).strict())
          .min(1, 'projects must name at least one project')
          .max(100),
      })
      .strict(),
    z
      .object({
        way: z.literal('budget_line'),
        lines: z
          .array(
            z
              .object({
                ...Names,
                lineAmountEur: Euros('lineAmountEur'),
                sharePercent: z
                  .number({ error: 'sharePercent must be a number' })
                  .gt(0, 'sharePercent must be more than 0')
                  .max(100, 'sharePercent must be at most 100'),
              })
              .strict(),
          )
          .min(1, 'lines must name at least one budget line')
          .max(100),
      })
      .strict(),
  ],
  { error: `allocation.way must be one of: ${ALLOCATIONS.join(', ')}` },
);
export type AllocationBody = z.infer<typeof AllocationBody>;

export const BallotRule = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('knapsack') }).strict(),
    z
      .object({
        type: z.literal('approval'),
        maxChoices: z
          .number({ error: 'ballot.maxChoices must be a whole number' })
          .int('ballot.maxChoices must be a whole number')
          .min(1, 'ballot.maxChoices must be at least 1')
          .max(100, 'ballot.maxChoices must be at most 100'),
      })
      .strict(),
  ],
  { error: `ballot.type must be one of: ${BALLOT_TYPES.join(', ')}` },
);
export type BallotRule = z.infer<typeof BallotRule>;

export const Eligibility = z
  .object({
    minAge: z.number({ error: 'eligibility.minAge must be a whole number' }).int().min(0).max(120).default(0),
    /** Residents of this area (or an area inside it); absent: anyone. */
    residenceAreaId: Id('eligibility.residenceAreaId').optional(),
  })
  .strict();

export const RoundBody = z
  .object({
    ...Names,
    purpose: RoundPurpose,
    totalEur: Euros('totalEur'),
    allocation: AllocationBody,
    ballot: BallotRule,
    eligibility: Eligibility.default({ minAge: 0 }),
    phases: PhaseDates,
  })
  .strict();
export type RoundBody = z.infer<typeof RoundBody>;

export interface Pot {
  id: number;
  kind: PotKind;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  amountEur: number;
  department: string | null;
  areaId: number | null;
  /** A budget line's share: the line's amount and the percentage taken. */
  lineAmountEur: number | null;
  sharePercent: number | null;
}

export interface RoundSummary {
  id: number;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  purpose: RoundPurpose;
  allocation: Allocation;
  totalEur: number;
  ballot: BallotRule;
  phase: CurrentPhase;
  phases: PhaseDates;
}

/** A pot as a round's page shows it: a district pot also with its residents and its euros per resident. */
export interface RoundPot extends Pot {
  /** The district's population in `residentsYear` (the district cards' figures); null when none is loaded. */
  residents: number | null;
  /** The pot's euros per resident, to the cent; null without residents (and for pots that are not districts). */
  eurPerResident: number | null;
}

export interface RoundDetail extends RoundSummary {
  eligibility: { minAge: number; residenceAreaId: number | null };
  /** The stored rule the pots were made by (e.g. a district round's level, city-wide pot and split). */
  rule: Record<string, unknown>;
  pots: RoundPot[];
  /** The statistics year of the pots' residents, or null when no population figures are loaded. */
  residentsYear: number | null;
}

// ---- proposals and plans -------------------------------------------------------------------

export const ProposalBody = z.object({ ideaId: Id('ideaId') }).strict();

/** Who ranked an idea before it came into the round: a Kehrä group or a partnership table. */
export const RANKERS = ['kehra_group', 'partnership_table'] as const;
export type RankerKind = (typeof RANKERS)[number];

/** An idea's (or, for a plan, its best-ranked idea's) rank in a group's or table's list. */
export interface Ranking {
  by: { kind: RankerKind; id: number; name: string };
  rank: number;
}

/** An idea entered into a round. */
export interface Proposal {
  id: number;
  trackingCode: string;
  title: string;
  rankings: Ranking[];
}

/** What bringing a ranking in did: the ideas with their ranks, and how many were new to the round. */
export interface RankingImport {
  roundId: number;
  by: Ranking['by'];
  ideas: { ideaId: number; rank: number }[];
  entered: number;
}

export const PlanBody = z
  .object({
    title: PlainText('title', 200, 3),
    description: PlainText('description', 5000, 0).default(''),
    ideaIds: z.array(Id('ideaIds[]')).min(1, 'ideaIds must name at least one idea').max(100),
    /** Required when the pot does not follow from the plan (a district plan follows from its place). */
    potId: Id('potId').optional(),
  })
  .strict();
export type PlanBody = z.infer<typeof PlanBody>;

export const PlanPatchBody = z
  .object({
    costEur: Euros('costEur').optional(),
    feasibility: z.enum(FEASIBILITIES, { error: `feasibility must be one of: ${FEASIBILITIES.join(', ')}` }).optional(),
    /** An infeasible plan's public reason and alternative route, as an idea not taken forward has. */
    reason: PlainText('reason', 4000).optional(),
    alternativeRoute: AlternativeRoute.optional(),
    alternativeDetails: PlainText('alternativeDetails', 4000).optional(),
    /** The department responsible for carrying the plan out if funded (a department pot's by default). */
    department: Slug('department must be a department slug').optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.feasibility === 'infeasible' && (!b.reason || !b.alternativeRoute)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.reason ? 'alternativeRoute' : 'reason'],
        message: 'an infeasible plan needs a public reason and an alternative route',
      });
    }
  });
export type PlanPatchBody = z.infer<typeof PlanPatchBody>;

export interface Plan {
  id: number;
  roundId: number;
  potId: number;
  title: string;
  description: string;
  costEur: number | null;
  feasibility: Feasibility;
  reason: string | null;
  alternativeRoute: string | null;
  alternativeDetails: string | null;
  ideas: { id: number; trackingCode: string; title: string }[];
  /** The responsible department (slug): the plan's own, else its department pot's; null when none is named yet. */
  department: string | null;
  /** The activity the funded plan became when its implementation started. */
  activityId: number | null;
  /** The implementation's milestones, by date (the activity's). */
  milestones: ActivityMilestone[];
  /** Per Kehrä group or partnership table that ranked one of its ideas, the best rank among them. */
  rankings: Ranking[];
}

// ---- implementation ------------------------------------------------------------------------

/** POST /api/budgeting/plans/:planId/implementation: a funded plan becomes its department's activity. */
export const ImplementationBody = z
  .object({
    department: Slug('department must be a department slug').optional(),
  })
  .strict();
export type ImplementationBody = z.infer<typeof ImplementationBody>;

const MilestoneDate = z.iso.date({ error: 'date must be an ISO 8601 date (2031-06-01)' });

const milestoneShape = {
  titleFi: PlainText('titleFi', 300),
  titleSv: PlainText('titleSv', 300).optional(),
  titleEn: PlainText('titleEn', 300).optional(),
  date: MilestoneDate,
  done: z.boolean({ error: 'done must be true or false' }),
};

/** POST /api/budgeting/plans/:planId/milestones. */
export const MilestoneBody = z.object({ ...milestoneShape, done: milestoneShape.done.default(false) }).strict();
export type MilestoneBody = z.infer<typeof MilestoneBody>;

/** PATCH /api/budgeting/plans/:planId/milestones/:milestoneId: what it names changes, e.g. `{ "done": true }`. */
export const MilestonePatchBody = z
  .object(milestoneShape)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export type MilestonePatchBody = z.infer<typeof MilestonePatchBody>;

// ---- ballots -------------------------------------------------------------------------------

/** What the voter declares about themselves; checked against the round's eligibility. */
export const Declaration = z
  .object({
    age: z
      .number({ error: 'declaration.age must be a whole number' })
      .int('declaration.age must be a whole number')
      .min(0)
      .max(130),
    residenceAreaId: Id('declaration.residenceAreaId'),
  })
  .strict();

export const BallotBody = z
  .object({
    planIds: z
      .array(Id('planIds[]'))
      .min(1, 'planIds must name at least one plan')
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'planIds must not name a plan twice'),
    declaration: Declaration,
  })
  .strict();
export type BallotBody = z.infer<typeof BallotBody>;

/** A paper ballot: the official enters it with the voter's reference on the paper voter roll. */
export const PaperBallotBody = BallotBody.extend({ paperRef: PlainText('paperRef', 100) }).strict();
export type PaperBallotBody = z.infer<typeof PaperBallotBody>;

/** The receipt: nothing about the choices, so it can be shown or logged without revealing them. */
export interface BallotReceipt {
  roundId: number;
  potId: number;
  replaced: boolean;
  paper: boolean;
}

/** The signed-in voter's own ballot in a pot (GET …/pots/:potId/ballot): shown only to them. */
export interface OwnBallot {
  roundId: number;
  potId: number;
  planIds: number[];
}

// ---- results -------------------------------------------------------------------------------

export interface PotResult {
  potId: number;
  amountEur: number;
  fundedEur: number;
  remainingEur: number;
  ballots: number;
  plans: PlanResult[];
}

/** One plan's place in its pot's result. */
export interface PlanResult {
  planId: number;
  title: string;
  costEur: number;
  votes: number;
  position: number;
  funded: boolean;
  /** Why a plan was skipped (null for a funded plan). */
  reason: string | null;
}

export interface RoundResults {
  roundId: number;
  computedAt: string;
  rule: string;
  pots: PotResult[];
}

// ---- open data -----------------------------------------------------------------------------

export const PlansQuery = z
  .object({
    bbox: BboxParam().optional(),
    area: idList('area').optional(),
    round: idList('round').optional(),
    feasibility: enumList('feasibility', FEASIBILITIES).optional(),
    limit: IntParam('limit', 1, 10_000).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict();
export type PlansQuery = z.output<typeof PlansQuery>;
export type PlanFilter = Pick<PlansQuery, 'bbox' | 'area' | 'round' | 'feasibility'>;

export const PLAN_CSV_COLUMNS = [
  'id',
  'roundId',
  'roundName',
  'potId',
  'potName',
  'title',
  'costEur',
  'feasibility',
  'reason',
  'alternativeRoute',
  'ideas',
  'votes',
  'funded',
  'department',
  'activityId',
  'lon',
  'lat',
  'wkt',
] as const;

/** GET /api/budgeting/results: every computed result, per pot, one row per plan on its ballot. */
export const ResultsQuery = z
  .object({
    bbox: BboxParam().optional(),
    area: idList('area').optional(),
    round: idList('round').optional(),
    pot: idList('pot').optional(),
    funded: enumList('funded', ['true', 'false']).optional(),
    limit: IntParam('limit', 1, 10_000).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict();
export type ResultsQuery = z.output<typeof ResultsQuery>;
export type ResultFilter = Pick<ResultsQuery, 'bbox' | 'area' | 'round' | 'pot' | 'funded'>;

export const RESULT_CSV_COLUMNS = [
  'planId',
  'roundId',
  'roundName',
  'potId',
  'potName',
  'potAmountEur',
  'title',
  'costEur',
  'votes',
  'position',
  'funded',
  'reason',
  'computedAt',
  'activityId',
  'lon',
  'lat',
  'wkt',
] as const;
