/**
 * npm run bench [-- --sizes 10000,100000 --import-sample 2000]
 * Generates synthetic activities in a temporary embedded database (or in DATABASE_URL, where it
 * adds rows of source 'bench' and removes them again) and prints: items per second through the
 * importer path, and viewport query time and payload size at each size (also the map's cell counts for
 * views holding more than it fetches); then the districts layer
 * (payload and time per level), idea submission latency and the ideas layer with 10 000 ideas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { activityClusters } from '../server/src/activities/activities.clusters.js';
import { activitiesDataset } from '../server/src/activities/activities.dataset.js';
import { collectionBody, collectionPage } from '../server/src/collections/collection.service.js';
import { areaCollectionJson } from '../server/src/areas/areas.repository.js';
import { AREA_LEVELS } from '../server/src/contracts/areas.js';
import { ideasDataset } from '../server/src/ideas/ideas.dataset.js';
import { submitIdea } from '../server/src/ideas/ideas.service.js';
import { IMPORT_BATCH_SIZE, runImport, type Candidate } from '../server/src/activities/importers/import-runner.js';
import { importAreasFrom, OFFLINE_FIXTURE_DIR } from '../server/src/areas/areas.service.js';
import { repoRoot } from '../server/src/config.js';
import { connect } from '../server/src/db/connection.js';
import { migrateLatest } from '../server/src/db/migrate.js';
import { progressLine } from './cli.js';
import type { ActivityFilter } from '../server/src/contracts/activities.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,100000' }, 'import-sample': { type: 'string', default: '2000' } },
});
const sizes = values
  .sizes!.split(',')
  .map(Number)
  .sort((a, b) => a - b);
const sample = Number(values['import-sample']);
const databaseUrl = process.env.DATABASE_URL;
const SHARED = path.resolve(repoRoot, '../shared/data/helsinki');

const t0 = Date.now();
const db = await connect({ databaseUrl });
const knex = db.knex;
console.log(`Backend: ${db.backend}${databaseUrl ? '' : ' (temporary, in memory)'}`);
await migrateLatest(knex);
if (!databaseUrl) {
  const src = fs.existsSync(path.join(SHARED, 'hki-suurpiiri')) ? SHARED : OFFLINE_FIXTURE_DIR;
  await importAreasFrom(knex, src, { isFixture: src === OFFLINE_FIXTURE_DIR });
  console.log(`Areas from ${src} (setup ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

// Deterministic pseudo-random numbers, so runs compare.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const DEPTS = ['kasko', 'kymp', 'kuva', 'sote', 'kanslia'];
const KINDS = ['project', 'service', 'event', 'construction', 'planning', 'participation'] as const;
const STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
const THEMES = ['youth', 'elderly', 'services', 'culture', 'sport-outdoors', 'traffic-streets', 'community'];
const lon = () => 24.83 + rnd() * 0.32;
const lat = () => 60.15 + rnd() * 0.13;

function synthetic(i: number): Candidate {
  const x = lon();
  const y = lat();
  const r = rnd();
  const geometry =
    r < 0.8
      ? { type: 'Point', coordinates: [x, y] }
      : r < 0.9
        ? {
            type: 'LineString',
            coordinates: [
              [x, y],
              [x + 0.004, y + 0.001],
              [x + 0.006, y + 0.003],
            ],
          }
        : {
            type: 'Polygon',
            coordinates: [
              [
                [x, y],
                [x + 0.003, y],
                [x + 0.003, y + 0.0015],
                [x, y + 0.0015],
                [x, y],
              ],
            ],
          };
  const start = Date.UTC(2026, 0, 1) + Math.floor(rnd() * 730) * 86_400_000;
  return {
    activity: {
      source: 'bench',
      sourceId: `import-${i}`,
      department: DEPTS[i % 5],
      kind: KINDS[i % 6],
      status: STATUSES[i % 4],
      titleFi: `Synteettinen toiminta ${i}`,
      titleSv: `Syntetisk verksamhet ${i}`,
      titleEn: `Synthetic activity ${i}`,
      descriptionFi: 'Benchmark row.',
      startsAt: new Date(start).toISOString(),
      endsAt: rnd() < 0.2 ? null : new Date(start + Math.floor(rnd() * 120) * 86_400_000).toISOString(),
      themes: [THEMES[i % 7], THEMES[(i * 3 + 1) % 7]].filter((v, k, a) => a.indexOf(v) === k),
      geometry,
    },
  };
}

await knex.raw(`DELETE FROM activities WHERE source = 'bench'`);
// 1. The importer path: validation, set-based upsert batches, themes, area links (statement trigger).
const imp = await runImport(
  knex,
  'activities:bench',
  'synthetic',
  Array.from({ length: sample }, (_, i) => synthetic(i)),
);
console.log(
  `\nImport: ${imp.read} items in ${imp.durationMs} ms = ${imp.itemsPerSecond} items/s (batches of ${IMPORT_BATCH_SIZE})`,
);
seed = 42;
const again = await runImport(
  knex,
  'activities:bench',
  'synthetic',
  Array.from({ length: sample }, (_, i) => synthetic(i)),
);
console.log(
  `Re-import of the same items: ${again.itemsPerSecond} items/s, ${again.unchanged} unchanged, ${again.inserted + again.updated} written`,
);

// 2. Each size loaded through the same bulk importer (batches of IMPORT_BATCH_SIZE), then the viewport queries.
function* syntheticRange(from: number, to: number): Generator<Candidate> {
  for (let i = from; i < to; i++) yield synthetic(i);
}
async function fillTo(n: number): Promise<void> {
  const { rows } = await knex.raw(`SELECT count(*)::int AS n FROM activities WHERE source = 'bench'`);
  const have = rows[0].n as number;
  if (have >= n) return;
  const bar = progressLine();
  const s = await runImport(knex, 'activities:bench', 'synthetic', syntheticRange(have, n), bar.onProgress);
  bar.done();
  console.log(
    `Bulk import ${have} → ${n}: ${s.inserted} rows in ${(s.durationMs / 1000).toFixed(1)} s = ${s.itemsPerSecond} items/s`,
  );
  await knex.raw('ANALYZE activities');
  await knex.raw('ANALYZE activity_themes');
  await knex.raw('ANALYZE activity_areas');
}

async function time(f: ActivityFilter, limit: number): Promise<{ ms: number; bytes: number; returned: number; matched: number }> {
  const runs: number[] = [];
  let out = { body: '', numberMatched: 0, numberReturned: 0 };
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const page = await collectionPage(knex, activitiesDataset, f, { limit });
    out = { body: collectionBody(page), numberMatched: page.numberMatched, numberReturned: page.numberReturned };
    runs.push(performance.now() - s);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[2], bytes: Buffer.byteLength(out.body), returned: out.numberReturned, matched: out.numberMatched };
}

/** Median and 95th percentile of `runs` calls, in ms. */
async function measure<T>(runs: number, f: (i: number) => Promise<T>): Promise<{ median: number; p95: number; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await f(i);
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(runs / 2)], p95: ms[Math.min(runs - 1, Math.floor(runs * 0.95))], last };
}
const kib = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`;

const VIEWPORTS: [string, ActivityFilter, number][] = [
  ['district viewport (~2.8 × 2.8 km), limit 1000', { bbox: [24.92, 60.17, 24.97, 60.195] }, 1000],
  ['whole city, limit 1000', { bbox: [24.78, 60.1, 25.25, 60.3] }, 1000],
  ['whole city, limit 5000 (max)', { bbox: [24.78, 60.1, 25.25, 60.3] }, 5000],
  [
    'district + theme + time window',
    {
      bbox: [24.92, 60.17, 24.97, 60.195],
      theme: ['culture', 'youth'],
      from: '2026-06-01T00:00:00Z',
      to: '2026-09-01T00:00:00Z',
    },
    1000,
  ],
];
for (const n of sizes) {
  const s = Date.now();
  await fillTo(n);
  console.log(
    `\n${n} activities (generated in ${((Date.now() - s) / 1000).toFixed(1)} s, loaded by the bulk importer, districts and themes included)`,
  );
  for (const [label, f, limit] of VIEWPORTS) {
    const r = await time(f, limit);
    console.log(
      `  ${label.padEnd(48)} ${r.ms.toFixed(1).padStart(7)} ms median of 5, ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB, ${r.returned} of ${r.matched}`,
    );
  }
  // What the map asks for when a view holds more than it fetches one by one.
  for (const [label, zoom] of [
    ['whole city, cells at zoom 10', 10],
    ['whole city, cells at zoom 12', 12],
  ] as const) {
    const r = await measure(5, () => activityClusters(knex, { bbox: [24.78, 60.1, 25.25, 60.3] }, zoom));
    const body = JSON.stringify(r.last);
    console.log(
      `  ${label.padEnd(48)} ${r.median.toFixed(1).padStart(7)} ms median of 5, ${kib(body).padStart(5)}, ${r.last.features.length} cells of ${r.last.numberMatched}`,
    );
  }
}

await knex.raw(`DELETE FROM activities WHERE source = 'bench'`);
await knex.raw(`DELETE FROM data_imports WHERE dataset = 'activities:bench'`);

// 3. The districts layer as the map loads it.
console.log('\nDistricts layer (GET /api/areas?level=…, built in PostGIS)');
for (const level of AREA_LEVELS) {
  const r = await measure(5, () => areaCollectionJson(knex, level));
  console.log(`  ${level.padEnd(11)} ${r.median.toFixed(1).padStart(7)} ms median of 5, ${kib(r.last).padStart(8)}`);
}

// 4. Submitting ideas: validation in PostGIS, tracking code, areas, timeline, one statement.
const BENCH_TITLE = 'Bench idea';
const point = (i: number) => ({ type: 'Point', coordinates: [24.93 + (i % 40) * 0.001, 60.17 + (i % 30) * 0.001] });
const polygon = (i: number) => {
  const [x, y] = point(i).coordinates;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 0.002, y],
        [x + 0.002, y + 0.001],
        [x, y + 0.001],
        [x, y],
      ],
    ],
  };
};
for (const [label, geometry] of [
  ['point', point],
  ['polygon', polygon],
] as const) {
  const r = await measure(50, (i) =>
    submitIdea(
      knex,
      { title: BENCH_TITLE, description: 'Benchmark idea.', themes: ['community'], geometry: geometry(i) },
      { userId: null },
    ),
  );
  console.log(`\nIdea submission (${label}): ${r.median.toFixed(1)} ms median, ${r.p95.toFixed(1)} ms p95 of 50`);
}

// M7: 32 people submitting at once (the service itself: HTTP adds its rate limit per address).
{
  const CLIENTS = 32;
  const TOTAL = 640;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const t = performance.now();
        await submitIdea(
          knex,
          { title: BENCH_TITLE, description: 'Benchmark idea.', themes: ['community'], geometry: point(i) },
          { userId: null },
        );
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(
    `Idea submission, ${CLIENTS} at once: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (goal ≤ 100 ms on PostgreSQL), ` +
      `${(TOTAL / seconds).toFixed(0)} ideas/s`,
  );
}

// 5. The ideas layer with 10 000 ideas.
await knex.raw(
  `INSERT INTO ideas (tracking_code, title, description, geom)
   SELECT 'KK-B' || lpad(g::text, 6, '0'), ?, 'Benchmark idea.',
          ST_SetSRID(ST_MakePoint(24.83 + 0.32 * ((g::bigint * 7919) % 100003) / 100003.0,
                                  60.15 + 0.13 * ((g::bigint * 104729) % 99991) / 99991.0), 4326)
     FROM generate_series(1, 10000 - (SELECT count(*)::int FROM ideas WHERE title = ?)) g`,
  [BENCH_TITLE, BENCH_TITLE],
);
await knex.raw(
  `INSERT INTO idea_themes (idea_id, theme_id) SELECT i.id, (SELECT id FROM themes WHERE slug = 'community') FROM ideas i
                WHERE i.title = ? ON CONFLICT DO NOTHING`,
  [BENCH_TITLE],
);
await knex.raw('ANALYZE ideas');
console.log('\n10 000 ideas (GET /api/ideas)');
for (const [label, bbox, limit] of [
  ['district viewport, limit 1000', [24.92, 60.17, 24.97, 60.195], 1000],
  ['whole city, limit 1000', [24.78, 60.1, 25.25, 60.3], 1000],
  ['whole city, limit 5000 (max)', [24.78, 60.1, 25.25, 60.3], 5000],
] as const) {
  const r = await measure(5, async () =>
    collectionBody(
      await collectionPage(
        knex,
        ideasDataset({ waitingDays: 14 }),
        { bbox: [...bbox] as [number, number, number, number] },
        { limit },
      ),
    ),
  );
  console.log(`  ${label.padEnd(32)} ${r.median.toFixed(1).padStart(7)} ms median of 5, ${kib(r.last).padStart(8)}`);
}
await knex.raw('DELETE FROM ideas WHERE title = ?', [BENCH_TITLE]);
await db.close();
console.log(`\nTotal ${((Date.now() - t0) / 1000).toFixed(0)} s`);
