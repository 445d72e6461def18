import path from 'node:path';
import type { Knex } from 'knex';
import { locatePoint } from '../areas/areas.service.js';
import { systemActor } from '../audit/audit.service.js';
import type { StageChangeBody } from '../contracts/ideas.js';
import type { OutcomeRoute } from '../contracts/partnership-tables.js';
import { moveIdea, submitIdea, type Official } from '../ideas/ideas.service.js';
import { groupNameTaken } from '../kehra/kehra.repository.js';
import * as kehra from '../kehra/kehra.service.js';
import { repoRoot } from '../config.js';
import * as tables from '../partnership-tables/partnership-tables.service.js';
import { readSpacesFixture, SPACES_FIXTURE_SOURCE, upsertSpaces } from '../spaces/spaces.import.js';
import { createOrGrant } from '../users/users.service.js';
import { helsinkiAt } from './demo-time.js';

/**
 * The people side of the Keskuspuisto demo: residents' ideas at every stage of their path, the
 * Kehrä group that ranks them in its plan for a drawn development area, and the partnership
 * table that met about them. Everything goes through the features' own services (the same
 * checks and timelines as a real idea, group or table) and is then flagged `is_demo`.
 *
 * Places lie in the south of Central Park (Laakso, Ruskeasuo), inside both the real division
 * and the offline fixture's districts, so the demo seeds whichever districts were imported.
 */
export const DEMO_ACTOR = systemActor('seed:demo');
/** The made-up official who answers the demo ideas: a reserved domain, no person, no way to sign in. */
export const DEMO_OFFICIAL = { email: 'demo.virkailija@demo.invalid', displayName: 'Demovirkailija (esimerkki)' };
export const DEMO_GROUP_NAME = 'Keskuspuiston Kehrä';
export const DEMO_TABLE_NAME = 'Laakson ja Ruskeasuon kumppanuuspöytä';
const NOTE = ' (Esimerkkiaineisto – ei todellinen idea.)';

type Pos = [number, number];
const ring = (...ps: Pos[]) => [[...ps, ps[0]]];

/** The development area the demo group drew: the Laakso fields and the Ruskeasuo depot. */
const DEV_AREA = { type: 'Polygon', coordinates: ring([24.912, 60.196], [24.934, 60.196], [24.934, 60.211], [24.912, 60.211]) };

interface DemoIdea {
  title: string;
  description: string;
  themes: string[];
  geometry: { type: string; coordinates: unknown };
  costEstimateEur?: number;
  /** The official's steps after submission, each one a public timeline entry. */
  steps: StageChangeBody[];
  /** Days ago of each timeline entry, submission first. */
  daysAgo: number[];
}

export const DEMO_IDEAS: DemoIdea[] = [
  {
    title: 'Penkkejä Laakson metsäreitin varteen',
    description: 'Reitillä ei ole yhtään levähdyspaikkaa ratsastusstadionin ja sairaalan välillä.',
    themes: ['elderly', 'sport-outdoors'],
    geometry: {
      type: 'LineString',
      coordinates: [
        [24.9188, 60.1992],
        [24.9221, 60.2021],
        [24.9249, 60.2058],
      ],
    },
    steps: [],
    daysAgo: [3],
  },
  {
    title: 'Koirapuisto Ruskeasuolle',
    description: 'Lähin aidattu koira-aitaus on Pasilassa; Ruskeasuon kentän laidalla olisi tilaa.',
    themes: ['community', 'sport-outdoors'],
    geometry: { type: 'Point', coordinates: [24.9172, 60.2049] },
    steps: [{ to: 'connected', reason: 'Yhdistetty Ruskeasuon varikon väliaikaiskäytön suunnitteluun.' }],
    daysAgo: [40, 31],
  },
  {
    title: 'Valaistus Laakson kenttien oikopolulle',
    description: 'Polku on syksyllä ja talvella pimeä, ja sitä kulkee moni koululainen.',
    themes: ['safety', 'traffic-streets'],
    geometry: {
      type: 'LineString',
      coordinates: [
        [24.9205, 60.2005],
        [24.9238, 60.2031],
      ],
    },
    steps: [
      { to: 'connected', reason: 'Yhdistetty Keskuspuiston pääreitin peruskorjaukseen.' },
      { to: 'refining', reason: 'Valaistuksen sijoitusta tarkennetaan yhdessä koulun ja asukkaiden kanssa.' },
    ],
    daysAgo: [75, 62, 45],
  },
  {
    title: 'Ulkokuntoilupaikka Laakson kentän viereen',
    description: 'Kuntoilulaitteita kaikenikäisille kävelyreitin varrelle.',
    themes: ['sport-outdoors', 'elderly'],
    geometry: { type: 'Point', coordinates: [24.9231, 60.2017] },
    costEstimateEur: 45_000,
    steps: [
      { to: 'connected', reason: 'Yhdistetty liikuntapaikkojen kehittämisohjelmaan.' },
      { to: 'refining', reason: 'Laitteista ja paikasta kysyttiin Kehrän kokouksessa.' },
      { to: 'decision', reason: 'Toteutetaan ensi kesänä.', funding: 'Liikuntapaikkojen investointimääräraha 40 000 €' },
    ],
    daysAgo: [120, 110, 90, 30],
  },
  {
    title: 'Roska-astioita Keskuspuiston portille',
    description: 'Laakson portilla roskat jäävät maahan viikonloppuisin.',
    themes: ['environment-climate'],
    geometry: { type: 'Point', coordinates: [24.9196, 60.1981] },
    steps: [
      { to: 'connected', reason: 'Yhdistetty puistojen ylläpitoon.' },
      { to: 'refining', reason: 'Astioiden määrä ja tyhjennysväli sovittu ylläpidon kanssa.' },
      { to: 'decision', reason: 'Kaksi uutta astiaa hankitaan.', funding: 'Puistojen ylläpidon käyttötalous' },
      { to: 'implemented', reason: 'Astiat asennettu.' },
    ],
    daysAgo: [200, 190, 175, 160, 140],
  },
  {
    title: 'Kiipeilyseinä Ruskeasuon varikon päätyyn',
    description: 'Varikon korkea tiiliseinä sopisi kiipeilyyn, ja nuoret kaipaavat alueelle tekemistä.',
    themes: ['youth', 'empty-spaces'],
    geometry: {
      type: 'Polygon',
      coordinates: ring([24.9158, 60.2038], [24.9172, 60.2038], [24.9172, 60.2046], [24.9158, 60.2046]),
    },
    costEstimateEur: 120_000,
    steps: [
      { to: 'connected', reason: 'Yhdistetty Ruskeasuon varikon väliaikaiskäyttöön.' },
      { to: 'refining', reason: 'Rakennuksen kunto ja suojelu selvitetty.' },
      { to: 'decision', reason: 'Kaupunki päättää, toteutetaanko seinä.' },
      {
        to: 'not_taken_forward',
        reason: 'Suojeltuun seinään ei voi kiinnittää kiipeilyotteita, eikä kaupungilla ole tähän rahoitusta.',
        alternativeRoute: 'partnership_table',
        alternativeDetails:
          'Idea viedään Laakson ja Ruskeasuon kumppanuuspöytään: vapaastiseisova seinä yhdessä seurojen kanssa.',
      },
    ],
    daysAgo: [150, 140, 120, 70, 60],
  },
];

export interface DemoNetworkSummary {
  ideas: number;
  kehraGroups: number;
  partnershipTables: number;
  spaces: number;
}

const mark = (trx: Knex, table: 'ideas' | 'kehra_groups' | 'partnership_tables' | 'users', id: number) =>
  trx.raw(`UPDATE ${table} SET is_demo = true WHERE id = ?`, [id]);

async function demoIdOf(trx: Knex, table: 'ideas' | 'kehra_groups' | 'partnership_tables', col: string, value: string) {
  const { rows } = await trx.raw(`SELECT id FROM ${table} WHERE is_demo AND ${col} = ?`, [value]);
  return (rows[0]?.id as number | undefined) ?? null;
}

/** The demo official: created (and flagged) once, found by address on a re-run. */
async function demoOfficial(trx: Knex): Promise<Official> {
  const { user } = await createOrGrant(trx, DEMO_ACTOR, {
    ...DEMO_OFFICIAL,
    passwordHash: null,
    roles: ['official'],
    departments: ['kymp'],
    kehraGroups: [],
  });
  await mark(trx, 'users', user.id);
  return { userId: user.id, email: user.email, ip: null, departmentIds: user.departments.map((d) => d.id) };
}

/** Spreads an idea's timeline over the past days it tells of (the services stamp everything "now"). */
async function backdate(trx: Knex, ideaId: number, daysAgo: number[]): Promise<void> {
  await trx.raw(
    `WITH ev AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM idea_stage_events WHERE idea_id = ?)
     UPDATE idea_stage_events e SET created_at = now() - make_interval(days => (?::int[])[ev.n]) FROM ev WHERE e.id = ev.id`,
    [ideaId, daysAgo],
  );
  await trx.raw(
    `UPDATE ideas i SET submitted_at = t.first, stage_changed_at = t.last,
            first_response_at = CASE WHEN i.first_response_at IS NULL THEN NULL ELSE t.second END
       FROM (SELECT min(created_at) AS first, max(created_at) AS last,
                    (array_agg(created_at ORDER BY id))[2] AS second
               FROM idea_stage_events WHERE idea_id = ?) t
      WHERE i.id = ?`,
    [ideaId, ideaId],
  );
}

async function seedIdeas(trx: Knex, official: () => Promise<Official>): Promise<{ ids: Map<string, number>; created: number }> {
  const ids = new Map<string, number>();
  let created = 0;
  for (const idea of DEMO_IDEAS) {
    const title = idea.title;
    let id = await demoIdOf(trx, 'ideas', 'title', title);
    if (id === null) {
      // An anonymous visitor's idea: no account, no name, no address.
      ({ id } = await submitIdea(
        trx,
        {
          title,
          description: idea.description + NOTE,
          themes: idea.themes,
          geometry: idea.geometry as Record<string, unknown>,
          costEstimateEur: idea.costEstimateEur,
        },
        { userId: null },
      ));
      await mark(trx, 'ideas', id);
      for (const step of idea.steps) await moveIdea(trx, id, step, await official());
      await backdate(trx, id, idea.daysAgo);
      created++;
    }
    ids.set(title, id);
  }
  return { ids, created };
}

/** The most specific district at a point (osa-alue where the division has one). */
async function districtAt(trx: Knex, [lon, lat]: Pos): Promise<number[]> {
  const { areas } = await locatePoint(trx, lon, lat);
  const a = areas.osa_alue ?? areas.peruspiiri ?? areas.suurpiiri;
  return a ? [a.id] : [];
}

async function seedGroup(trx: Knex, official: Official, ideas: Map<string, number>): Promise<number> {
  if ((await demoIdOf(trx, 'kehra_groups', 'name', DEMO_GROUP_NAME)) !== null) return 0;
  // Group names are unique: a real group of that name keeps it, and the story goes without its group.
  if (await groupNameTaken(trx, DEMO_GROUP_NAME, null)) return 0;
  const group = await kehra.createGroup(trx, DEMO_ACTOR, {
    name: DEMO_GROUP_NAME,
    description:
      'Asukkaat, yrittäjät ja kaupunki kehittävät yhdessä Keskuspuiston eteläosaa Laaksosta Ruskeasuolle. (Esimerkkiaineisto.)',
    contactName: 'Kehrän koordinaattori',
    areaIds: await districtAt(trx, [24.922, 60.203]),
  });
  await mark(trx, 'kehra_groups', group.id);
  const members = [
    { name: 'Laakson asukasyhdistyksen edustaja', sector: 'residents', organisation: 'Laakson asukasyhdistys' },
    { name: 'Ruskeasuon asukas', sector: 'residents' },
    { name: 'Ratsastuskoulun yrittäjä', sector: 'businesses', organisation: 'Laakson ratsastuskoulu' },
    { name: 'Alueen puistosuunnittelija', sector: 'city', organisation: 'Kaupunkiympäristön toimiala' },
  ] as const;
  for (const m of members) await kehra.addMember(trx, DEMO_ACTOR, group.id, m);
  await kehra.createDevArea(trx, official, group.id, {
    name: 'Laakson kentät ja Ruskeasuon varikko',
    description: 'Liikuntaa, lepopaikkoja ja väliaikaista käyttöä tyhjälle varikolle.',
    themes: ['sport-outdoors', 'empty-spaces'],
    status: 'planning',
    geometry: DEV_AREA,
  });
  await kehra.replaceGoals(trx, DEMO_ACTOR, group.id, {
    goals: [
      { theme: 'sport-outdoors', goal: 'Liikuntapaikka jokaiselle ikäryhmälle kävelymatkan päähän.' },
      { theme: 'empty-spaces', goal: 'Ruskeasuon varikko asukkaiden käyttöön ennen pysyvää ratkaisua.' },
      { theme: 'safety', goal: 'Valaistut reitit koulujen ja kenttien välillä.' },
    ],
  });
  // The plan, most important first: three ideas, each with the group's note and funding status.
  const plan: [string, string, 'seeking_funding' | 'applied' | 'not_started'][] = [
    ['Valaistus Laakson kenttien oikopolulle', 'Koululaisten turvallisuus ensin.', 'applied'],
    ['Koirapuisto Ruskeasuolle', 'Osa varikon väliaikaiskäyttöä.', 'seeking_funding'],
    ['Penkkejä Laakson metsäreitin varteen', 'Pieni ja nopea toteuttaa.', 'not_started'],
  ];
  for (const [title, note, fundingStatus] of plan)
    await kehra.addPlanItem(trx, DEMO_ACTOR, group.id, { ideaId: ideas.get(title)!, note, fundingStatus });
  // Added in another order than ranked: the group then ranks them, as its members would.
  await kehra.reorderPlan(
    trx,
    DEMO_ACTOR,
    group.id,
    plan.map(([title]) => ideas.get(title)!),
  );
  return 1;
}

async function seedTable(trx: Knex, official: Official, ideas: Map<string, number>, now: Date): Promise<number> {
  if ((await demoIdOf(trx, 'partnership_tables', 'name', DEMO_TABLE_NAME)) !== null) return 0;
  const departmentId = official.departmentIds[0] ?? null;
  const table = await tables.createTable(
    trx,
    { ...official, departmentId },
    {
      name: DEMO_TABLE_NAME,
      convener: 'Kaupunkiympäristön toimiala',
      description:
        'Kaupunki, seurat, yrittäjät ja asukkaat sopivat yhdessä Laakson ja Ruskeasuon liikunnasta ja tyhjistä tiloista.',
      themes: ['sport-outdoors', 'empty-spaces', 'youth'],
      geometry: DEV_AREA,
      meetingPlaceName: 'Ruskeasuon kirjasto',
      meetingPlace: { lon: 24.9135, lat: 60.2047 },
      contactName: 'Pöydän koollekutsuja',
    },
  );
  await mark(trx, 'partnership_tables', table.id);
  const participants = [
    { name: 'Liikuntaseuran edustaja', sector: 'residents', organisation: 'Ruskeasuon Reippaat', public: true },
    { name: 'Nuorisotalon ohjaaja', sector: 'city', organisation: 'Kulttuurin ja vapaa-ajan toimiala', public: true },
    { name: 'Kiipeilykeskuksen yrittäjä', sector: 'businesses', organisation: 'Kalliokiipeily', public: true },
    { name: 'Asukasyhdistyksen edustaja', sector: 'residents', organisation: 'Laakson asukasyhdistys', public: true },
    { name: 'Alueen puistosuunnittelija', sector: 'city', organisation: 'Kaupunkiympäristön toimiala', public: true },
    { name: 'Kahvilayrittäjä', sector: 'businesses', public: true },
  ] as const;
  for (const p of participants) await tables.addParticipant(trx, official, table.id, p);
  const at = (days: number, time: string) => helsinkiAt(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, time);
  await tables.addMeeting(trx, official, table.id, {
    startsAt: at(-21, '17:00'),
    endsAt: at(-21, '19:00'),
    place: 'Ruskeasuon kirjasto',
    placePoint: { lon: 24.9135, lat: 60.2047 },
    agenda: '1. Varikon väliaikaiskäyttö\n2. Kiipeilyseinä-idea\n3. Talven valaistus',
    minutes:
      'Sovittiin, että seura ja kiipeilykeskus selvittävät vapaastiseisovan seinän. Valaistus viedään Kehrän suunnitelmaan.',
  });
  await tables.addMeeting(trx, official, table.id, {
    startsAt: at(24, '17:30'),
    endsAt: at(24, '19:30'),
    place: 'Laakson nuorisotalo',
    agenda: '1. Seinän rahoitus\n2. Koirapuiston paikka\n3. Kesän tapahtumat',
  });
  const outcomes: { route: OutcomeRoute; description: string; ideaIds: number[] }[] = [
    {
      route: 'joint_action',
      description: 'Seura ja kiipeilykeskus rakentavat vapaastiseisovan kiipeilyseinän; kaupunki osoittaa paikan.',
      ideaIds: [ideas.get('Kiipeilyseinä Ruskeasuon varikon päätyyn')!],
    },
    {
      route: 'municipal_budget',
      description: 'Oikopolun valaistus esitetään ensi vuoden talousarvioon.',
      ideaIds: [ideas.get('Valaistus Laakson kenttien oikopolulle')!],
    },
  ];
  for (const o of outcomes) await tables.addOutcome(trx, official, table.id, o);
  return 1;
}

/** Ideas, a Kehrä group and a partnership table; what exists already (by title or name) is left as it is. */
export async function seedDemoNetwork(trx: Knex, now: Date): Promise<DemoNetworkSummary> {
  let official: Official | null = null;
  // The account is made only when something needs it, so a re-run writes nothing at all.
  const officialOnce = async () => (official ??= await demoOfficial(trx));
  const { ids, created } = await seedIdeas(trx, officialOnce);
  const groupMissing = (await demoIdOf(trx, 'kehra_groups', 'name', DEMO_GROUP_NAME)) === null;
  const tableMissing = (await demoIdOf(trx, 'partnership_tables', 'name', DEMO_TABLE_NAME)) === null;
  return {
    ideas: created,
    kehraGroups: groupMissing ? await seedGroup(trx, await officialOnce(), ids) : 0,
    partnershipTables: tableMissing ? await seedTable(trx, await officialOnce(), ids, now) : 0,
    spaces: await seedSpaces(trx),
  };
}

const SPACES_FIXTURE_FILE = path.join(repoRoot, 'data/spaces/spaces.fixture.geojson');

/** The project's own invented spaces (data/spaces/spaces.fixture.geojson), once: flagged demo, so removal takes them. */
async function seedSpaces(trx: Knex): Promise<number> {
  const { rows } = await trx.raw('SELECT 1 FROM spaces WHERE source = ? AND is_demo LIMIT 1', [SPACES_FIXTURE_SOURCE]);
  if (rows.length) return 0;
  return (await upsertSpaces(trx, SPACES_FIXTURE_SOURCE, readSpacesFixture(SPACES_FIXTURE_FILE), { demo: true })).length;
}

export interface DemoNetworkRemoval {
  ideas: number;
  kehraGroups: number;
  partnershipTables: number;
  spaces: number;
  accounts: number;
}

const count = async (trx: Knex, sqlText: string) => ((await trx.raw(`${sqlText} RETURNING id`)).rows as unknown[]).length;

/**
 * Deletes every demo idea, group, table and account; their timelines, members, areas, plans,
 * meetings, outcomes, votes, comments and roles go by cascade. Reports about demo content and the
 * demo's own audit entries (they tell of made-up actions) go too, so nothing points at a missing row.
 */
export async function removeDemoNetwork(trx: Knex): Promise<DemoNetworkRemoval> {
  await trx.raw(
    `DELETE FROM content_reports r
      WHERE (r.target_type = 'idea' AND r.target_id IN (SELECT id FROM ideas WHERE is_demo))
         OR (r.target_type = 'comment' AND r.target_id IN (SELECT c.id FROM idea_comments c JOIN ideas i ON i.id = c.idea_id WHERE i.is_demo))`,
  );
  await trx.raw(`DELETE FROM audit_log WHERE actor_email = ? OR actor_user_id IN (SELECT id FROM users WHERE is_demo)`, [
    DEMO_ACTOR.email,
  ]);
  return {
    ideas: await count(trx, 'DELETE FROM ideas WHERE is_demo'),
    kehraGroups: await count(trx, 'DELETE FROM kehra_groups WHERE is_demo'),
    partnershipTables: await count(trx, 'DELETE FROM partnership_tables WHERE is_demo'),
    // Their bookings go by cascade.
    spaces: await count(trx, 'DELETE FROM spaces WHERE is_demo'),
    accounts: await count(trx, 'DELETE FROM users WHERE is_demo'),
  };
}

/** True when no idea, Kehrä group or partnership table exists yet: first start may tell the story. */
export async function networkIsEmpty(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw(
    `SELECT NOT EXISTS (SELECT 1 FROM ideas) AND NOT EXISTS (SELECT 1 FROM kehra_groups)
        AND NOT EXISTS (SELECT 1 FROM partnership_tables) AS empty`,
  );
  return rows[0].empty as boolean;
}
