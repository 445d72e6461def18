/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements a map request sends, as captured: the plan's top
 * node, its time, and what would not stay fast as the table grows — a sequential scan of
 * activities, or a sort of (nearly) the whole table.
 */
import type { Replay, Statement } from './replay.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

function* nodes(n: PlanNode): Generator<PlanNode> {
  yield n;
  for (const c of n.Plans ?? []) yield* nodes(c);
}

export interface PlanSummary {
  top: string;
  ms: number;
  flags: string[];
}

/** The plan of one statement; `tableRows` is the activities table's size, for "the whole table". */
export async function explain(r: Replay, s: Statement, tableRows: number): Promise<PlanSummary> {
  const { rows } = await r.query({ sql: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, bindings: s.bindings });
  const raw = rows[0]['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode; 'Execution Time': number }[];
  const root = plan[0].Plan;
  const flags: string[] = [];
  for (const n of nodes(root)) {
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'activities')
      flags.push(`Seq Scan on activities (${n['Actual Rows']} rows)`);
    const sorted = (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1);
    if (n['Node Type'] === 'Sort' && sorted >= tableRows * 0.5)
      flags.push(`Sort of ${sorted} rows (${(n['Sort Key'] ?? []).join(', ').slice(0, 60)})`);
  }
  return { top: root['Node Type'], ms: plan[0]['Execution Time'], flags };
}

/** The statements worth a plan: those that read activities (not the revision or reference checks). */
export const readsActivities = (s: Statement) => /\bactivities\s+t\b/.test(s.sql) && /^\s*(WITH|SELECT)/i.test(s.sql);
