import type { Knex } from 'knex';
import * as repo from '../activities/activities.repository.js';
import type { ActivityInput } from '../activities/activities.repository.js';
import type { Config } from '../config.js';
import { log } from '../log.js';
import {
  networkIsEmpty,
  removeDemoNetwork,
  seedDemoNetwork,
  type DemoNetworkRemoval,
  type DemoNetworkSummary,
} from './demo-network.js';
import { helsinkiAt } from './demo-time.js';

/**
 * The Keskuspuisto (Central Park) story: every department is busy in and around the park, and
 * several of their activities share places and weeks — exactly what the overlap view is for.
 * Invented but plausible; every row is `is_demo` (the API says so, the UI labels it) and
 * `npm run seed:demo:remove` deletes them all.
 */
export const DEMO_SOURCE = 'demo';
export const DEMO_DATASET = 'activities:demo';
const NOTE_FI = ' (Esimerkkiaineisto – ei todellinen hanke.)';
const NOTE_SV = ' (Exempeldata – inte ett verkligt projekt.)';
const NOTE_EN = ' (Demo data – not a real activity.)';

type Pos = [number, number];
const point = (p: Pos) => ({ type: 'Point', coordinates: p });
const line = (...ps: Pos[]) => ({ type: 'LineString', coordinates: ps });
const polygon = (...ps: Pos[]) => ({ type: 'Polygon', coordinates: [[...ps, ps[0]]] });

/** A rough outline of Keskuspuisto from Laakso to Paloheinä. */
const PARK = polygon(
  [24.915, 60.192],
  [24.932, 60.192],
  [24.94, 60.21],
  [24.944, 60.235],
  [24.94, 60.255],
  [24.92, 60.256],
  [24.91, 60.235],
  [24.906, 60.21],
);

/** A day relative to the first of the month, or that day at a Helsinki wall-clock time ([35, '18:00']). */
type Moment = number | [number, string];
type Demo = Omit<ActivityInput, 'source' | 'isDemo' | 'startsAt' | 'endsAt'> & { span: [Moment | null, Moment | null] };

/**
 * Times are days relative to the first day of the current month, so "now and upcoming" is always
 * populated and a re-run within the month changes nothing. A day alone starts at midnight in
 * Helsinki; an event has its Helsinki clock time (a concert at 18.00, not at 2.00).
 */
export function demoActivities(now = new Date()): ActivityInput[] {
  const day = (m: Moment | null) => {
    if (m === null) return null;
    const [d, time] = typeof m === 'number' ? [m, '00:00'] : m;
    return helsinkiAt(now.getUTCFullYear(), now.getUTCMonth(), 1 + d, time);
  };
  const list: Demo[] = [
    // Kaupunkiympäristön toimiala
    {
      sourceId: 'kp-paareitti',
      department: 'kymp',
      kind: 'construction',
      status: 'ongoing',
      span: [-20, 140],
      titleFi: 'Keskuspuiston pääreitin peruskorjaus',
      titleSv: 'Centralparkens huvudled renoveras',
      titleEn: 'Central Park main trail renovation',
      descriptionFi: 'Pääreitin pintakerros ja kuivatus uusitaan Laakson ja Maunulan välillä; reitti on ajoittain kavennettu.',
      themes: ['sport-outdoors', 'traffic-streets'],
      contact: 'kaupunkiymparisto@hel.fi',
      geometry: line([24.9262, 60.1985], [24.9241, 60.2062], [24.9258, 60.2141], [24.9269, 60.2228], [24.9287, 60.2305]),
    },
    {
      sourceId: 'kp-luonnonhoito',
      department: 'kymp',
      kind: 'planning',
      status: 'planned',
      span: [10, 400],
      titleFi: 'Keskuspuiston luonnonhoitosuunnitelma',
      titleSv: 'Naturvårdsplan för Centralparken',
      titleEn: 'Central Park nature management plan',
      descriptionFi: 'Metsien, niittyjen ja purolaaksojen hoito seuraavalle kymmenelle vuodelle.',
      themes: ['environment-climate'],
      geometry: PARK,
    },
    {
      sourceId: 'kp-hakamaentie',
      department: 'kymp',
      kind: 'construction',
      status: 'planned',
      span: [30, 240],
      titleFi: 'Hakamäentien meluesteet',
      titleSv: 'Bullerskydd längs Backasvägen',
      titleEn: 'Hakamäentie noise barriers',
      themes: ['traffic-streets', 'environment-climate'],
      geometry: line([24.905, 60.2147], [24.918, 60.2142], [24.93, 60.2139], [24.945, 60.2146]),
    },
    {
      sourceId: 'kp-valaistus',
      department: 'kymp',
      kind: 'project',
      status: 'ongoing',
      span: [-60, 60],
      titleFi: 'Pirkkolan ulkoilureittien valaistus',
      titleSv: 'Belysning av friluftslederna i Britas',
      titleEn: 'Lighting the Pirkkola outdoor trails',
      themes: ['sport-outdoors', 'safety'],
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [24.918, 60.2305],
            [24.923, 60.2335],
            [24.929, 60.234],
          ],
          [
            [24.921, 60.228],
            [24.923, 60.2335],
          ],
        ],
      },
    },
    // Kulttuurin ja vapaa-ajan toimiala
    {
      sourceId: 'kp-pirkkola',
      department: 'kuva',
      kind: 'service',
      status: 'ongoing',
      span: [null, null],
      titleFi: 'Pirkkolan liikuntapuisto',
      titleSv: 'Britas idrottspark',
      titleEn: 'Pirkkola sports park',
      themes: ['sport-outdoors'],
      url: 'https://www.hel.fi/fi/kulttuuri-ja-vapaa-aika/liikunta',
      geometry: polygon([24.918, 60.2295], [24.927, 60.2295], [24.927, 60.2345], [24.918, 60.2345]),
    },
    {
      sourceId: 'kp-metsakonsertti',
      department: 'kuva',
      kind: 'event',
      status: 'planned',
      span: [
        [35, '18:00'],
        [35, '20:00'],
      ],
      titleFi: 'Metsäkonsertti Keskuspuistossa',
      titleSv: 'Skogskonsert i Centralparken',
      titleEn: 'Forest concert in Central Park',
      descriptionFi: 'Kaupunginorkesterin jousikvartetti soittaa Laakson metsäaukealla.',
      themes: ['culture'],
      geometry: point([24.9245, 60.2075]),
    },
    {
      sourceId: 'kp-paloheina-maja',
      department: 'kuva',
      kind: 'service',
      status: 'ongoing',
      span: [null, null],
      titleFi: 'Paloheinän ulkoilumaja',
      titleSv: 'Svedängens friluftsstuga',
      titleEn: 'Paloheinä outdoor lodge',
      themes: ['sport-outdoors', 'services'],
      geometry: point([24.9253, 60.2542]),
    },
    {
      sourceId: 'kp-nuorten-ilta',
      department: 'kuva',
      kind: 'event',
      status: 'ongoing',
      span: [-10, 80],
      titleFi: 'Nuorten iltaliikunta Pirkkolassa',
      titleSv: 'Kvällsmotion för unga i Britas',
      titleEn: 'Evening sport for young people in Pirkkola',
      themes: ['youth', 'sport-outdoors'],
      geometry: point([24.9225, 60.2318]),
    },
    {
      sourceId: 'kp-kirjasto-retki',
      department: 'kuva',
      kind: 'event',
      status: 'planned',
      span: [
        [14, '10:00'],
        [14, '13:00'],
      ],
      titleFi: 'Maunulan kirjaston luontoretki',
      titleSv: 'Naturutflykt med Månsas bibliotek',
      titleEn: 'Maunula library nature walk',
      themes: ['culture', 'elderly', 'environment-climate'],
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [24.9305, 60.2312],
          [24.9281, 60.2262],
        ],
      },
    },
    // Kasvatuksen ja koulutuksen toimiala
    {
      sourceId: 'kp-metsaeskari',
      department: 'kasko',
      kind: 'service',
      status: 'ongoing',
      span: [-90, 180],
      titleFi: 'Metsäeskari Keskuspuistossa',
      titleSv: 'Skogsförskola i Centralparken',
      titleEn: 'Forest preschool in Central Park',
      themes: ['children-families', 'environment-climate'],
      geometry: polygon([24.926, 60.2255], [24.9315, 60.2255], [24.9315, 60.2285], [24.926, 60.2285]),
    },
    {
      sourceId: 'kp-liikuntapaiva',
      department: 'kasko',
      kind: 'event',
      status: 'planned',
      span: [
        [35, '9:00'],
        [35, '14:00'],
      ],
      titleFi: 'Koulujen yhteinen liikuntapäivä',
      titleSv: 'Skolornas gemensamma idrottsdag',
      titleEn: 'Joint school sports day',
      descriptionFi: 'Pohjois-Helsingin koulut liikkuvat Pirkkolassa ja Keskuspuiston poluilla.',
      themes: ['youth', 'sport-outdoors'],
      geometry: polygon([24.92, 60.229], [24.93, 60.229], [24.93, 60.236], [24.92, 60.236]),
    },
    {
      sourceId: 'kp-leikkipuisto',
      department: 'kasko',
      kind: 'service',
      status: 'ongoing',
      span: [null, null],
      titleFi: 'Leikkipuisto Metsälä',
      titleSv: 'Lekparken Krämertsskog',
      titleEn: 'Metsälä playpark',
      themes: ['children-families'],
      geometry: point([24.9395, 60.2205]),
    },
    // Sosiaali-, terveys- ja pelastustoimiala
    {
      sourceId: 'kp-laakso',
      department: 'sote',
      kind: 'construction',
      status: 'ongoing',
      span: [-300, 900],
      titleFi: 'Laakson yhteissairaalan rakentaminen',
      titleSv: 'Dals samsjukhus byggs',
      titleEn: 'Laakso joint hospital construction',
      themes: ['services', 'traffic-streets'],
      geometry: polygon([24.9105, 60.1955], [24.9175, 60.1955], [24.9175, 60.2005], [24.9105, 60.2005]),
    },
    {
      sourceId: 'kp-kavelyryhma',
      department: 'sote',
      kind: 'event',
      status: 'ongoing',
      span: [-30, 120],
      titleFi: 'Ikäihmisten kävelyryhmä',
      titleSv: 'Promenadgrupp för äldre',
      titleEn: 'Walking group for older people',
      descriptionFi: 'Viikoittainen ohjattu kävely Laaksosta Keskuspuistoon.',
      themes: ['elderly', 'sport-outdoors'],
      geometry: line([24.9165, 60.1985], [24.922, 60.2015], [24.9245, 60.2065], [24.9205, 60.2045], [24.9165, 60.1985]),
    },
    {
      sourceId: 'kp-maastopalo',
      department: 'sote',
      kind: 'event',
      status: 'planned',
      span: [
        [50, '8:00'],
        [51, '16:00'],
      ],
      titleFi: 'Pelastuslaitoksen maastopaloharjoitus',
      titleSv: 'Räddningsverkets terrängbrandövning',
      titleEn: 'Rescue department wildfire exercise',
      themes: ['safety'],
      geometry: polygon([24.92, 60.248], [24.932, 60.248], [24.932, 60.2545], [24.92, 60.2545]),
    },
    // Kaupunginkanslia
    {
      sourceId: 'kp-osallistuva-budjetointi',
      department: 'kanslia',
      kind: 'participation',
      status: 'ongoing',
      span: [-15, 45],
      titleFi: 'OmaStadi: ideoi Keskuspuistoa',
      titleSv: 'OmaStadi: idéer för Centralparken',
      titleEn: 'OmaStadi: ideas for Central Park',
      themes: ['community', 'free-ideas'],
      url: 'https://omastadi.hel.fi',
      geometry: PARK,
    },
    {
      sourceId: 'kp-ruskeasuo-tila',
      department: 'kanslia',
      kind: 'project',
      status: 'planned',
      span: [20, 200],
      titleFi: 'Ruskeasuon tyhjän varikon väliaikaiskäyttö',
      titleSv: 'Tillfällig användning av det tomma depået i Brunakärr',
      titleEn: 'Temporary use of the empty Ruskeasuo depot',
      themes: ['empty-spaces', 'local-vitality', 'community'],
      geometry: polygon([24.9155, 60.2035], [24.9205, 60.2035], [24.9205, 60.2065], [24.9155, 60.2065]),
    },
    {
      sourceId: 'kp-turvallisuuskavely',
      department: 'kanslia',
      kind: 'participation',
      status: 'planned',
      span: [
        [35, '17:30'],
        [35, '19:00'],
      ],
      titleFi: 'Turvallisuuskävely Maunulassa',
      titleSv: 'Trygghetspromenad i Månsas',
      titleEn: 'Safety walk in Maunula',
      themes: ['safety', 'community'],
      geometry: line([24.9245, 60.2285], [24.929, 60.231], [24.9335, 60.2325]),
    },
  ];
  return list.map(({ span, ...a }) => ({
    ...a,
    descriptionFi: (a.descriptionFi ?? a.titleFi) + NOTE_FI,
    descriptionSv: (a.descriptionSv ?? a.titleSv ?? '') + NOTE_SV,
    descriptionEn: (a.descriptionEn ?? a.titleEn ?? '') + NOTE_EN,
    startsAt: day(span[0]),
    endsAt: day(span[1]),
    source: DEMO_SOURCE,
    isDemo: true,
  }));
}

export interface SeedSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What first start seeds: the whole story, the activities only (e.g. for tests that count ideas), or nothing. */
export type DemoScope = Config['demo'];

/** Activities as inserted/updated/unchanged; the ideas, groups and tables created by this run. */
export type DemoSummary = SeedSummary & DemoNetworkSummary;

/** The whole story by default; `activities` or `network: false` leave a part out. One transaction. */
export async function seedDemo(
  knex: Knex,
  opts: { now?: Date; activities?: boolean; network?: boolean } = {},
): Promise<DemoSummary> {
  const now = opts.now ?? new Date();
  const summary: DemoSummary = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    ideas: 0,
    kehraGroups: 0,
    partnershipTables: 0,
    spaces: 0,
  };
  await knex.transaction(async (trx) => {
    if (opts.activities ?? true) for (const a of demoActivities(now)) summary[(await repo.upsertActivity(trx, a)).action]++;
    if (opts.network ?? true) Object.assign(summary, await seedDemoNetwork(trx, now));
    await repo.recordActivityImport(trx, DEMO_DATASET, 'seed:demo', summary);
  });
  return summary;
}

export type DemoRemoval = DemoNetworkRemoval & { activities: number };

export async function removeDemo(knex: Knex): Promise<DemoRemoval> {
  return knex.transaction(async (trx) => {
    const network = await removeDemoNetwork(trx);
    const removed = { activities: await repo.deleteActivitiesWhere(trx, { isDemo: true }), ...network };
    await repo.recordActivityImport(trx, DEMO_DATASET, 'seed:demo:remove', removed);
    return removed;
  });
}

async function demoWasRemoved(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw('SELECT 1 FROM data_imports WHERE dataset = ? AND source = ? LIMIT 1', [
    DEMO_DATASET,
    'seed:demo:remove',
  ]);
  return rows.length > 0;
}

/**
 * First start: an empty activities table gets the demo activities, and a database without ideas,
 * Kehrä groups and partnership tables the rest of the story (so a database seeded before the story
 * had ideas gets them too). Never after `seed:demo:remove`, which data_imports remembers.
 */
export async function ensureDemoSeed(knex: Knex, scope: DemoScope = 'all'): Promise<DemoSummary | null> {
  if (scope === 'off') {
    log.info('Demo: off (KK_DEMO=off)');
    return null;
  }
  if (await demoWasRemoved(knex)) {
    log.info('Demo: removed earlier with "npm run seed:demo:remove"; not seeding it again');
    return null;
  }
  const activities = (await repo.countAllActivities(knex)) === 0 && !(await repo.hasImportRecord(knex, DEMO_DATASET));
  const network = scope === 'all' && (await networkIsEmpty(knex));
  if (!activities && !network) {
    log.info('Demo: nothing to seed (activities, ideas, Kehrä or tables are there already)');
    return null;
  }
  log.info(
    `Demo: seeding the Keskuspuisto story (${[activities && 'activities', network && 'ideas, Kehrä, tables'].filter(Boolean).join('; ')})…`,
  );
  const s = await seedDemo(knex, { activities, network });
  log.info(
    `Demo: ${s.inserted} activities, ${s.ideas} ideas, ${s.kehraGroups} Kehrä group, ${s.partnershipTables} partnership table; ` +
      'remove with "npm run seed:demo:remove"',
  );
  return s;
}
