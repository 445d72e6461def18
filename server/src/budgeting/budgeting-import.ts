import type { Knex } from 'knex';
import { z } from 'zod';
import { IDEA_STAGES, type IdeaStage } from '../contracts/ideas.js';
import { generateTrackingCode } from '../ideas/tracking-code.js';
import { FEASIBILITIES } from '../contracts/budgeting.js';

/**
 * Proposals of an earlier round from another system (e.g. a Decidim open-data export), as CSV or
 * GeoJSON, with a field mapping:
 *
 *   { "roundId": 3, "source": "decidim-2021", "idField": "id", "titleField": "title/fi",
 *     "textField": "body/fi", "lonField": "longitude", "latField": "latitude", "districtField": "scope",
 *     "stateField": "state", "states": { "accepted": { "stage": "decision", "feasibility": "feasible" } },
 *     "planField": "budget_project", "budgetField": "budget_amount", "themes": ["community"] }
 *
 * Each row becomes an idea entered into the round (placed at its point, or its district's area);
 * rows naming the same plan become one plan whose cost is the sum of their budgets. The source and
 * row id key every idea and plan, so a second run finds them and changes nothing.
 */
export const BudgetingImportMapping = z
  .object({
    roundId: z.number({ error: 'roundId must be the id of the round to bring the proposals into' }).int().positive(),
    source: z.string().regex(/^[a-z0-9][a-z0-9:_-]*$/, 'source is a short lower-case name, e.g. decidim-2021'),
    idField: z.string({ error: 'idField must name the column of each proposal’s id' }),
    titleField: z.string({ error: 'titleField must name the column of the title' }),
    textField: z.string().optional(),
    lonField: z.string().optional(),
    latField: z.string().optional(),
    districtField: z.string().optional(),
    stateField: z.string().optional(),
    /** The source's states (matched without case) to the idea's stage and the plan's feasibility. */
    states: z
      .record(
        z.string(),
        z
          .object({
            stage: z.enum(IDEA_STAGES, { error: `states[].stage must be one of: ${IDEA_STAGES.join(', ')}` }).optional(),
            feasibility: z.enum(FEASIBILITIES).optional(),
          })
          .strict(),
      )
      .default({}),
    planField: z.string().optional(),
    budgetField: z.string().optional(),
    themes: z.array(z.string()).default([]),
  })
  .strict()
  .refine((m) => (m.lonField === undefined) === (m.latField === undefined), {
    message: 'give both lonField and latField, or neither',
    path: ['lonField'],
  })
  .refine((m) => m.lonField || m.districtField, {
    message: 'give lonField and latField or districtField: each proposal needs a place',
    path: ['districtField'],
  });
export type BudgetingImportMapping = z.output<typeof BudgetingImportMapping>;

export interface BudgetingImportSummary {
  rows: number;
  ideasCreated: number;
  ideasUnchanged: number;
  plansCreated: number;
  plansUpdated: number;
  plansUnchanged: number;
}

type Row = { values: Record<string, string>; geometry: unknown | null };

/** A row as checked: what an idea and its plan are made of. */
interface Checked {
  id: string;
  title: string;
  text: string;
  geoJson: string;
  areaId: number | null;
  budget: number | null;
  state: { stage?: IdeaStage; feasibility?: (typeof FEASIBILITIES)[number] } | undefined;
  plan: string;
}

/**
 * RFC 4180 CSV (quoted fields, "" inside quotes, CRLF or LF, an optional BOM): rows of named values.
 * `,` or `;` (Decidim and Finnish Excel write `;`), whichever the header line has more of.
 */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  const head = s.split(/\r?\n/, 1)[0];
  const sep = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field || record.length) endRecord();
  const [header, ...body] = records.filter((r) => r.some((v) => v.trim() !== ''));
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/** The rows of a CSV or GeoJSON text (a GeoJSON feature's properties, with its geometry). */
export function readRows(text: string): Row[] {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) {
    const fc = JSON.parse(t) as { features?: { properties?: Record<string, unknown>; geometry?: unknown }[] };
    if (!Array.isArray(fc.features)) throw new Error('the GeoJSON is not a FeatureCollection');
    return fc.features.map((f) => ({
      values: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)])),
      geometry: f.geometry ?? null,
    }));
  }
  return parseCsv(t).map((values) => ({ values, geometry: null }));
}

const importError = (message: string) => Object.assign(new Error(message), { importError: true });

/** Every column the mapping names must be in the file: a mistyped mapping fails before anything is written. */
function checkColumns(m: BudgetingImportMapping, rows: Row[]): void {
  const named = (
    [
      ['idField', m.idField],
      ['titleField', m.titleField],
      ['textField', m.textField],
      ['lonField', m.lonField],
      ['latField', m.latField],
      ['districtField', m.districtField],
      ['stateField', m.stateField],
      ['planField', m.planField],
      ['budgetField', m.budgetField],
    ] as const
  ).filter(([, col]) => col !== undefined);
  const columns = new Set(rows.flatMap((r) => Object.keys(r.values)));
  const missing = named.filter(([, col]) => !columns.has(col!));
  if (missing.length) {
    throw importError(
      `the mapping names columns the file does not have: ${missing.map(([k, c]) => `${k} "${c}"`).join(', ')} (the file has: ${[...columns].join(', ')})`,
    );
  }
}

export async function importBudgetingProposals(
  knex: Knex,
  text: string,
  m: BudgetingImportMapping,
): Promise<BudgetingImportSummary> {
  const rows = readRows(text);
  if (!rows.length) throw importError('the file has no rows');
  checkColumns(m, rows);
  const { rows: round } = await knex.raw('SELECT id FROM budgeting_rounds WHERE id = ?', [m.roundId]);
  if (!round[0]) throw importError(`roundId: no budgeting round has id ${m.roundId}`);
  const pots = (await knex.raw('SELECT id FROM budgeting_pots WHERE round_id = ? ORDER BY sort_order, id', [m.roundId])).rows;
  const states = new Map(Object.entries(m.states).map(([k, v]) => [k.toLowerCase(), v]));

  // Check every row before writing any: a bad row names itself and nothing changes.
  const checked: Checked[] = [];
  for (const [i, r] of rows.entries()) {
    const at = `row ${i + 2}`;
    const v = (col: string | undefined) => (col ? (r.values[col] ?? '') : '');
    const id = v(m.idField);
    const title = v(m.titleField);
    if (!id) throw importError(`${at}: ${m.idField} (the id) is empty`);
    if (!title) throw importError(`${at}: ${m.titleField} (the title) is empty`);
    let geoJson: string;
    let areaId: number | null = null;
    const lon = Number(v(m.lonField).replace(',', '.'));
    const lat = Number(v(m.latField).replace(',', '.'));
    if (r.geometry) geoJson = JSON.stringify(r.geometry);
    else if (m.lonField && v(m.lonField) && Number.isFinite(lon) && Number.isFinite(lat)) {
      geoJson = JSON.stringify({ type: 'Point', coordinates: [lon, lat] });
    } else if (v(m.districtField)) {
      const { rows: a } = await knex.raw(
        `SELECT id, ST_AsGeoJSON(geom)::text AS g FROM areas WHERE lower(name_fi) = lower(?) OR lower(name_sv) = lower(?)
          ORDER BY CASE level WHEN 'peruspiiri' THEN 0 WHEN 'osa_alue' THEN 1 ELSE 2 END, id LIMIT 1`,
        [v(m.districtField), v(m.districtField)],
      );
      if (!a[0]) throw importError(`${at}: ${m.districtField} "${v(m.districtField)}" is no district's name`);
      areaId = a[0].id;
      geoJson = a[0].g;
    } else {
      throw importError(`${at}: no place (neither coordinates nor a district name)`);
    }
    const budgetText = v(m.budgetField).replace(/[\s€]/g, '');
    const budget = budgetText ? Number(budgetText) : null;
    if (budget !== null && !(Number.isInteger(budget) && budget >= 0)) {
      throw importError(`${at}: ${m.budgetField} "${v(m.budgetField)}" is not a whole number of euros`);
    }
    const stateText = v(m.stateField).toLowerCase();
    const state = stateText ? states.get(stateText) : undefined;
    if (stateText && !state && Object.keys(m.states).length) {
      throw importError(
        `${at}: ${m.stateField} "${stateText}" is not in the mapping's states (${Object.keys(m.states).join(', ')})`,
      );
    }
    checked.push({ id, title, text: v(m.textField), geoJson, areaId, budget, state, plan: v(m.planField) });
  }
  if (checked.some((c) => c.plan) && pots.length !== 1) {
    throw importError(`planField: round ${m.roundId} has ${pots.length} pots; plans are imported into a round of one pot`);
  }

  const summary: BudgetingImportSummary = {
    rows: rows.length,
    ideasCreated: 0,
    ideasUnchanged: 0,
    plansCreated: 0,
    plansUpdated: 0,
    plansUnchanged: 0,
  };
  await knex.transaction(async (trx) => {
    const key = (kind: 'idea' | 'plan', externalId: string) =>
      trx
        .raw('SELECT target_id FROM budgeting_imports WHERE round_id = ? AND source = ? AND kind = ? AND external_id = ?', [
          m.roundId,
          m.source,
          kind,
          externalId,
        ])
        .then((x) => (x.rows[0]?.target_id as number | undefined) ?? null);
    const remember = (kind: 'idea' | 'plan', externalId: string, id: number) =>
      trx.raw('INSERT INTO budgeting_imports (round_id, source, kind, external_id, target_id) VALUES (?, ?, ?, ?, ?)', [
        m.roundId,
        m.source,
        kind,
        externalId,
        id,
      ]);
    const ideaOf = new Map<string, number>();
    for (const c of checked) {
      let ideaId = await key('idea', c.id);
      if (ideaId === null) {
        const stage: IdeaStage = c.state?.stage ?? 'submitted';
        const { rows: made } = await trx.raw(
          `WITH idea AS (
             INSERT INTO ideas (tracking_code, title, description, cost_estimate_eur, picked_area_id, stage, geom)
             VALUES (?, ?, ?, ?, ?, ?, ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326)) RETURNING id
           ),
           themed AS (INSERT INTO idea_themes (idea_id, theme_id) SELECT idea.id, t.id FROM idea, themes t WHERE t.slug = ANY(?::text[])),
           staged AS (INSERT INTO idea_stage_events (idea_id, from_stage, to_stage, reason)
                      SELECT id, NULL, ?, ? FROM idea)
           SELECT id FROM idea`,
          [
            generateTrackingCode(),
            c.title,
            c.text,
            c.budget,
            c.areaId,
            stage,
            c.geoJson,
            m.themes,
            stage,
            `Tuotu aiemmalta osallistuvan budjetoinnin kierrokselta (${m.source}, ${c.id}).`,
          ],
        );
        ideaId = made[0].id as number;
        await remember('idea', c.id, ideaId);
        summary.ideasCreated++;
      } else summary.ideasUnchanged++;
      await trx.raw('INSERT INTO budgeting_proposals (round_id, idea_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
        m.roundId,
        ideaId,
      ]);
      ideaOf.set(c.id, ideaId);
    }

    // Plans: the rows naming one, together; its cost the sum of their budgets, its feasibility the rows' state.
    const plans = new Map<string, Checked[]>();
    for (const c of checked) if (c.plan) plans.set(c.plan, [...(plans.get(c.plan) ?? []), c]);
    for (const [name, members] of plans) {
      const ideaIds = members.map((c) => ideaOf.get(c.id)!);
      const cost = members.some((c) => c.budget !== null) ? members.reduce((a, c) => a + (c.budget ?? 0), 0) : null;
      const feasibility = members.map((c) => c.state?.feasibility).find((f) => f) ?? 'pending';
      let planId = await key('plan', name);
      const created = planId === null;
      if (planId === null) {
        const { rows: made } = await trx.raw(
          `INSERT INTO budgeting_plans (round_id, pot_id, title, cost_eur, feasibility, geom)
           SELECT ?, ?, ?, ?, ?, ST_ConvexHull(ST_Collect(geom)) FROM ideas WHERE id = ANY(?::int[]) RETURNING id`,
          [m.roundId, pots[0].id, name, cost, feasibility, ideaIds],
        );
        planId = made[0].id as number;
        await remember('plan', name, planId);
        summary.plansCreated++;
      }
      const { rows: added } = await trx.raw(
        `INSERT INTO budgeting_plan_ideas (plan_id, idea_id) SELECT ?, x FROM unnest(?::int[]) AS x ON CONFLICT DO NOTHING
         RETURNING idea_id`,
        [planId, ideaIds],
      );
      const { rows: changed } = await trx.raw(
        `UPDATE budgeting_plans SET cost_eur = ?, feasibility = ? WHERE id = ?
            AND (cost_eur IS DISTINCT FROM ?::bigint OR feasibility IS DISTINCT FROM ?) RETURNING id`,
        [cost, feasibility, planId, cost, feasibility],
      );
      if (created) continue;
      if (added.length || changed.length) summary.plansUpdated++;
      else summary.plansUnchanged++;
    }
  });
  return summary;
}
