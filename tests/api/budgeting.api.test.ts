import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import * as budgeting from '../../server/src/budgeting/budgeting.service.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

const SECRET = 'budjetoinnin-testisalaisuus-32-merkkia-tai-yli';
const DAY = 86_400_000;
/** The phases of every round here: ten days each from 1 March 2031. */
const START = Date.parse('2031-03-01T00:00:00Z');
const PHASE_ORDER = ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'] as const;
const phases = Object.fromEntries(
  PHASE_ORDER.map((p, i) => [p, new Date(START + i * 10 * DAY).toISOString().replace('.000Z', 'Z')]),
);
/** The clock every phase is read by; `during(phase)` moves it to that phase's second day. */
let now = new Date(START - DAY);
const during = (p: (typeof PHASE_ORDER)[number] | 'upcoming') => {
  now = p === 'upcoming' ? new Date(START - DAY) : new Date(START + PHASE_ORDER.indexOf(p) * 10 * DAY + DAY);
};
const settings: budgeting.BudgetingSettings = { ballotSecret: SECRET, now: () => now };

let db: TestDatabase;
let server: TestServer;
let official: TestAgent;
let admin: TestAgent;
let resident: TestAgent;
let residentId: number;
let residentEmail: string;
let visitor: TestAgent;
let suurpiirit: { id: number; name_fi: string }[];

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 400)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const count = async (table: string, where = 'true', bindings: unknown[] = []) =>
  (await db.knex.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, bindings as never[])).rows[0].n as number;
const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
  new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));

const round = (over: Record<string, unknown> = {}) => ({
  nameFi: 'Testikierros',
  nameSv: 'Testomgång',
  purpose: 'allocating_funds',
  totalEur: 1_000_000,
  ballot: { type: 'knapsack' },
  phases,
  allocation: { way: 'project', projects: [{ nameFi: 'Yhteinen hanke', amountEur: 500_000 }] },
  ...over,
});
/** A point well inside an area, and one a metre or so east of it. */
const pointIn = async (areaId: number, dx = 0): Promise<[number, number]> => {
  const { rows } = await db.knex.raw(
    'SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM areas WHERE id = ?',
    [areaId],
  );
  return [rows[0].x + dx, rows[0].y];
};
const idea = async (title: string, at: [number, number]) =>
  (
    await json(
      await visitor.post('/api/ideas', {
        title,
        description: 'Idea osallistuvaan budjetointiin.',
        themes: ['community'],
        geometry: { type: 'Point', coordinates: at },
      }),
      201,
    )
  ).id as number;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, {
    auth: { scryptLogN: 12, rateLimits: 'idea.ip=10000/1h' },
    budgeting: settings,
  });
  official = await agent({ roles: ['official'], departments: ['kymp'] });
  admin = await agent({ roles: ['admin'] });
  residentEmail = `asukas-${Date.now()}@example.test`;
  residentId = await createTestAccount(db.knex, { roles: ['resident'], email: residentEmail, displayName: 'Aino Asukas' });
  resident = new TestAgent(server.url, await createTestSession(db.knex, residentId));
  visitor = new TestAgent(server.url);
  suurpiirit = (await db.knex.raw(`SELECT id, name_fi FROM areas WHERE level = 'suurpiiri' ORDER BY code, id`)).rows;
  expect(suurpiirit.length).toBeGreaterThanOrEqual(2);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('rounds: each of the four ways makes its pots', () => {
  it('by department: a pot per department named', async () => {
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          allocation: {
            way: 'department',
            departments: [
              { department: 'kymp', amountEur: 300_000 },
              { department: 'kuva', amountEur: 200_000 },
            ],
          },
        }),
      ),
      201,
    );
    expect(
      r.pots.map((p: { kind: string; department: string; amountEur: number }) => [p.kind, p.department, p.amountEur]),
    ).toEqual([
      ['department', 'kymp', 300_000],
      ['department', 'kuva', 200_000],
    ]);
    expect(r.pots[0].nameFi).toBe('Kaupunkiympäristön toimiala');
    expect(r.phase).toBe('upcoming');
  });

  it('by district: a pot per district of the level, explicit amounts, an equal split of the rest and a city-wide pot', async () => {
    const [first] = suurpiirit;
    const r = await json(
      await admin.post(
        '/api/budgeting/rounds',
        round({
          allocation: {
            way: 'district',
            level: 'suurpiiri',
            cityWideEur: 100_000,
            amounts: [{ areaId: first.id, amountEur: 300_000 }],
          },
        }),
      ),
      201,
    );
    const n = suurpiirit.length;
    // 1 000 000 − 100 000 (city-wide) − 300 000 (explicit) = 600 000 split equally among the other n − 1.
    const share = Math.floor(600_000 / (n - 1));
    expect(r.pots).toHaveLength(n + 1);
    expect(r.pots[0]).toMatchObject({ kind: 'district', areaId: first.id, nameFi: first.name_fi, amountEur: 300_000 });
    for (const p of r.pots.slice(1, n)) expect(p).toMatchObject({ kind: 'district', amountEur: share });
    expect(r.pots[n]).toMatchObject({ kind: 'city_wide', nameFi: 'Koko kaupunki', amountEur: 100_000, areaId: null });
    expect(r.rule).toEqual({ level: 'suurpiiri', cityWideEur: 100_000, split: 'equal' });
    expect(new Set(r.pots.slice(0, n).map((p: { areaId: number }) => p.areaId))).toEqual(new Set(suurpiirit.map((a) => a.id)));
  });

  it('by district with a population split: what is left follows the districts’ population, to the euro', async () => {
    const [first] = suurpiirit;
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          allocation: {
            way: 'district',
            level: 'suurpiiri',
            split: 'population',
            cityWideEur: 100_000,
            amounts: [{ areaId: first.id, amountEur: 300_000 }],
          },
        }),
      ),
      201,
    );
    // The population each district card shows is what the split follows.
    const rest = suurpiirit.slice(1);
    const population = new Map<number, number>();
    for (const a of rest) population.set(a.id, (await json(await visitor.get(`/api/areas/${a.id}/statistics`), 200)).population);
    const all = [...population.values()].reduce((x, y) => x + y, 0);
    const districtPots = r.pots.filter((p: { kind: string }) => p.kind === 'district');
    expect(districtPots.find((p: { areaId: number }) => p.areaId === first.id).amountEur).toBe(300_000);
    const split = districtPots.filter((p: { areaId: number }) => p.areaId !== first.id);
    expect(split).toHaveLength(rest.length);
    // 1 000 000 − 100 000 − 300 000 = 600 000, every euro of it given out.
    expect(split.reduce((x: number, p: { amountEur: number }) => x + p.amountEur, 0)).toBe(600_000);
    for (const p of split) expect(Math.abs(p.amountEur - (600_000 * population.get(p.areaId)!) / all)).toBeLessThan(1.5);
    expect(r.rule).toMatchObject({ level: 'suurpiiri', split: 'population', populationYear: expect.any(Number) });
    expect(Object.keys(r.rule.populations).sort()).toEqual(rest.map((a) => String(a.id)).sort());

    // The round's page gives each district pot its residents and euros per resident, for the map's shading.
    const shown = await json(await visitor.get(`/api/budgeting/rounds/${r.id}`), 200);
    expect(shown.residentsYear).toBe(r.rule.populationYear);
    population.set(first.id, (await json(await visitor.get(`/api/areas/${first.id}/statistics`), 200)).population);
    for (const p of shown.pots.filter((x: { kind: string }) => x.kind === 'district')) {
      expect(p.residents).toBe(Math.round(population.get(p.areaId)!));
      expect(p.eurPerResident).toBeCloseTo(p.amountEur / p.residents, 2);
    }
    // The district card gives the same pot and euros per resident, before any results.
    for (const p of shown.pots.filter((x: { kind: string }) => x.kind === 'district').slice(0, 2)) {
      const card = await json(await visitor.get(`/api/areas/${p.areaId}/statistics`), 200);
      expect(card.project.budgeting.find((b: { roundId: number }) => b.roundId === r.id)).toEqual({
        roundId: r.id,
        nameFi: r.nameFi,
        nameSv: r.nameSv,
        nameEn: r.nameEn,
        potEur: p.amountEur,
        eurPerResident: p.eurPerResident,
        fundedEur: null,
      });
    }
    // The city-wide pot has no district, so no residents of its own.
    expect(shown.pots.find((x: { kind: string }) => x.kind === 'city_wide')).toMatchObject({
      residents: null,
      eurPerResident: null,
    });
  });

  it('refuses a population split, changing nothing, while a district has no population figure', async () => {
    const [, second] = suurpiirit;
    const saved = (await db.knex.raw('SELECT * FROM area_postal_shares WHERE area_id = ?', [second.id])).rows;
    expect(saved.length).toBeGreaterThan(0);
    await db.knex.raw('DELETE FROM area_postal_shares WHERE area_id = ?', [second.id]);
    try {
      const before = await count('budgeting_rounds');
      const body = await json(
        await official.post(
          '/api/budgeting/rounds',
          round({ allocation: { way: 'district', level: 'suurpiiri', split: 'population' } }),
        ),
        400,
      );
      expect(body.error.message).toBe(
        `allocation.amounts: split by population needs the population of every district without an amount; there is none for: ${second.name_fi}`,
      );
      expect(await count('budgeting_rounds')).toBe(before);
      // With that district's amount given, the rest is split by the population there is.
      const r = await json(
        await official.post(
          '/api/budgeting/rounds',
          round({
            allocation: {
              way: 'district',
              level: 'suurpiiri',
              split: 'population',
              amounts: [{ areaId: second.id, amountEur: 10_000 }],
            },
          }),
        ),
        201,
      );
      expect(r.pots.find((p: { areaId: number }) => p.areaId === second.id).amountEur).toBe(10_000);
      // That district shows no residents: its pot is not shaded by a figure there is not.
      expect(r.pots.find((p: { areaId: number }) => p.areaId === second.id)).toMatchObject({
        residents: null,
        eurPerResident: null,
      });
    } finally {
      await db.knex('area_postal_shares').insert(saved);
    }
  });

  it('by project: a pot per project', async () => {
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          allocation: {
            way: 'project',
            projects: [
              { nameFi: 'Puistojen penkit', nameEn: 'Park benches', amountEur: 40_000 },
              { nameFi: 'Koulujen pihat', amountEur: 60_000 },
            ],
          },
        }),
      ),
      201,
    );
    expect(
      r.pots.map((p: { kind: string; nameFi: string; nameEn: string | null; amountEur: number }) => [
        p.kind,
        p.nameFi,
        p.nameEn,
        p.amountEur,
      ]),
    ).toEqual([
      ['project', 'Puistojen penkit', 'Park benches', 40_000],
      ['project', 'Koulujen pihat', null, 60_000],
    ]);
  });

  it('by a percentage share of a named budget line', async () => {
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          allocation: { way: 'budget_line', lines: [{ nameFi: 'Nuorisotyö', lineAmountEur: 2_000_000, sharePercent: 12.5 }] },
        }),
      ),
      201,
    );
    // 12.5 % of 2 000 000 € = 250 000 €.
    expect(r.pots).toEqual([
      expect.objectContaining({
        kind: 'budget_line',
        nameFi: 'Nuorisotyö',
        amountEur: 250_000,
        lineAmountEur: 2_000_000,
        sharePercent: 12.5,
      }),
    ]);
  });

  it('refuses pots over the total, bad phases and unknown departments with a 400 naming the field, changing nothing', async () => {
    const before = await count('budgeting_rounds');
    const over = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({ totalEur: 100_000, allocation: { way: 'project', projects: [{ nameFi: 'Liian iso', amountEur: 120_000 }] } }),
      ),
      400,
    );
    expect(over.error.message).toBe("allocation: the pots total 120 000 €, more than the round's total budget of 100 000 €");
    const badPhases = await json(
      await official.post('/api/budgeting/rounds', round({ phases: { ...phases, voting: phases.proposals } })),
      400,
    );
    expect(badPhases.error.details[0].path).toEqual(['phases', 'voting']);
    const dept = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({ allocation: { way: 'department', departments: [{ department: 'nope', amountEur: 1 }] } }),
      ),
      400,
    );
    expect(dept.error.message).toBe('allocation.departments: unknown department(s): nope');
    const way = await json(await official.post('/api/budgeting/rounds', round({ allocation: { way: 'lottery' } })), 400);
    expect(way.error.message).toMatch(/allocation\.way must be one of: department, district, project, budget_line/);
    expect((await resident.post('/api/budgeting/rounds', round())).status).toBe(403);
    expect((await visitor.post('/api/budgeting/rounds', round())).status).toBe(401);
    expect(await count('budgeting_rounds')).toBe(before);
  });

  it('lists rounds publicly with their phase from the dates', async () => {
    during('voting');
    const list = await json(await visitor.get('/api/budgeting/rounds'), 200);
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(list.every((r: { phase: string }) => r.phase === 'voting')).toBe(true);
    const one = await json(await visitor.get(`/api/budgeting/rounds/${list[0].id}`), 200);
    expect(one).toMatchObject({ id: list[0].id, phase: 'voting', phases });
    expect(one.pots.length).toBeGreaterThan(0);
    expect((await visitor.get('/api/budgeting/rounds/999999')).status).toBe(404);
    during('upcoming');
  });
});

describe('a district round from ideas to plans to ballots to results', () => {
  let roundId: number;
  let potA: { id: number; amountEur: number };
  let cityPot: number;
  const plan: Record<string, number> = {};
  let voters: { agent: TestAgent; id: number }[];
  let ideaIds: number[];
  const declaration = () => ({ age: 30, residenceAreaId: suurpiirit[0].id });

  beforeAll(async () => {
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          nameFi: 'Suurpiirien kierros',
          totalEur: 1_000_000,
          eligibility: { minAge: 12 },
          allocation: {
            way: 'district',
            level: 'suurpiiri',
            cityWideEur: 200_000,
            amounts: [{ areaId: suurpiirit[0].id, amountEur: 100_000 }],
          },
        }),
      ),
      201,
    );
    roundId = r.id;
    potA = r.pots.find((p: { areaId: number }) => p.areaId === suurpiirit[0].id);
    cityPot = r.pots.find((p: { kind: string }) => p.kind === 'city_wide').id;
    const here = await pointIn(suurpiirit[0].id);
    ideaIds = [];
    for (let i = 0; i < 7; i++) ideaIds.push(await idea(`Idea ${i + 1}`, [here[0] + i * 0.00001, here[1]]));
    voters = [];
    for (let i = 0; i < 5; i++) {
      const id = await createTestAccount(db.knex, { roles: ['resident'] });
      voters.push({ id, agent: new TestAgent(server.url, await createTestSession(db.knex, id)) });
    }
  });

  it('takes ideas during proposals only (409 otherwise)', async () => {
    during('upcoming');
    const early = await json(await resident.post(`/api/budgeting/rounds/${roundId}/proposals`, { ideaId: ideaIds[0] }), 409);
    expect(early.error.message).toMatch(/proposals phase; the round is in the upcoming phase/);
    during('proposals');
    for (const ideaId of ideaIds) await json(await resident.post(`/api/budgeting/rounds/${roundId}/proposals`, { ideaId }), 201);
    await json(await resident.post(`/api/budgeting/rounds/${roundId}/proposals`, { ideaId: ideaIds[0] }), 200);
    expect(
      (await json(await resident.post(`/api/budgeting/rounds/${roundId}/proposals`, { ideaId: 99_999_999 }), 400)).error.message,
    ).toBe('ideaId: no idea has id 99999999');
    expect(await json(await visitor.get(`/api/budgeting/rounds/${roundId}/proposals`), 200)).toHaveLength(7);
  });

  it('merges ideas into plans in co-creation; the pot follows the district; the ideas’ timelines say so', async () => {
    const body = { title: 'Kaksi ideaa yhdessä', ideaIds: [ideaIds[0], ideaIds[1]] };
    expect((await official.post(`/api/budgeting/rounds/${roundId}/plans`, body)).status).toBe(409);
    during('co_creation');
    expect((await resident.post(`/api/budgeting/rounds/${roundId}/plans`, body)).status).toBe(403);
    const a = await json(await official.post(`/api/budgeting/rounds/${roundId}/plans`, body), 201);
    expect(a).toMatchObject({ roundId, potId: potA.id, feasibility: 'pending', costEur: null });
    expect(a.ideas.map((i: { id: number }) => i.id)).toEqual([ideaIds[0], ideaIds[1]]);
    plan.A = a.id;
    const timeline = (await json(await visitor.get(`/api/ideas/${ideaIds[1]}`), 200)).timeline;
    expect(timeline.at(-1).reason).toBe(
      `Yhdistetty osallistuvan budjetoinnin suunnitelmaan ”Kaksi ideaa yhdessä” (kierros ”Suurpiirien kierros”, suunnitelma ${a.id}).`,
    );
    expect(timeline.at(-1).from).toBe(timeline.at(-1).to);
    for (const [name, i] of [
      ['B', 2],
      ['C', 3],
      ['D', 4],
      ['E', 5],
    ] as const) {
      plan[name] = (
        await json(
          await official.post(`/api/budgeting/rounds/${roundId}/plans`, { title: `Suunnitelma ${name}`, ideaIds: [ideaIds[i]] }),
          201,
        )
      ).id;
    }
    // The same place, but in the city-wide pot when named so.
    const city = await json(
      await official.post(`/api/budgeting/rounds/${roundId}/plans`, {
        title: 'Koko kaupungin',
        ideaIds: [ideaIds[6]],
        potId: cityPot,
      }),
      201,
    );
    expect(city.potId).toBe(cityPot);
    plan.City = city.id;
    // Two that never reach the ballot: one without a cost estimate, one found infeasible.
    plan.NoCost = (
      await json(
        await official.post(`/api/budgeting/rounds/${roundId}/plans`, { title: 'Kustannukseton', ideaIds: [ideaIds[5]] }),
        201,
      )
    ).id;
    plan.Infeasible = (
      await json(await official.post(`/api/budgeting/rounds/${roundId}/plans`, { title: 'Mahdoton', ideaIds: [ideaIds[5]] }), 201)
    ).id;
    const notEntered = await idea('Ei mukana', await pointIn(suurpiirit[0].id));
    expect(
      (await json(await official.post(`/api/budgeting/rounds/${roundId}/plans`, { title: 'Väärä', ideaIds: [notEntered] }), 400))
        .error.message,
    ).toBe(`ideaIds: not entered into this round: ${notEntered}`);
  });

  it('sets costs and feasibility; an infeasible plan needs a public reason and an alternative route', async () => {
    during('feasibility_review');
    const costs = { A: 50_000, B: 40_000, C: 30_000, D: 20_000, E: 10_000, City: 5_000 };
    for (const [name, costEur] of Object.entries(costs)) {
      await json(await official.patch(`/api/budgeting/plans/${plan[name]}`, { costEur, feasibility: 'feasible' }), 200);
    }
    const infeasible = await json(await official.patch(`/api/budgeting/plans/${plan.E}`, { feasibility: 'infeasible' }), 400);
    expect(infeasible.error.message).toMatch(/^reason: an infeasible plan needs a public reason and an alternative route/);
    expect((await resident.patch(`/api/budgeting/plans/${plan.E}`, { costEur: 1 })).status).toBe(403);
    const refused = await json(
      await official.patch(`/api/budgeting/plans/${plan.Infeasible}`, {
        costEur: 1_000,
        feasibility: 'infeasible',
        reason: 'Alue on yksityistä maata.',
        alternativeRoute: 'residents_own_action',
      }),
      200,
    );
    expect(refused).toMatchObject({
      feasibility: 'infeasible',
      reason: 'Alue on yksityistä maata.',
      alternativeRoute: 'residents_own_action',
    });
  });

  it('refuses ballots outside voting (409), over the pot, of another pot, without a cost, and from the non-eligible', async () => {
    const ballot = (planIds: number[], d = declaration()) => ({ planIds, declaration: d });
    const path = `/api/budgeting/rounds/${roundId}/pots/${potA.id}/ballot`;
    expect((await json(await resident.put(path, ballot([plan.A])), 409)).error.code).toBe('wrong_phase');
    // No new plans once co-creation is over.
    const f = await json(
      await official.post(`/api/budgeting/rounds/${roundId}/plans`, { title: 'Myöhässä', ideaIds: [ideaIds[5]] }),
      409,
    );
    expect(f.error.code).toBe('wrong_phase');
    during('voting');
    const over = await json(await resident.put(path, ballot([plan.A, plan.B, plan.C])), 400);
    // 50 000 + 40 000 + 30 000 = 120 000 € against a pot of 100 000 €.
    expect(over.error).toMatchObject({ code: 'over_budget', message: 'total 120 000 € exceeds the pot of 100 000 €' });
    expect((await json(await resident.put(path, ballot([plan.City])), 400)).error.message).toBe(
      `planIds: plan(s) ${plan.City} belong to another pot`,
    );
    expect(
      (await json(await resident.put(path, ballot([plan.A], { age: 11, residenceAreaId: suurpiirit[0].id })), 403)).error,
    ).toMatchObject({
      code: 'not_eligible',
      message: 'voting in this round needs an age of at least 12; you declared 11',
    });
    const elsewhere = await json(await resident.put(path, ballot([plan.A], { age: 40, residenceAreaId: suurpiirit[1].id })), 403);
    expect(elsewhere.error.message).toBe(
      `the pot of ${suurpiirit[0].name_fi} is for its residents; you declared ${suurpiirit[1].name_fi}`,
    );
    expect((await json(await resident.put(path, { planIds: [plan.A] }), 400)).error.details[0].path).toEqual(['declaration']);
    expect((await json(await resident.put(path, ballot([plan.NoCost])), 400)).error.message).toBe(
      `planIds: plan ${plan.NoCost} has no cost estimate`,
    );
    expect((await json(await resident.put(path, ballot([plan.Infeasible])), 400)).error.message).toBe(
      `planIds: plan ${plan.Infeasible} was found infeasible`,
    );
    expect((await json(await resident.put(path, ballot([plan.A, plan.A])), 400)).error.message).toMatch(
      /planIds must not name a plan twice/,
    );
    expect(await count('budgeting_ballots')).toBe(0);
    expect(await count('budgeting_voters')).toBe(0);
    // Changing a plan's cost once voting is open would change what ballots meant.
    expect((await official.patch(`/api/budgeting/plans/${plan.A}`, { costEur: 1 })).status).toBe(409);
  });

  it('lets a voter replace their ballot: one ballot per person per pot, enforced by the database', async () => {
    const path = `/api/budgeting/rounds/${roundId}/pots/${potA.id}/ballot`;
    const first = await json(await resident.put(path, { planIds: [plan.A], declaration: declaration() }), 201);
    expect(first).toEqual({ roundId, potId: potA.id, replaced: false, paper: false });
    const second = await json(await resident.put(path, { planIds: [plan.B, plan.D], declaration: declaration() }), 200);
    expect(second.replaced).toBe(true);
    expect(await count('budgeting_ballots', 'pot_id = ?', [potA.id])).toBe(1);
    expect(await count('budgeting_voters', 'pot_id = ?', [potA.id])).toBe(1);
    const { rows } = await db.knex.raw('SELECT plan_id FROM budgeting_ballot_choices ORDER BY plan_id');
    expect(rows.map((r: { plan_id: number }) => r.plan_id)).toEqual([plan.B, plan.D]);
    // Past the API, the database itself refuses a second ballot or roll entry for the person in the pot.
    const { rows: b } = await db.knex.raw('SELECT ballot_key FROM budgeting_ballots WHERE pot_id = ?', [potA.id]);
    await expect(
      db.knex.raw(`INSERT INTO budgeting_ballots (id, pot_id, ballot_key, paper) VALUES (gen_random_uuid(), ?, ?, false)`, [
        potA.id,
        b[0].ballot_key,
      ]),
    ).rejects.toThrow(/duplicate key|unique/);
    await expect(
      db.knex.raw(`INSERT INTO budgeting_voters (pot_id, voter, paper) VALUES (?, ?, false)`, [potA.id, `user:${residentId}`]),
    ).rejects.toThrow(/duplicate key|unique/);
    // The same person's ballots at once: exactly one stays.
    await Promise.all(
      [plan.A, plan.B, plan.C, plan.D, plan.A, plan.B].map((p) =>
        resident.put(path, { planIds: [p], declaration: declaration() }),
      ),
    );
    expect(await count('budgeting_ballots', 'pot_id = ?', [potA.id])).toBe(1);
    // Back to the resident's intended ballot for the worked example below: B and D.
    await json(await resident.put(path, { planIds: [plan.B, plan.D], declaration: declaration() }), 200);
  });

  it('shows a voter their own ballot, and nobody else', async () => {
    const path = `/api/budgeting/rounds/${roundId}/pots/${potA.id}/ballot`;
    expect(await json(await resident.get(path), 200)).toEqual({
      roundId,
      potId: potA.id,
      planIds: [plan.B, plan.D].sort((a, b) => a - b),
    });
    // Another voter sees no ballot of theirs, a visitor must sign in, an unknown pot is not found.
    expect((await voters[4].agent.get(path)).status).toBe(404);
    expect((await visitor.get(path)).status).toBe(401);
    expect((await resident.get(`/api/budgeting/rounds/${roundId}/pots/999999/ballot`)).status).toBe(404);
  });

  it('shows no running totals during voting', async () => {
    expect((await visitor.get(`/api/budgeting/rounds/${roundId}/results`)).status).toBe(404);
    expect((await official.post(`/api/budgeting/rounds/${roundId}/results`)).status).toBe(409);
    const plans = await json(await visitor.get(`/api/budgeting/plans?round=${roundId}`), 200);
    expect(plans.features.length).toBe(8);
    expect(plans.features.every((f: { properties: { votes: unknown } }) => f.properties.votes === null)).toBe(true);
  });

  it('computes results by the documented rule: a worked example with ties and a skip', async () => {
    const path = `/api/budgeting/rounds/${roundId}/pots/${potA.id}/ballot`;
    /*
     * Pot 100 000 €. Costs: A 50 000, B 40 000, C 30 000, D 20 000, E 10 000.
     * Ballots (knapsack, each within the pot):
     *   resident  B, D       (60 000)
     *   voter 1   A, B       (90 000)
     *   voter 2   A, C       (80 000)
     *   voter 3   B, C       (70 000)
     *   paper     C, D       (50 000, entered by an official)
     * Votes: A 2, B 3, C 3, D 2, E 0.
     * Ranking: votes desc, ties by lower cost, then lower id:
     *   1. C (3 votes, 30 000) — funded, 70 000 left
     *   2. B (3 votes, 40 000) — funded, 30 000 left   (tie with C: C is cheaper)
     *   3. D (2 votes, 20 000) — funded, 10 000 left   (tie with A: D is cheaper)
     *   4. A (2 votes, 50 000) — skipped: costs 50 000 € but only 10 000 € of the pot remain
     *   5. E (0 votes, 10 000) — skipped: no votes (though it would fit)
     * Funded 90 000 €, 10 000 € remain.
     */
    const cast = (i: number, planIds: number[]) => voters[i].agent.put(path, { planIds, declaration: declaration() });
    await json(await cast(0, [plan.A, plan.B]), 201);
    await json(await cast(1, [plan.A, plan.C]), 201);
    await json(await cast(2, [plan.B, plan.C]), 201);
    const paper = await json(
      await official.post(`/api/budgeting/rounds/${roundId}/pots/${potA.id}/paper-ballots`, {
        paperRef: 'Lippu-0001',
        planIds: [plan.C, plan.D],
        declaration: declaration(),
      }),
      201,
    );
    expect(paper.paper).toBe(true);
    // A voter in the city-wide pot does not count in district A.
    await json(
      await voters[3].agent.put(`/api/budgeting/rounds/${roundId}/pots/${cityPot}/ballot`, {
        planIds: [plan.City],
        declaration: declaration(),
      }),
      201,
    );
    during('results');
    expect((await cast(4, [plan.A])).status).toBe(409);
    const res = await json(await official.post(`/api/budgeting/rounds/${roundId}/results`), 201);
    const a = res.pots.find((p: { potId: number }) => p.potId === potA.id);
    expect(
      a.plans.map((p: { planId: number; votes: number; position: number; funded: boolean; reason: string | null }) => [
        p.planId,
        p.votes,
        p.position,
        p.funded,
        p.reason,
      ]),
    ).toEqual([
      [plan.C, 3, 1, true, null],
      [plan.B, 3, 2, true, null],
      [plan.D, 2, 3, true, null],
      [plan.A, 2, 4, false, 'costs 50 000 € but only 10 000 € of the pot remain'],
      [plan.E, 0, 5, false, 'no votes'],
    ]);
    expect(a).toMatchObject({ amountEur: 100_000, fundedEur: 90_000, remainingEur: 10_000, ballots: 5 });
    const city = res.pots.find((p: { potId: number }) => p.potId === cityPot);
    expect(city.plans).toEqual([expect.objectContaining({ planId: plan.City, votes: 1, funded: true })]);
    // Reproducible from the stored ballots: computing again gives the same.
    const again = await json(await official.post(`/api/budgeting/rounds/${roundId}/results`), 201);
    expect(again.pots).toEqual(res.pots);
    expect(await json(await visitor.get(`/api/budgeting/rounds/${roundId}/results`), 200)).toMatchObject({ pots: res.pots });

    // The district's card shows its pot and what the results fund from it.
    const card = await json(await visitor.get(`/api/areas/${suurpiirit[0].id}/statistics`), 200);
    expect(card.project.budgeting.find((b: { roundId: number }) => b.roundId === roundId)).toMatchObject({
      potEur: 100_000,
      fundedEur: 90_000,
    });
  });

  it('publishes plans and results as open data: list, GeoJSON, CSV and OGC', async () => {
    const list = await json(await visitor.get(`/api/budgeting/plans?round=${roundId}`), 200);
    const c = list.features.find((f: { id: number }) => f.id === plan.C);
    expect(c.properties).toMatchObject({
      roundId,
      potId: potA.id,
      costEur: 30_000,
      feasibility: 'feasible',
      votes: 3,
      funded: true,
    });
    expect(c.geometry.type).toBe('Point');
    const csv = await (await visitor.get(`/api/budgeting/plans.csv?round=${roundId}`)).text();
    expect(csv.split('\n')[0]).toMatch(/^\uFEFF?id,roundId,roundName,potId,potName,title,costEur/);
    expect(csv).toContain('Suunnitelma B');
    const geojson = await json(await visitor.get(`/api/budgeting/plans.geojson?round=${roundId}`), 200);
    expect(geojson.features).toHaveLength(8);
    const ogc = await json(await visitor.get('/ogc/collections/budgeting-plans/items?limit=100'), 200);
    expect(ogc.features.some((f: { id: number }) => f.id === plan.A)).toBe(true);
    // The district filter follows the plan's place.
    const inA = await json(await visitor.get(`/api/budgeting/plans?round=${roundId}&area=${suurpiirit[0].id}`), 200);
    expect(inA.features.length).toBe(8); // the city-wide plan lies in A too
    expect((await visitor.get('/api/budgeting/plans?round=abc')).status).toBe(400);
  });

  it('keeps ballots secret: no response, admin view or audit row links a voter to their choices', async () => {
    const texts: string[] = [];
    for (const p of [
      '/api/budgeting/rounds',
      `/api/budgeting/rounds/${roundId}`,
      `/api/budgeting/rounds/${roundId}/plans`,
      `/api/budgeting/rounds/${roundId}/results`,
      `/api/budgeting/plans?round=${roundId}`,
      `/api/budgeting/plans.csv?round=${roundId}`,
      `/ogc/collections/budgeting-plans/items`,
    ]) {
      texts.push(await (await visitor.get(p)).text());
      texts.push(await (await admin.get(p)).text());
    }
    for (const t of texts) {
      expect(t).not.toContain(residentEmail);
      expect(t).not.toContain('Aino Asukas');
      expect(t).not.toMatch(new RegExp(`user:${residentId}\\b`));
    }
    // The admin's audit view: the resident's ballots are there as "cast", with nothing of what they chose.
    const audit = (await json(await admin.get(`/api/admin/audit?action=budgeting.ballot_cast&limit=200`), 200)).entries;
    const mine = audit.filter((e: { actor: { id: number } }) => e.actor.id === residentId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const e of audit) {
      expect(e.target).toEqual({ type: 'budgeting_pot', id: expect.any(String) });
      expect(e.before).toBeNull();
      expect(e.after).toBeNull();
    }
    // And straight from the audit table: no ballot row carries plan ids.
    const { rows } = await db.knex.raw(`SELECT before, after FROM audit_log WHERE action LIKE 'budgeting.%ballot_cast'`);
    expect(rows.every((r: { before: unknown; after: unknown }) => r.before === null && r.after === null)).toBe(true);
    // The ballot box has no person, no time and no order; the roll has no ballot.
    const columns = async (t: string) =>
      (
        await db.knex.raw(`SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`, [
          t,
        ])
      ).rows.map((r: { column_name: string }) => r.column_name);
    expect(await columns('budgeting_ballots')).toEqual(['id', 'pot_id', 'ballot_key', 'paper']);
    expect(await columns('budgeting_ballot_choices')).toEqual(['ballot_id', 'plan_id']);
    expect(await columns('budgeting_voters')).toEqual(['pot_id', 'voter', 'paper']);
    // The link is keyed: only with the server's secret does person + pot lead to the ballot.
    const keyed = createHmac('sha256', SECRET).update(`user:${residentId}\n${potA.id}`).digest('base64url');
    const unkeyed = createHmac('sha256', '').update(`user:${residentId}\n${potA.id}`).digest('base64url');
    expect(await count('budgeting_ballots', 'ballot_key = ?', [keyed])).toBe(1);
    expect(await count('budgeting_ballots', 'ballot_key = ?', [unkeyed])).toBe(0);
  });

  it('starts a funded plan’s implementation as an activity of the named department, linked both ways', async () => {
    const path = (id: number) => `/api/budgeting/plans/${id}/implementation`;
    const kuva = await agent({ roles: ['official'], departments: ['kuva'] });
    // Only a funded plan, only its department's officials (or admins), only a known department.
    expect((await json(await official.post(path(plan.A), { department: 'kymp' }), 409)).error.code).toBe('not_funded');
    expect((await resident.post(path(plan.C), { department: 'kymp' })).status).toBe(403);
    expect((await visitor.post(path(plan.C), { department: 'kymp' })).status).toBe(401);
    expect((await json(await kuva.post(path(plan.C), { department: 'kymp' }), 403)).error.code).toBe('out_of_scope');
    expect((await json(await admin.post(path(plan.C), { department: 'nope' }), 400)).error.message).toBe(
      'department: unknown department: nope',
    );
    // A district pot has no department: one must be named.
    expect((await json(await admin.post(path(plan.C), {}), 400)).error.details[0].path).toEqual(['department']);
    expect((await official.post(path(999_999), { department: 'kymp' })).status).toBe(404);
    expect(await count('activities', "source = 'budgeting'")).toBe(0);

    const started = await json(await official.post(path(plan.C), { department: 'kymp' }), 201);
    expect(started).toMatchObject({ id: plan.C, department: 'kymp', activityId: expect.any(Number), milestones: [] });
    expect((await json(await official.post(path(plan.C), { department: 'kymp' }), 409)).error.code).toBe('already_started');
    const activity = await json(await visitor.get(`/api/activities/${started.activityId}`), 200);
    expect(activity.properties).toMatchObject({
      department: 'kymp',
      kind: 'project',
      status: 'ongoing',
      titleFi: 'Suunnitelma C',
      source: 'budgeting',
      sourceId: `round-${roundId}/plan-${plan.C}`,
      themes: ['community'],
      milestones: [],
      budgeting: { roundId, roundName: 'Suurpiirien kierros', planId: plan.C, planTitle: 'Suunnitelma C' },
    });
    expect(activity.geometry.type).toBe('Point');
    // On the map: the activity in the activities' list, and the plan in the plans' dataset with its activity.
    const onMap = await json(await visitor.get(`/api/activities?department=kymp&area=${suurpiirit[0].id}`), 200);
    expect(onMap.features.some((f: { id: number }) => f.id === started.activityId)).toBe(true);
    const plans = await json(await visitor.get(`/api/budgeting/plans?round=${roundId}`), 200);
    expect(plans.features.find((f: { id: number }) => f.id === plan.C).properties).toMatchObject({
      funded: true,
      department: 'kymp',
      activityId: started.activityId,
    });
    const timeline = (await json(await visitor.get(`/api/ideas/${ideaIds[3]}`), 200)).timeline;
    expect(timeline.at(-1).reason).toMatch(
      /^Suunnitelma \d+ sai rahoituksen osallistuvassa budjetoinnissa, ja sen toteutus alkoi/,
    );
    plan.CActivity = started.activityId;
  });

  it('puts milestones on the activity and each source idea’s timeline; the last one done completes the activity', async () => {
    const path = `/api/budgeting/plans/${plan.C}/milestones`;
    const kuva = await agent({ roles: ['official'], departments: ['kuva'] });
    const first = { titleFi: 'Suunnittelu valmis', titleSv: 'Planeringen klar', titleEn: 'Design ready', date: '2031-06-01' };
    const before = await count('activity_milestones');
    expect((await json(await official.post(path, { ...first, date: '2031-13-01' }), 400)).error.details[0].path).toEqual([
      'date',
    ]);
    expect((await json(await official.post(path, { ...first, titleFi: '' }), 400)).error.details[0].path).toEqual(['titleFi']);
    expect((await json(await kuva.post(path, first), 403)).error.code).toBe('out_of_scope');
    expect((await resident.post(path, first)).status).toBe(403);
    // A plan not in implementation has no milestones yet.
    expect((await json(await admin.post(`/api/budgeting/plans/${plan.A}/milestones`, first), 409)).error.code).toBe(
      'not_started',
    );
    expect(await count('activity_milestones')).toBe(before);

    const m1 = await json(await official.post(path, first), 201);
    expect(m1).toMatchObject({ ...first, done: false, doneAt: null, id: expect.any(Number) });
    const m2 = await json(await official.post(path, { titleFi: 'Penkit paikallaan', date: '2031-09-15' }), 201);
    // The first milestone on the source idea's public timeline, with its own titles and state.
    const entry = (await json(await visitor.get(`/api/ideas/${ideaIds[3]}`), 200)).timeline.find(
      (e: { milestone: { id: number } | null }) => e.milestone?.id === m1.id,
    );
    expect(entry.reason).toBe('Toteutuksen välitavoite: ”Suunnittelu valmis” (2031-06-01).');
    expect(entry.milestone).toMatchObject({ titleSv: 'Planeringen klar', titleEn: 'Design ready', date: '2031-06-01' });
    expect(entry.from).toBe(entry.to);
    // It names the plan and round it belongs to, for the timeline's link.
    expect(entry.plan).toEqual({ id: plan.C, roundId, title: expect.any(String) });

    const done1 = await json(await official.patch(`${path}/${m1.id}`, { done: true }), 200);
    expect(done1).toMatchObject({ done: true, doneAt: expect.any(String), titleFi: 'Suunnittelu valmis' });
    let activity = await json(await visitor.get(`/api/activities/${plan.CActivity}`), 200);
    expect(activity.properties.status).toBe('ongoing');
    expect(activity.properties.milestones.map((m: { id: number; done: boolean }) => [m.id, m.done])).toEqual([
      [m1.id, true],
      [m2.id, false],
    ]);
    expect((await official.patch(`${path}/${m1.id}`, {})).status).toBe(400);
    expect((await official.patch(`${path}/999999`, { done: true })).status).toBe(404);
    expect((await kuva.patch(`${path}/${m2.id}`, { done: true })).status).toBe(403);
    await json(await official.patch(`${path}/${m2.id}`, { done: true }), 200);
    activity = await json(await visitor.get(`/api/activities/${plan.CActivity}`), 200);
    expect(activity.properties.status).toBe('done');
    const timeline = (await json(await visitor.get(`/api/ideas/${ideaIds[3]}`), 200)).timeline;
    expect(timeline.at(-1).reason).toBe('Toteutuksen välitavoite saavutettu: ”Penkit paikallaan” (2031-09-15).');
    expect(timeline.at(-1).milestone).toMatchObject({ id: m2.id, done: true });
    // The plan shows its implementation too.
    const plans = await json(await visitor.get(`/api/budgeting/rounds/${roundId}/plans`), 200);
    expect(plans.find((p: { id: number }) => p.id === plan.C).milestones).toHaveLength(2);
    // No personal data in what the public reads.
    for (const t of [JSON.stringify(activity), JSON.stringify(timeline), JSON.stringify(plans)]) {
      expect(t).not.toContain(residentEmail);
      expect(t).not.toContain('@example.test');
    }
  });

  it('publishes the results per pot as a dataset: list, GeoJSON, CSV and OGC with queryables', async () => {
    const props = (fc: { features: { properties: Record<string, unknown> }[] }) => fc.features.map((f) => f.properties);
    const inA = await json(await visitor.get(`/api/budgeting/results?round=${roundId}&pot=${potA.id}`), 200);
    expect(props(inA).map((p) => [p.planId, p.votes, p.position, p.funded, p.reason])).toEqual([
      [plan.C, 3, 1, true, null],
      [plan.B, 3, 2, true, null],
      [plan.D, 2, 3, true, null],
      [plan.A, 2, 4, false, 'costs 50 000 € but only 10 000 € of the pot remain'],
      [plan.E, 0, 5, false, 'no votes'],
    ]);
    expect(props(inA)[0]).toMatchObject({
      roundId,
      roundName: 'Suurpiirien kierros',
      potId: potA.id,
      potAmountEur: 100_000,
      title: 'Suunnitelma C',
      costEur: 30_000,
      activityId: plan.CActivity,
      computedAt: expect.stringMatching(/Z$/),
    });
    // Every pot of the round: district A's five and the city-wide one; plans never on a ballot are not results.
    const all = await json(await visitor.get(`/api/budgeting/results?round=${roundId}`), 200);
    expect(all.numberMatched).toBe(6);
    const skipped = await json(await visitor.get(`/api/budgeting/results?round=${roundId}&funded=false`), 200);
    expect(props(skipped).map((p) => p.planId)).toEqual([plan.A, plan.E]);
    expect((await json(await visitor.get('/api/budgeting/results?funded=maybe'), 400)).error.message).toMatch(/^funded/);
    const csv = await (await visitor.get(`/api/budgeting/results.csv?round=${roundId}`)).text();
    expect(csv.split('\n')[0]).toMatch(
      /^\uFEFF?planId,roundId,roundName,potId,potName,potAmountEur,title,costEur,votes,position,funded,reason/,
    );
    expect(csv).toContain('no votes');
    // OGC items have exactly the download's properties.
    const geojson = await json(await visitor.get(`/api/budgeting/results.geojson?round=${roundId}`), 200);
    const ogc = await json(await visitor.get('/ogc/collections/budgeting-results/items?limit=1000'), 200);
    const byId = new Map(ogc.features.map((f: { id: number; properties: unknown }) => [f.id, f.properties]));
    for (const f of geojson.features) expect(byId.get(f.id)).toEqual(f.properties);
    const q = await json(await visitor.get('/ogc/collections/budgeting-results/queryables'), 200);
    expect(Object.keys(q.properties)).toEqual(expect.arrayContaining(['votes', 'funded', 'reason', 'potId']));
    const filtered = await json(
      await visitor.get(
        `/ogc/collections/budgeting-results/items?filter-lang=cql2-text&filter=${encodeURIComponent(`funded = false AND votes > 0 AND roundId = ${roundId}`)}`,
      ),
      200,
    );
    expect(filtered.features.map((f: { id: number }) => f.id)).toEqual([plan.A]);
    for (const t of [JSON.stringify(all), csv, JSON.stringify(ogc)]) expect(t).not.toContain(residentEmail);
  });
});

describe('a department round: implementation starts as results are published', () => {
  it('makes each funded plan of a department pot an activity of that department', async () => {
    during('upcoming');
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          nameFi: 'Toimialojen kierros',
          allocation: { way: 'department', departments: [{ department: 'kuva', amountEur: 50_000 }] },
        }),
      ),
      201,
    );
    const potId = r.pots[0].id;
    during('proposals');
    const ideaId = await idea('Uimaranta', await pointIn(suurpiirit[1].id));
    await json(await resident.post(`/api/budgeting/rounds/${r.id}/proposals`, { ideaId }), 201);
    during('co_creation');
    const p = await json(
      await official.post(`/api/budgeting/rounds/${r.id}/plans`, { title: 'Uimaranta', ideaIds: [ideaId] }),
      201,
    );
    expect(p.department).toBe('kuva');
    await json(await official.patch(`/api/budgeting/plans/${p.id}`, { costEur: 20_000, feasibility: 'feasible' }), 200);
    during('voting');
    await json(
      await resident.put(`/api/budgeting/rounds/${r.id}/pots/${potId}/ballot`, {
        planIds: [p.id],
        declaration: { age: 30, residenceAreaId: suurpiirit[1].id },
      }),
      201,
    );
    during('results');
    await json(await official.post(`/api/budgeting/rounds/${r.id}/results`), 201);
    const [funded] = await json(await visitor.get(`/api/budgeting/rounds/${r.id}/plans`), 200);
    expect(funded).toMatchObject({ id: p.id, department: 'kuva', activityId: expect.any(Number) });
    const activity = await json(await visitor.get(`/api/activities/${funded.activityId}`), 200);
    expect(activity.properties).toMatchObject({ department: 'kuva', status: 'ongoing', budgeting: { planId: p.id } });
    // Computing again starts nothing twice.
    await json(await official.post(`/api/budgeting/rounds/${r.id}/results`), 201);
    expect(await count('activities', 'source = ? AND source_id = ?', ['budgeting', `round-${r.id}/plan-${p.id}`])).toBe(1);
    during('upcoming');
  });
});

describe('Kehrä groups and partnership tables bring their ranked ideas in', () => {
  it('enters the ranked ideas during proposals and shows each one’s rank on proposals and plans', async () => {
    during('upcoming');
    const r = await json(await official.post('/api/budgeting/rounds', round({ nameFi: 'Rankattu kierros' })), 201);
    const here = await pointIn(suurpiirit[0].id);
    const [x, y, z] = [await idea('Kehrän ykkönen', here), await idea('Kehrän kakkonen', here), await idea('Pöydän idea', here)];
    const { rows: g } = await db.knex.raw(`INSERT INTO kehra_groups (name) VALUES ('Rankkaava Kehrä') RETURNING id`);
    const groupId = g[0].id as number;
    await db.knex.raw('INSERT INTO kehra_plan_items (kehra_group_id, idea_id, rank) VALUES (?, ?, 1), (?, ?, 2)', [
      groupId,
      x,
      groupId,
      y,
    ]);
    const member = await agent({ roles: ['kehra'], kehraGroups: [groupId] });
    const { rows: og } = await db.knex.raw(`INSERT INTO kehra_groups (name) VALUES ('Toinen Kehrä') RETURNING id`);
    const outsider = await agent({ roles: ['kehra'], kehraGroups: [og[0].id] });
    const table = await json(
      await official.post('/api/partnership-tables', { name: 'Rankkaava pöytä', convener: 'Kymp', areaId: suurpiirit[0].id }),
      201,
    );
    for (const ideaIds of [[z], [y]]) {
      await json(
        await official.post(`/api/partnership-tables/${table.id}/outcomes`, {
          route: 'municipal_budget',
          description: 'Kaupungin budjettiin',
          ideaIds,
        }),
        201,
      );
    }
    const kehraPath = `/api/budgeting/rounds/${r.id}/rankings/kehra-groups/${groupId}`;
    const tablePath = `/api/budgeting/rounds/${r.id}/rankings/partnership-tables/${table.id}`;
    // Only during proposals, only the group's members or the table's keepers (and admins).
    expect((await json(await member.post(kehraPath), 409)).error.code).toBe('wrong_phase');
    during('proposals');
    expect((await json(await outsider.post(kehraPath), 403)).error.code).toBe('out_of_scope');
    expect((await resident.post(kehraPath)).status).toBe(403);
    expect((await visitor.post(tablePath)).status).toBe(401);
    const kuva = await agent({ roles: ['official'], departments: ['kuva'] });
    expect((await json(await kuva.post(tablePath), 403)).error.code).toBe('out_of_scope');
    expect((await member.post(`/api/budgeting/rounds/${r.id}/rankings/kehra-groups/999999`)).status).toBe(404);
    expect((await json(await member.post(kehraPath, { rank: 1 }), 400)).error.message).toMatch(/unknown parameter/);
    expect(await count('budgeting_proposals', 'round_id = ?', [r.id])).toBe(0);

    const fromGroup = await json(await member.post(kehraPath), 201);
    expect(fromGroup).toMatchObject({
      by: { kind: 'kehra_group', id: groupId, name: 'Rankkaava Kehrä' },
      ideas: [
        { ideaId: x, rank: 1 },
        { ideaId: y, rank: 2 },
      ],
      entered: 2,
    });
    // Again: the same ranks, nothing entered twice.
    expect((await json(await member.post(kehraPath), 201)).entered).toBe(0);
    const fromTable = await json(await official.post(tablePath), 201);
    // A table's ranking is the order its municipal-budget outcomes were recorded in.
    expect(fromTable.ideas).toEqual([
      { ideaId: z, rank: 1 },
      { ideaId: y, rank: 2 },
    ]);
    expect(fromTable.entered).toBe(1);
    const proposals = await json(await visitor.get(`/api/budgeting/rounds/${r.id}/proposals`), 200);
    const rankingsOf = (id: number) =>
      proposals
        .find((p: { id: number }) => p.id === id)
        .rankings.map((k: { by: { kind: string; name: string }; rank: number }) => [k.by.kind, k.by.name, k.rank]);
    expect(rankingsOf(x)).toEqual([['kehra_group', 'Rankkaava Kehrä', 1]]);
    expect(rankingsOf(y)).toEqual([
      ['kehra_group', 'Rankkaava Kehrä', 2],
      ['partnership_table', 'Rankkaava pöytä', 2],
    ]);
    expect(rankingsOf(z)).toEqual([['partnership_table', 'Rankkaava pöytä', 1]]);
    // A plan shows, per group or table, the best rank among its ideas.
    during('co_creation');
    const plan = await json(
      await official.post(`/api/budgeting/rounds/${r.id}/plans`, { title: 'Yhdistetty', ideaIds: [y, z] }),
      201,
    );
    expect(plan.rankings.map((k: { by: { kind: string }; rank: number }) => [k.by.kind, k.rank])).toEqual([
      ['kehra_group', 2],
      ['partnership_table', 1],
    ]);
    const text = JSON.stringify(proposals) + JSON.stringify(plan);
    expect(text).not.toContain('@example.test');
    during('upcoming');
  });
});

describe('approval ballots and 500 at once', () => {
  let roundId: number;
  let potId: number;
  let plans: number[];

  beforeAll(async () => {
    during('upcoming');
    const r = await json(
      await official.post(
        '/api/budgeting/rounds',
        round({
          nameFi: 'Hyväksyntäkierros',
          ballot: { type: 'approval', maxChoices: 2 },
          eligibility: { minAge: 15, residenceAreaId: suurpiirit[1].id },
        }),
      ),
      201,
    );
    roundId = r.id;
    potId = r.pots[0].id;
    const here = await pointIn(suurpiirit[1].id);
    during('proposals');
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await idea(`Hyväksyttävä ${i}`, [here[0] + i * 0.00001, here[1]]);
      await json(await resident.post(`/api/budgeting/rounds/${roundId}/proposals`, { ideaId: id }), 201);
      ids.push(id);
    }
    during('co_creation');
    plans = [];
    for (const id of ids) {
      const p = await json(
        await official.post(`/api/budgeting/rounds/${roundId}/plans`, { title: `Kohde ${id}`, ideaIds: [id] }),
        201,
      );
      // Approval ignores the pot's size: each plan may cost the whole pot.
      await json(await official.patch(`/api/budgeting/plans/${p.id}`, { costEur: 400_000, feasibility: 'feasible' }), 200);
      plans.push(p.id);
    }
    during('voting');
  });

  it('takes up to N plans, whatever they cost together', async () => {
    const path = `/api/budgeting/rounds/${roundId}/pots/${potId}/ballot`;
    const declaration = { age: 20, residenceAreaId: suurpiirit[1].id };
    const outsider = await json(
      await resident.put(path, { planIds: [plans[0]], declaration: { age: 20, residenceAreaId: suurpiirit[0].id } }),
      403,
    );
    expect(outsider.error.message).toBe(
      `this round is for residents of ${suurpiirit[1].name_fi}; you declared ${suurpiirit[0].name_fi}`,
    );
    expect((await json(await resident.put(path, { planIds: plans, declaration }), 400)).error.message).toBe(
      'planIds: choose at most 2 plans; the ballot names 3',
    );
    await json(await resident.put(path, { planIds: plans.slice(0, 2), declaration }), 201);
  });

  it('keeps one ballot when one voter changes it 20 times at once', async () => {
    const path = `/api/budgeting/rounds/${roundId}/pots/${potId}/ballot`;
    const declaration = { age: 20, residenceAreaId: suurpiirit[1].id };
    expect([200, 201]).toContain((await resident.put(path, { planIds: [plans[2]], declaration })).status);
    const before = await count('budgeting_ballots', 'pot_id = ?', [potId]);
    const choices = Array.from({ length: 20 }, (_, i) => (i % 3 === 2 ? [plans[0], plans[1]] : [plans[i % 3]]));
    const answers = await Promise.all(choices.map((planIds) => resident.put(path, { planIds, declaration })));
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    // Every change replaced the voter's ballot: one ballot of theirs is left.
    expect(await count('budgeting_ballots', 'pot_id = ?', [potId])).toBe(before);
    const key = createHmac('sha256', SECRET).update(`user:${residentId}\n${potId}`).digest('base64url');
    expect(await count('budgeting_ballots', 'ballot_key = ?', [key])).toBe(1);
    const own = await json(await resident.get(path), 200);
    expect(choices.map((c) => JSON.stringify([...c].sort()))).toContain(JSON.stringify([...own.planIds].sort()));
  });

  it('counts 500 concurrent ballots of distinct voters exactly', async () => {
    const before = await count('budgeting_ballots', 'pot_id = ?', [potId]);
    const N = 500;
    const declaration = { age: 20, residenceAreaId: suurpiirit[1].id };
    // Voter i approves plan i % 3, and plan (i + 1) % 3 when i is even.
    const choice = (i: number) => (i % 2 === 0 ? [plans[i % 3], plans[(i + 1) % 3]] : [plans[i % 3]]);
    const receipts = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        budgeting.castBallot(
          db.knex,
          settings,
          { userId: null, email: null, ip: null },
          { roundId, potId, voter: `user:${1_000_000 + i}`, paper: false },
          { planIds: choice(i), declaration },
        ),
      ),
    );
    expect(receipts.every((r) => !r.replaced)).toBe(true);
    expect(await count('budgeting_ballots', 'pot_id = ?', [potId])).toBe(before + N);
    expect(await count('budgeting_voters', 'pot_id = ?', [potId])).toBe(before + N);
    const expected = [0, 0, 0];
    for (let i = 0; i < N; i++) for (const p of choice(i)) expected[plans.indexOf(p)] += 1;
    const { rows } = await db.knex.raw(
      `SELECT c.plan_id, count(*)::int AS n FROM budgeting_ballot_choices c JOIN budgeting_ballots b ON b.id = c.ballot_id
        WHERE b.pot_id = ? AND b.ballot_key <> ? GROUP BY c.plan_id`,
      [potId, createHmac('sha256', SECRET).update(`user:${residentId}\n${potId}`).digest('base64url')],
    );
    const counted = plans.map((p) => rows.find((r: { plan_id: number }) => r.plan_id === p)?.n ?? 0);
    expect(counted).toEqual(expected);
    // 500 ballots of about ten statements each take the embedded database's one connection a while on a busy machine.
  }, 600_000);
});
