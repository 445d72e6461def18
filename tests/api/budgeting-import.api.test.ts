/**
 * The importer of earlier rounds' proposals (server/src/budgeting/budgeting-import.ts) on a small
 * Decidim-like CSV export: ideas placed by coordinates or district name, states and budgets mapped,
 * plans grouped; a second run changes nothing, and a bad mapping fails with a clear error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import {
  BudgetingImportMapping,
  importBudgetingProposals,
  type BudgetingImportSummary,
} from '../../server/src/budgeting/budgeting-import.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/budgeting');
const csv = fs.readFileSync(path.join(FIXTURES, 'decidim-proposals-2021.csv'), 'utf8');
const mappingJson = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'decidim-mapping.json'), 'utf8'));

let db: TestDatabase;
let server: TestServer;
let visitor: TestAgent;
let roundId: number;
const mapping = (over: Record<string, unknown> = {}) => BudgetingImportMapping.parse({ ...mappingJson, roundId, ...over });

const snapshot = async () =>
  (
    await db.knex.raw(`SELECT (SELECT count(*) FROM ideas)::int AS ideas, (SELECT count(*) FROM idea_stage_events)::int AS events,
                              (SELECT count(*) FROM budgeting_proposals)::int AS proposals,
                              (SELECT count(*) FROM budgeting_plans)::int AS plans,
                              (SELECT count(*) FROM budgeting_plan_ideas)::int AS "planIdeas",
                              (SELECT json_agg(json_build_object('id', id, 'cost', cost_eur, 'f', feasibility) ORDER BY id)
                                 FROM budgeting_plans) AS "planRows"`)
  ).rows[0];

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  visitor = new TestAgent(server.url);
  const official = new TestAgent(
    server.url,
    await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['official'], departments: ['kymp'] })),
  );
  // The earlier round, made as any round is, with its dates in the past.
  const phases = ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'];
  const res = await official.post('/api/budgeting/rounds', {
    nameFi: 'OmaStadi 2021',
    purpose: 'allocating_funds',
    totalEur: 1_000_000,
    ballot: { type: 'knapsack' },
    allocation: { way: 'project', projects: [{ nameFi: 'Koko kaupunki', amountEur: 1_000_000 }] },
    phases: Object.fromEntries(phases.map((p, i) => [p, `2021-0${i + 1}-01T00:00:00Z`])),
  });
  expect(res.status).toBe(201);
  roundId = (await res.json()).id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('importing an earlier round’s proposals', () => {
  let first: BudgetingImportSummary;

  it('makes each row an idea of the round, placed by its point or its district, with plans grouped', async () => {
    first = await importBudgetingProposals(db.knex, csv, mapping());
    expect(first).toEqual({ rows: 7, ideasCreated: 7, ideasUnchanged: 0, plansCreated: 4, plansUpdated: 0, plansUnchanged: 0 });
    const proposals = await (await visitor.get(`/api/budgeting/rounds/${roundId}/proposals`)).json();
    expect(proposals.map((p: { title: string }) => p.title)).toContain('Penkkejä Kallion puistoihin');
    expect(proposals).toHaveLength(7);

    const { rows } = await db.knex.raw(
      `SELECT i.title, i.description, i.stage, i.cost_estimate_eur AS cost, a.name_fi AS picked, GeometryType(i.geom) AS type,
              ST_X(ST_PointOnSurface(i.geom)) AS x
         FROM budgeting_imports bi JOIN ideas i ON i.id = bi.target_id LEFT JOIN areas a ON a.id = i.picked_area_id
        WHERE bi.kind = 'idea' ORDER BY bi.external_id`,
    );
    // 101 by its coordinates; 103 by its district's name only; the quoted text with ; and "" and a line break kept.
    expect(rows[0]).toMatchObject({ title: 'Penkkejä Kallion puistoihin', stage: 'decision', cost: 12000, type: 'POINT' });
    expect(rows[0].description).toBe('Lisää penkkejä; erityisesti "Karhupuistoon".');
    expect(rows[0].x).toBeCloseTo(24.9497, 4);
    expect(rows[2]).toMatchObject({ title: 'Koirapuisto Vironniemeen', stage: 'not_taken_forward', picked: 'Vironniemi' });
    expect(rows[2].type).toMatch(/POLYGON/);
    expect(rows[3].description).toBe('Rauhallinen nurkkaus,\njossa nojatuolit.');
    expect(rows[5]).toMatchObject({ title: 'Uimalaituri Lauttasaareen', cost: null, picked: 'Lauttasaari' });
    // The idea's public timeline says where it came from.
    const ideaId = (await db.knex.raw(`SELECT target_id FROM budgeting_imports WHERE kind = 'idea' AND external_id = '103'`))
      .rows[0].target_id;
    const idea = await (await visitor.get(`/api/ideas/${ideaId}`)).json();
    expect(idea.timeline[0].reason).toBe('Tuotu aiemmalta osallistuvan budjetoinnin kierrokselta (decidim-2021, 103).');
    expect(idea.properties.areas.some((a: { nameFi: string }) => a.nameFi === 'Vironniemi')).toBe(true);

    // "Puistojen penkit" holds 101 and 102: its cost is their budgets' sum; states give feasibility.
    const plans = await (await visitor.get(`/api/budgeting/rounds/${roundId}/plans`)).json();
    const byTitle = Object.fromEntries(plans.map((p: { title: string }) => [p.title, p]));
    expect(Object.keys(byTitle).sort()).toEqual(['Kenttävalot', 'Lukunurkkaus', 'Puistojen penkit', 'Pyörätelineet']);
    expect(byTitle['Puistojen penkit']).toMatchObject({ costEur: 20_000, feasibility: 'feasible' });
    expect(byTitle['Puistojen penkit'].ideas).toHaveLength(2);
    expect(byTitle['Lukunurkkaus']).toMatchObject({ costEur: 5_000, feasibility: 'pending' });
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    const again = await importBudgetingProposals(db.knex, csv, mapping());
    expect(again).toEqual({ rows: 7, ideasCreated: 0, ideasUnchanged: 7, plansCreated: 0, plansUpdated: 0, plansUnchanged: 4 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bad mapping or row with an error naming it, and writes nothing', async () => {
    const before = await snapshot();
    await expect(importBudgetingProposals(db.knex, csv, mapping({ titleField: 'otsikko' }))).rejects.toThrow(
      /^the mapping names columns the file does not have: titleField "otsikko"/,
    );
    await expect(importBudgetingProposals(db.knex, csv, mapping({ roundId: 999_999 }))).rejects.toThrow(
      'roundId: no budgeting round has id 999999',
    );
    await expect(importBudgetingProposals(db.knex, csv, mapping({ states: { accepted: {} } }))).rejects.toThrow(
      /^row 4: state "rejected" is not in the mapping's states/,
    );
    const badDistrict = csv.replace(';Vironniemi;', ';Atlantis;');
    await expect(importBudgetingProposals(db.knex, badDistrict, mapping({ source: 'other' }))).rejects.toThrow(
      'row 4: scope/name/fi "Atlantis" is no district\'s name',
    );
    const badBudget = csv.replace(';25000;', ';paljon;');
    await expect(importBudgetingProposals(db.knex, badBudget, mapping({ source: 'other' }))).rejects.toThrow(
      /^row 4: budget_amount "paljon" is not a whole number of euros/,
    );
    const noPlace = BudgetingImportMapping.safeParse({
      ...mappingJson,
      roundId,
      lonField: undefined,
      latField: undefined,
      districtField: undefined,
    });
    expect(noPlace.success).toBe(false);
    expect(noPlace.error!.issues[0]).toMatchObject({ path: ['districtField'] });
    expect(BudgetingImportMapping.safeParse({ ...mappingJson, roundId, source: 'Iso Nimi' }).error!.issues[0].path).toEqual([
      'source',
    ]);
    expect(await snapshot()).toEqual(before);
  });
});
