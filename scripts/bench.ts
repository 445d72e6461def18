/**
 * npm run bench [-- --backends pglite,pg --sizes 10000,100000,1000000 --explain]
 * The harness of issue 10: deterministic synthetic activities loaded through the project's own bulk
 * importer, on each backend in turn (pg is DATABASE_URL, where the bench adds rows of source
 * 'bench' and removes them again unless --keep), and at each size the figures below, printed, never
 * asserted: M1 viewport API p50 ÷ the same SQL straight through the driver; M2 requests/s at 32
 * clients ÷ a bare pool running that SQL; M3 tile requests/s ÷ the raw ST_AsMVT query of the same
 * tiles; M4 gzip bytes of the initial activities view; M5 PGlite ÷ PostgreSQL per endpoint; M7 idea
 * submission at 32 at once; long tasks while panning at 100 000 in Chromium; EXPLAIN of every map
 * query at the largest size (--explain; --explain-only loads and explains, nothing else). The app runs in this process, on an ephemeral port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { IMPORT_BATCH_SIZE, runImport } from '../server/src/activities/importers/import-runner.js';
import { importAreasFrom, OFFLINE_FIXTURE_DIR } from '../server/src/areas/areas.service.js';
import { AREA_LEVELS } from '../server/src/contracts/areas.js';
import { repoRoot } from '../server/src/config.js';
import { connect, type Database } from '../server/src/db/connection.js';
import { migrateLatest } from '../server/src/db/migrate.js';
import { submitIdea } from '../server/src/ideas/ideas.service.js';
import { browserAvailable, longTasksWhilePanning, type LongTasks } from './bench/browser.js';
import { explain, readsActivities } from './bench/explain.js';
import { closedLoop, interleaved, timed } from './bench/load.js';
import { capture, pgliteReplay, pgReplay, replayAll, type Replay, type Statement } from './bench/replay.js';
import { syntheticRange } from './bench/synthetic.js';
import { bboxParam, fitBounds, get, gzipBytes, serve, viewAt, type BenchServer, type View } from './bench/web.js';
import { progressLine } from './cli.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    backends: { type: 'string', default: process.env.DATABASE_URL ? 'pg' : 'pglite' },
    'import-sample': { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '5' },
    explain: { type: 'boolean', default: false },
    'explain-only': { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values
  .sizes!.split(',')
  .map(Number)
  .sort((a, b) => a - b);
const backends = values.backends!.split(',').map((b) => b.trim()) as ('pglite' | 'pg')[];
for (const b of backends) if (b !== 'pglite' && b !== 'pg') throw new Error(`--backends: unknown backend ${b} (pglite, pg)`);
if (backends.includes('pg') && !process.env.DATABASE_URL) throw new Error('--backends pg needs DATABASE_URL');
const SECONDS = Number(values.seconds);
const CLIENTS = 32;
const SHARED = path.resolve(repoRoot, '../shared/data/helsinki');
const CLIENT_DIST = path.join(repoRoot, 'client/dist');
/** The map's first view (client/src/map/base-style.ts HELSINKI_BOUNDS, fitted with 20 px padding) in a 1280 × 800 window. */
const HELSINKI_BOUNDS: [number, number, number, number] = [24.78, 60.1, 25.26, 60.3];
const CENTRE: [number, number] = [24.94, 60.175];
const BROWSER_SIZE = 100_000;

const label = (b: string, n: number) => `${b} ${n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`}`;
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** Figures by column (backend and size) and row (metric), for the closing table. */
const table = new Map<string, Map<string, string>>();
/** Endpoint p50 (ms) by backend, size and endpoint, for M5. */
const endpointMs = new Map<string, number>();
const put = (col: string, row: string, v: string) => {
  if (!table.has(col)) table.set(col, new Map());
  table.get(col)!.set(row, v);
};

const centreTile = (z: number) => {
  const { tiles } = viewAt(CENTRE, z);
  return tiles[Math.floor(tiles.length / 2)];
};

/** Raises the activities tiles' revision: every cached tile (and ETag) is stale, the next request renders. */
const staleTiles = (knex: Knex) => knex.raw(`INSERT INTO tile_changes (dataset) VALUES ('activities')`);

async function fillTo(knex: Knex, n: number): Promise<number> {
  const { rows } = await knex.raw(`SELECT count(*)::int AS n FROM activities WHERE source = 'bench'`);
  const have = rows[0].n as number;
  if (have >= n) return NaN;
  // A bar on a terminal; in a log, only the summary (a million rows are a thousand batches).
  const bar = progressLine();
  const progress = process.stdout.isTTY ? bar.onProgress : undefined;
  const s = await runImport(knex, 'activities:bench', 'synthetic', syntheticRange(have, n), progress);
  bar.done();
  console.log(
    `  bulk import ${have} → ${n}: ${s.inserted} rows in ${(s.durationMs / 1000).toFixed(1)} s = ${s.itemsPerSecond} items/s`,
  );
  for (const t of ['activities', 'activity_themes', 'activity_areas']) await knex.raw(`ANALYZE ${t}`);
  return s.itemsPerSecond;
}

/** The request's statements, captured from a cold run of it (tiles re-rendered, not from memory). */
async function statementsOf(db: Database, url: string, tile = false): Promise<Statement[]> {
  if (tile) await staleTiles(db.knex);
  return capture(db.knex, () => get(url));
}

async function sizeFigures(db: Database, replay: Replay, srv: BenchServer, backend: string, n: number): Promise<void> {
  const knex = db.knex;
  const col = label(backend, n);
  const api = (p: string) => `${srv.base}${p}`;
  const { rows: a } = await knex.raw(
    `SELECT id FROM areas WHERE level = 'peruspiiri' ORDER BY ST_Distance(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) LIMIT 1`,
    CENTRE,
  );
  const area = a[0].id as number;
  const initial = fitBounds(HELSINKI_BOUNDS);
  const district = viewAt(CENTRE, 13);
  const list = (v: View) => `/api/activities?bbox=${bboxParam(v.bbox)}&limit=2000`;
  const clusters = (v: View) => `/api/activities/clusters?bbox=${bboxParam(v.bbox)}&zoom=${Math.floor(v.zoom)}`;
  const tile = (t: { z: number; x: number; y: number }) => `/tiles/activities/${t.z}/${t.x}/${t.y}.mvt`;

  // M5 (and what each endpoint costs here): p50 of 7 sequential requests; tiles rendered each time.
  const endpoints: [string, string, boolean][] = [
    ['list, district view (z13, limit 2000)', list(district), false],
    ['list, city view (limit 2000)', list(initial), false],
    ['list, one peruspiiri (area=)', `/api/activities?area=${area}&limit=2000`, false],
    ['clusters, city view', clusters(initial), false],
    ['clusters, district view (z13)', clusters(district), false],
    ['tile z11 (centre)', tile(centreTile(11)), true],
    ['tile z14 (centre)', tile(centreTile(14)), true],
    ['overlaps of a peruspiiri', `/api/overlaps?area=${area}`, false],
    ['districts (osa-alue outlines)', '/api/areas?level=osa_alue', false],
  ];
  console.log(`  endpoint p50 of 7 (ms):`);
  for (const [name, url, cold] of endpoints) {
    await get(api(url));
    const r = await timed(7, async () => {
      if (cold) await staleTiles(knex);
      await get(api(url));
    });
    endpointMs.set(`${backend}|${n}|${name}`, r.p50);
    console.log(`    ${name.padEnd(40)} ${f1(r.p50).padStart(8)}`);
  }

  // M1: the viewport request, API vs its own captured SQL replayed straight through the driver.
  const viewport = api(list(district));
  const sql = await statementsOf(db, viewport);
  const m1 = await interleaved(
    15,
    () => get(viewport),
    () => replayAll(replay, sql),
  );
  console.log(
    `  M1 viewport API p50 ${f1(m1.a)} ms ÷ same SQL (${sql.length} statement${sql.length > 1 ? 's' : ''}) ${f1(m1.b)} ms = ${f2(m1.a / m1.b)}×`,
  );
  put(col, 'M1 viewport API ÷ SQL (≤ 1.2×)', `${f2(m1.a / m1.b)}×`);

  // M2: 32 clients in a closed loop on the same request, for SECONDS each.
  const viaApi = await closedLoop(CLIENTS, SECONDS, () => get(viewport));
  const viaPool = await closedLoop(CLIENTS, SECONDS, () => replayAll(replay, sql));
  console.log(
    `  M2 ${CLIENTS} clients: API ${f1(viaApi.perSecond)} req/s (p95 ${f1(viaApi.p95)} ms) ÷ bare pool ${f1(viaPool.perSecond)}/s = ${f2(viaApi.perSecond / viaPool.perSecond)}×`,
  );
  put(col, 'M2 req/s at 32, API ÷ pool (≥ 0.9×)', `${f2(viaApi.perSecond / viaPool.perSecond)}×`);

  // M3: the tiles of a city view at zooms 11, 13 and 15, rendered (the revision raised each round), vs raw ST_AsMVT.
  const tiles = [11, 13, 15].flatMap((z) => viewAt(CENTRE, z).tiles);
  const mvt: Statement[] = [];
  for (const t of tiles) mvt.push(...(await statementsOf(db, api(tile(t)), true)).filter((s) => /ST_AsMVT\(/i.test(s.sql)));
  const cold = await closedLoop(CLIENTS, SECONDS, async (i) => {
    if (i % tiles.length === 0) await staleTiles(knex);
    await get(api(tile(tiles[i % tiles.length])));
  });
  const warm = await closedLoop(CLIENTS, SECONDS, (i) => get(api(tile(tiles[i % tiles.length]))));
  const raw = mvt.length ? await closedLoop(CLIENTS, SECONDS, (i) => replay.query(mvt[i % mvt.length])) : null;
  console.log(
    `  M3 ${tiles.length} tiles (z11/13/15): rendered ${f1(cold.perSecond)} req/s (p95 ${f1(cold.p95)} ms), from memory ${f1(warm.perSecond)} req/s; ` +
      (raw
        ? `raw ST_AsMVT ${f1(raw.perSecond)}/s → ${f2(cold.perSecond / raw.perSecond)}×`
        : 'raw ST_AsMVT n/a (tiles encoded in Node)'),
  );
  put(col, 'M3 tile req/s (rendered)', f1(cold.perSecond));
  put(col, 'M3 tiles API ÷ raw ST_AsMVT', raw ? `${f2(cold.perSecond / raw.perSecond)}×` : 'n/a');

  // M4: what the first city-wide view fetches, gzip on the wire: every district level (the list,
  // picker and labels need all three) and the view's cells; tiles are counted apart, as the map
  // asks for them only past the zoom where cells give way to the activities themselves.
  let areas = 0;
  for (const level of AREA_LEVELS) areas += await gzipBytes(api(`/api/areas?level=${level}`));
  const cells = await gzipBytes(api(clusters(initial)));
  let tileBytes = 0;
  for (const t of initial.tiles) tileBytes += await gzipBytes(api(tile(t)));
  const today = await gzipBytes(api(list(initial)));
  console.log(
    `  M4 initial view (zoom ${initial.zoom.toFixed(2)}), gzip: district outlines ${kb(areas)} + clusters ${kb(cells)} = ${kb(areas + cells)}; ` +
      `with its ${initial.tiles.length} tiles at z${Math.floor(initial.zoom)} (${kb(tileBytes)}) ${kb(areas + cells + tileBytes)}` +
      ` (today's client also asks the 2000-feature list first: ${kb(today)})`,
  );
  put(col, 'M4 initial view gzip: outlines + clusters (≤ 300 KB at 1M)', kb(areas + cells));
  put(col, 'M4 … + the tiles of the view', kb(areas + cells + tileBytes));

  if (n === BROWSER_SIZE && !values['skip-browser']) {
    const why = browserAvailable(CLIENT_DIST);
    if (why) console.log(`  long tasks: skipped, ${why}`);
    else {
      const lt: LongTasks = await longTasksWhilePanning(srv.base);
      console.log(
        `  long tasks while panning (12 steps): ${lt.count}, max ${f1(lt.max)} ms, ${lt.over200} over 200 ms (first load: max ${f1(lt.loadMax)} ms)`,
      );
      put(col, 'long tasks panning: count / max (none > 200 ms)', `${lt.count} / ${f1(lt.max)} ms`);
    }
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of every map query's statements, captured from the requests the map sends. */
async function explainAll(db: Database, replay: Replay, srv: BenchServer, n: number): Promise<void> {
  const api = (p: string) => `${srv.base}${p}`;
  const { rows: a } = await db.knex.raw(
    `SELECT id FROM areas WHERE level = 'peruspiiri' ORDER BY ST_Distance(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) LIMIT 1`,
    CENTRE,
  );
  const initial = fitBounds(HELSINKI_BOUNDS);
  const requests: [string, string, boolean][] = [
    ['list page + count, city view', `/api/activities?bbox=${bboxParam(initial.bbox)}&limit=2000`, false],
    ['list page + count, district view', `/api/activities?bbox=${bboxParam(viewAt(CENTRE, 13).bbox)}&limit=2000`, false],
    ['list, second page', `/api/activities?bbox=${bboxParam(initial.bbox)}&limit=100&offset=5000`, false],
    ['list, one peruspiiri (area=)', `/api/activities?area=${a[0].id}&limit=2000`, false],
    [
      'list, theme + time window',
      `/api/activities?bbox=${bboxParam(initial.bbox)}&theme=culture&from=2026-06-01T00:00:00Z&to=2026-09-01T00:00:00Z&limit=2000`,
      false,
    ],
    ...[8, 9, 10, 11, 12, 13, 14].map((z): [string, string, boolean] => {
      const v = z <= 10 ? fitBounds(HELSINKI_BOUNDS) : viewAt(CENTRE, z);
      return [`clusters z${z}`, `/api/activities/clusters?bbox=${bboxParam(v.bbox)}&zoom=${z}`, false];
    }),
    ...[10, 12, 14, 16].map((z): [string, string, boolean] => {
      const t = centreTile(z);
      return [`tile ${z}/${t.x}/${t.y}`, `/tiles/activities/${z}/${t.x}/${t.y}.mvt`, true];
    }),
    ['overlaps of a peruspiiri', `/api/overlaps?area=${a[0].id}`, false],
  ];
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) at ${n} activities`);
  let bad = 0;
  for (const [name, url, tile] of requests) {
    const statements = (await statementsOf(db, api(url), tile)).filter(readsActivities);
    for (const s of statements) {
      const p = await explain(replay, s, n);
      bad += p.flags.length ? 1 : 0;
      console.log(`  ${name.padEnd(34)} ${p.top.padEnd(16)} ${f1(p.ms).padStart(9)} ms  ${p.flags.join('; ') || 'ok'}`);
    }
  }
  console.log(`  ${bad} plan(s) flagged`);
}

async function ideaSubmission(knex: Knex, col: string): Promise<void> {
  const BENCH_TITLE = 'Bench idea';
  const point = (i: number) => ({ type: 'Point', coordinates: [24.93 + (i % 40) * 0.001, 60.17 + (i % 30) * 0.001] });
  const submit = (i: number) =>
    submitIdea(
      knex,
      { title: BENCH_TITLE, description: 'Benchmark idea.', themes: ['community'], geometry: point(i) },
      { userId: null },
    );
  const one = await timed(50, submit);
  console.log(`  idea submission alone: p50 ${f1(one.p50)} ms, p95 ${f1(one.p95)} ms of 50`);
  // M7: 32 people submitting at once (the service itself: HTTP adds its rate limit per address).
  const r = await closedLoop(CLIENTS, SECONDS, submit);
  console.log(`  M7 idea submission, ${CLIENTS} at once: p50 ${f1(r.p50)} ms, p95 ${f1(r.p95)} ms, ${f1(r.perSecond)} ideas/s`);
  put(col, 'M7 idea p95 at 32 (≤ 100 ms on PG)', `${f1(r.p95)} ms`);
  await knex.raw('DELETE FROM ideas WHERE title = ?', [BENCH_TITLE]);
}

async function benchBackend(backend: 'pglite' | 'pg'): Promise<void> {
  const t0 = Date.now();
  const databaseUrl = backend === 'pg' ? process.env.DATABASE_URL : undefined;
  const db = await connect({ databaseUrl });
  const knex = db.knex;
  console.log(`\n== ${backend}${databaseUrl ? ` (${new URL(databaseUrl).pathname.slice(1)})` : ' (temporary, in memory)'}`);
  await migrateLatest(knex);
  const { rows } = await knex.raw('SELECT count(*)::int AS n FROM areas');
  if (rows[0].n === 0) {
    const src = fs.existsSync(path.join(SHARED, 'hki-suurpiiri')) ? SHARED : OFFLINE_FIXTURE_DIR;
    await importAreasFrom(knex, src, { isFixture: src === OFFLINE_FIXTURE_DIR });
    console.log(`  areas from ${src} (setup ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const replay = databaseUrl ? pgReplay(databaseUrl) : await pgliteReplay(knex);
  const srv = await serve(db, CLIENT_DIST);
  try {
    if (!values.keep) await knex.raw(`DELETE FROM activities WHERE source = 'bench'`);
    // The importer path on a sample, then the same sample again: unchanged rows are not rewritten.
    const sample = Number(values['import-sample']);
    const { rows: have } = await knex.raw(`SELECT count(*)::int AS n FROM activities WHERE source = 'bench'`);
    if (have[0].n === 0 && sample > 0) {
      const imp = await runImport(knex, 'activities:bench', 'synthetic', syntheticRange(0, sample));
      const again = await runImport(knex, 'activities:bench', 'synthetic', syntheticRange(0, sample));
      console.log(
        `  import of ${imp.read}: ${imp.itemsPerSecond} items/s (batches of ${IMPORT_BATCH_SIZE}); again: ${again.itemsPerSecond} items/s, ${again.unchanged} unchanged`,
      );
    }
    if (!values['explain-only']) await ideaSubmission(knex, label(backend, sizes[0]));
    for (const n of sizes) {
      console.log(`\n${backend}, ${n} activities`);
      const rate = await fillTo(knex, n);
      if (values['explain-only']) continue;
      put(label(backend, n), `import items/s (≥ 5000 PG, ≥ 1500 PGlite)`, Number.isFinite(rate) ? String(rate) : 'loaded before');
      await sizeFigures(db, replay, srv, backend, n);
    }
    if (values.explain || values['explain-only']) await explainAll(db, replay, srv, sizes[sizes.length - 1]);
    if (!values.keep) {
      await knex.raw(`DELETE FROM activities WHERE source = 'bench'`);
      await knex.raw(`DELETE FROM data_imports WHERE dataset = 'activities:bench'`);
    }
  } finally {
    await srv.close();
    await replay.close();
    await db.close();
  }
  console.log(`  ${backend}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const started = Date.now();
for (const b of backends) await benchBackend(b);

// M5: the embedded database ÷ PostgreSQL, per endpoint, where both ran.
if (backends.length > 1) {
  console.log('\nM5 PGlite ÷ PostgreSQL, endpoint p50');
  for (const n of sizes) {
    const names = [...endpointMs.keys()].filter((k) => k.startsWith(`pglite|${n}|`)).map((k) => k.split('|')[2]);
    for (const name of names) {
      const lite = endpointMs.get(`pglite|${n}|${name}`)!;
      const pgMs = endpointMs.get(`pg|${n}|${name}`);
      if (pgMs === undefined) continue;
      console.log(
        `  ${label('', n).trim().padEnd(5)} ${name.padEnd(40)} ${f1(lite).padStart(8)} ÷ ${f1(pgMs).padStart(7)} ms = ${f2(lite / pgMs)}×`,
      );
    }
  }
}

const cols = [...table.keys()];
const rowNames = [...new Set(cols.flatMap((c) => [...table.get(c)!.keys()]))];
if (cols.length) {
  console.log('\n| figure (goal) | ' + cols.join(' | ') + ' |');
  console.log('| --- | ' + cols.map(() => '---').join(' | ') + ' |');
  for (const r of rowNames) console.log(`| ${r} | ${cols.map((c) => table.get(c)!.get(r) ?? '').join(' | ')} |`);
}
console.log(
  `\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s (a shared machine: absolute times are inflated, ratios less so)`,
);
