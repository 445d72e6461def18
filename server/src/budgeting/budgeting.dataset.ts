import { areaMembershipOf } from '../areas/area-membership.js';
import { defineDataset } from '../collections/dataset.js';
import { and, anyOf, areaLinkWhere, bboxWhere, isoTime, raw, type Sql } from '../collections/sql.js';
import {
  FEASIBILITIES,
  PLAN_CSV_COLUMNS,
  PlansQuery,
  RESULT_CSV_COLUMNS,
  ResultsQuery,
  type PlanFilter,
  type ResultFilter,
} from '../contracts/budgeting.js';

export const planAreas = areaMembershipOf('budgeting_plans');

/** WHERE over `budgeting_plans p`; every value bound. */
export const planWhere = (f: PlanFilter): Sql =>
  and([
    f.bbox && bboxWhere('p.geom', f.bbox),
    f.area && areaLinkWhere(planAreas, 'p', f.area),
    f.round && anyOf('p.round_id', f.round, 'int'),
    f.feasibility && anyOf('p.feasibility', f.feasibility),
  ]);

/** The responsible department's slug of `budgeting_plans ${alias}`: its own, else its department pot's. */
export const planDepartmentSql = (alias: string) =>
  `(SELECT d.slug FROM departments d
     WHERE d.id = coalesce(${alias}.department_id, (SELECT pt.department_id FROM budgeting_pots pt WHERE pt.id = ${alias}.pot_id)))`;

const ideaCodes = (agg: 'json' | 'text') =>
  agg === 'json'
    ? `coalesce((SELECT json_agg(i.tracking_code ORDER BY i.id) FROM budgeting_plan_ideas pi JOIN ideas i ON i.id = pi.idea_id
                  WHERE pi.plan_id = p.id), '[]'::json)`
    : `(SELECT string_agg(i.tracking_code, ';' ORDER BY i.id) FROM budgeting_plan_ideas pi JOIN ideas i ON i.id = pi.idea_id
         WHERE pi.plan_id = p.id)`;

/**
 * A plan with its result. Votes and funding exist only once results are computed, which the
 * service allows only after voting has closed: the open data never shows running totals.
 */
const planArgs = (agg: 'json' | 'text') => `'id', p.id, 'roundId', p.round_id, 'roundName', r.name_fi, 'potId', p.pot_id,
  'potName', pt.name_fi, 'title', p.title, 'costEur', p.cost_eur::float8, 'feasibility', p.feasibility, 'reason', p.reason,
  'alternativeRoute', p.alternative_route, 'ideas', ${ideaCodes(agg)}, 'votes', rp.votes, 'funded', rp.funded,
  'department', ${planDepartmentSql('p')}, 'activityId', p.activity_id`;

export const budgetingPlansDataset = defineDataset<PlanFilter>({
  id: 'budgeting-plans',
  path: 'budgeting/plans',
  source: {
    table: 'budgeting_plans',
    alias: 'p',
    joins: `JOIN budgeting_rounds r ON r.id = p.round_id JOIN budgeting_pots pt ON pt.id = p.pot_id
            LEFT JOIN budgeting_result_plans rp ON rp.plan_id = p.id`,
  },
  orderBy: 'p.id',
  query: PlansQuery,
  where: planWhere,
  listProps: raw(`json_build_object(${planArgs('json')})`),
  fullProps: raw(`json_build_object(${planArgs('text')})`),
  csv: { columns: PLAN_CSV_COLUMNS },
  limits: { list: 1000, export: 100_000 },
  ogc: {
    title: 'Osallistuvan budjetoinnin suunnitelmat (participatory budgeting plans)',
    description:
      'Plans of participatory budgeting rounds, merged from residents’ ideas: pot, cost estimate, feasibility and, once voting has closed, votes and whether the plan was funded.',
    filters: [],
    // Votes and funding are there only once results are published (null before), as in the list.
    queryables: [
      { name: 'id', sql: 'p.id', type: 'integer' },
      { name: 'roundId', sql: 'p.round_id', type: 'integer' },
      { name: 'potId', sql: 'p.pot_id', type: 'integer' },
      { name: 'title', sql: 'p.title', type: 'string' },
      { name: 'costEur', sql: 'p.cost_eur', type: 'number' },
      { name: 'feasibility', sql: 'p.feasibility', type: 'string', enum: FEASIBILITIES },
      { name: 'votes', sql: 'rp.votes', type: 'integer' },
      { name: 'funded', sql: 'rp.funded', type: 'boolean' },
      { name: 'activityId', sql: 'p.activity_id', type: 'integer' },
    ],
  },
});

/** WHERE over a result row (`budgeting_plans p` joined to its `budgeting_result_plans rp`); every value bound. */
export const resultWhere = (f: ResultFilter): Sql =>
  and([
    planWhere(f),
    f.pot && anyOf('rp.pot_id', f.pot, 'int'),
    // One value is a filter; both are every row.
    f.funded?.length === 1 && anyOf('rp.funded::text', f.funded),
  ]);

const resultProps = raw(`json_build_object('planId', p.id, 'roundId', p.round_id, 'roundName', r.name_fi, 'potId', rp.pot_id,
  'potName', pt.name_fi, 'potAmountEur', pt.amount_eur::float8, 'title', p.title, 'costEur', p.cost_eur::float8,
  'votes', rp.votes, 'position', rp.position, 'funded', rp.funded, 'reason', rp.reason,
  'computedAt', ${isoTime('res.computed_at')}, 'activityId', p.activity_id)`);

/**
 * The results: per pot, each plan that was on the ballot with its votes, its place in the ranking,
 * funded or skipped and why. A row is a plan (a plan is in one pot), at the plan's place; there
 * are rows only once a round's results are computed, which is only after voting has closed.
 */
export const budgetingResultsDataset = defineDataset<ResultFilter>({
  id: 'budgeting-results',
  path: 'budgeting/results',
  source: {
    table: 'budgeting_plans',
    alias: 'p',
    joins: `JOIN budgeting_result_plans rp ON rp.plan_id = p.id JOIN budgeting_results res ON res.round_id = rp.round_id
            JOIN budgeting_rounds r ON r.id = p.round_id JOIN budgeting_pots pt ON pt.id = rp.pot_id`,
  },
  orderBy: 'p.round_id, rp.pot_id, rp.position, p.id',
  query: ResultsQuery,
  where: resultWhere,
  listProps: resultProps,
  csv: { columns: RESULT_CSV_COLUMNS },
  limits: { list: 1000, export: 100_000 },
  ogc: {
    title: 'Osallistuvan budjetoinnin tulokset (participatory budgeting results)',
    description:
      'Results of participatory budgeting rounds, per pot: each plan on the ballot with its votes, its place in the ranking, whether it was funded and, if skipped, why.',
    filters: [],
    queryables: [
      { name: 'planId', sql: 'p.id', type: 'integer' },
      { name: 'roundId', sql: 'p.round_id', type: 'integer' },
      { name: 'potId', sql: 'rp.pot_id', type: 'integer' },
      { name: 'title', sql: 'p.title', type: 'string' },
      { name: 'costEur', sql: 'p.cost_eur', type: 'number' },
      { name: 'votes', sql: 'rp.votes', type: 'integer' },
      { name: 'position', sql: 'rp.position', type: 'integer' },
      { name: 'funded', sql: 'rp.funded', type: 'boolean' },
      { name: 'reason', sql: 'rp.reason', type: 'string' },
    ],
  },
});
