/**
 * Starts the real server (as `npm start` would, on a built client) and Debian's Chromium for the
 * e2e specs. No sleeps: the app is ready when /api/health answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Result as AxeResult } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { repoRoot } from '../../../server/src/config.js';
import { testAreasSource } from '../../../server/src/test-support/test-areas.js';
import { createServerDatabase, dropServerDatabase, randomDatabaseName } from '../../../server/src/test-support/test-db.js';
import type { E2eSeed } from './seed.js';

export type { Browser, Page };
export type Violation = AxeResult;

export const UNREACHABLE_STYLE_URL = 'http://127.0.0.1:9/style.json';
/** KK_CLIENT_DIST lets parallel work build and test its own client copy. */
const CLIENT_DIST = process.env.KK_CLIENT_DIST ? path.resolve(process.env.KK_CLIENT_DIST) : path.join(repoRoot, 'client/dist');
const START_TIMEOUT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function providedSeed(): E2eSeed | null {
  try {
    return inject('e2eSeed') ?? null;
  } catch {
    return null; // outside the vitest e2e project: the app creates its database itself
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Spawns `server/src/main.ts` on a free port with its own fresh database (a copy of the run's
 * pre-seeded PGlite folder, or a new database on DATABASE_URL's server) and districts from
 * ../shared/data/helsinki when present, else the offline fixture. The map style URL is unreachable
 * so the offline base map is used. `opts.env` overrides any variable.
 */
export async function startApp(
  opts: {
    env?: Record<string, string>;
    /** Runs with the app's environment once its database exists, before the app starts (e.g. a CLI seeding accounts). */
    beforeStart?: (env: Record<string, string>) => Promise<void>;
  } = {},
): Promise<{
  url: string;
  stop(): Promise<void>;
  /** The app's latest output lines (stdout and stderr), e.g. the console mailer's links. */
  logs(): string[];
}> {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    throw new Error(
      `No built client in ${CLIENT_DIST}: e2e tests drive the built app. ` +
        'Run "npm run build" first ("npm test" and "npm run test:e2e" do it for you).',
    );
  }
  const extra = opts.env ?? {};
  const port = await freePort();
  const cleanups: (() => Promise<void>)[] = [];
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    KK_AREAS_SOURCE: testAreasSource().source,
    KK_MAP_STYLE_URL: UNREACHABLE_STYLE_URL,
    KK_CLIENT_DIST: CLIENT_DIST,
    KK_LOG_LEVEL: 'info',
    // The specs count their own ideas, groups and tables, and the activities of the demo story:
    // first start seeds the demo activities only, and no playparks.
    KK_DEMO: 'activities',
    KK_PLAYPARKS_SOURCE: 'off',
    ...extra,
  };
  delete env.NODE_OPTIONS; // vitest's worker loader flags must not leak into the app

  try {
    const serverUrl = env.DATABASE_URL;
    if (serverUrl && !extra.DATABASE_URL) {
      // Never the developer's own database: a fresh one, migrated and filled by the app itself.
      const name = randomDatabaseName('kk_e2e');
      env.DATABASE_URL = await createServerDatabase(serverUrl, name);
      cleanups.push(() => dropServerDatabase(serverUrl, name));
    } else if (!extra.KK_DATA_DIR) {
      const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kk-e2e-app-'));
      cleanups.push(() => fsp.rm(dataDir, { recursive: true, force: true }));
      env.KK_DATA_DIR = dataDir;
      const seed = serverUrl ? null : providedSeed();
      if (seed) {
        // Areas are only pre-imported for the default source; another source imports at start.
        const from = env.KK_AREAS_SOURCE === seed.areasSource ? seed.withAreas : seed.migratedOnly;
        await fsp.cp(from, path.join(dataDir, 'pglite'), { recursive: true });
      }
    }

    if (opts.beforeStart) await opts.beforeStart(env);
    const output: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/main.ts')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output.push(...chunk.toString().split('\n').filter(Boolean));
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        await exited(child);
        clearTimeout(killer);
      }
      for (const c of cleanups.splice(0).reverse()) await c();
    };

    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        await stop();
        throw new Error(`The app exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.join('\n')}`);
      }
      try {
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`The app did not answer /api/health within ${START_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return { url, stop, logs: () => [...output] };
  } catch (err) {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
    throw err;
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Debian Chromium. WebGL comes from SwiftShader (software), which headless Chromium
 * only enables for WebGL when asked to explicitly. Null (with a logged reason) when there is no
 * Chromium — except under CI=true, where a missing browser is a failure, not a skip.
 */
export async function openBrowser(): Promise<{ browser: Browser; newPage(): Promise<Page> } | null> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    const why = `No Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
    if (process.env.CI === 'true') throw new Error(`${why}; CI=true, so e2e tests may not be skipped`);
    console.warn(`[e2e] ${why}: skipping browser tests`);
    return null;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  return {
    browser,
    newPage: async () => withPatience(await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fi-FI' })),
  };
}

/**
 * Waits on page state get 60 s, not Playwright's 30: a loaded 2-core machine (both databases,
 * Vite and Chromium at once) has taken 44 s for a panel that takes 2 s alone. Still a wait for
 * state, never a sleep.
 */
export function withPatience(page: Page): Page {
  page.setDefaultTimeout(60_000);
  return page;
}

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * Runs axe-core on the page as it is now; returns the serious and critical violations.
 * axe is evaluated through the DevTools protocol rather than page.addScriptTag: the app's CSP
 * (script-src 'self') blocks an injected inline script, and bypassCSP would hide CSP regressions.
 */
export async function runAxe(page: Page): Promise<Violation[]> {
  axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The serious and critical violations, one readable line each (rule, help, where): `expect(...).toEqual([])`. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page)).map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Fails with every serious or critical violation on the page, labelled with where it was found. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), where).toEqual([]);
}

/** Picks an option of an HDS combobox (the district pickers) and waits for its list to close. */
export async function pick(page: Page, label: RegExp, option: string): Promise<void> {
  const combobox = page.getByRole('combobox', { name: label });
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  for (let i = 0; (await combobox.getAttribute('aria-expanded')) === 'true'; i++) {
    if (i > 200) throw new Error(`${option}: the list of ${label} stays open`);
    await page.keyboard.press('Escape');
  }
}

/** With KK_E2E_SCREENSHOTS=<folder>, saves what the page shows as <folder>/<name>.png (for looking at, not asserting). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.KK_E2E_SCREENSHOTS;
  if (!folder) return;
  await fsp.mkdir(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}
