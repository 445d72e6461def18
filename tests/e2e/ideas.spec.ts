/**
 * Ideas against the built app: draw a polygon on the map, submit as a visitor, get the tracking
 * code, look it up, and follow the idea as an official moves it through its stages. An official
 * account is written into the app's database before the app starts (PGlite allows one process).
 * Waits on the map's readiness attribute and DOM/URL state — never on time.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../../server/src/audit/audit.service.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { connect } from '../../server/src/db/connection.js';
import { migrateLatest } from '../../server/src/db/migrate.js';
import { createServerDatabase, dropServerDatabase, randomDatabaseName } from '../../server/src/test-support/test-db.js';
import { createOrGrant } from '../../server/src/users/users.service.js';
import { openBrowser, runAxe, startApp, type Page } from './support/app.js';

const CATHEDRAL = { lon: 24.9522, lat: 60.1704 };
const MAP = '[data-testid="map"]';
const OFFICIAL = { email: 'virkailija@hel.fi', password: 'kymp-virkailija-salasana', name: 'Virkailija Kymp' };
/** A small square beside the cathedral, and the same corners in "bow-tie" order (self-intersecting). */
const SQUARE: [number, number][] = [
  [24.951, 60.1695],
  [24.954, 60.1695],
  [24.954, 60.171],
  [24.951, 60.171],
];
const BOWTIE: [number, number][] = [SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3]];

type KkWindow = { __kkMap: { project(lon: number, lat: number): { x: number; y: number } } };

let app: Awaited<ReturnType<typeof startApp>> | undefined;
let browserHandle: Awaited<ReturnType<typeof openBrowser>> = null;
const cleanups: (() => Promise<void>)[] = [];

/** The app's database with the official in it: a copy of the run's seed, or a fresh database. */
async function databaseWithOfficial(): Promise<Record<string, string>> {
  const serverUrl = process.env.DATABASE_URL;
  let env: Record<string, string>;
  let db;
  if (serverUrl) {
    const name = randomDatabaseName('kk_e2e_ideas');
    const url = await createServerDatabase(serverUrl, name);
    cleanups.push(() => dropServerDatabase(serverUrl, name));
    env = { DATABASE_URL: url };
    db = await connect({ databaseUrl: url });
  } else {
    const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'kk-e2e-ideas-'));
    cleanups.push(() => fsp.rm(dataDir, { recursive: true, force: true }));
    let seed = null;
    try {
      seed = inject('e2eSeed');
    } catch {
      seed = null;
    }
    if (seed) await fsp.cp(seed.withAreas, path.join(dataDir, 'pglite'), { recursive: true });
    env = { KK_DATA_DIR: dataDir, ...(seed ? { KK_AREAS_SOURCE: seed.areasSource } : {}) };
    db = await connect({ dataDir: path.join(dataDir, 'pglite') });
  }
  try {
    await migrateLatest(db.knex);
    await createOrGrant(db.knex, systemActor('e2e'), {
      email: OFFICIAL.email,
      displayName: OFFICIAL.name,
      passwordHash: await hashPassword(OFFICIAL.password, 15),
      roles: ['official'],
      departments: ['kymp'],
      kehraGroups: [],
    });
  } finally {
    await db.close();
  }
  return env;
}

beforeAll(async () => {
  browserHandle = await openBrowser();
  if (!browserHandle) return;
  app = await startApp({ env: await databaseWithOfficial() });
});

afterAll(async () => {
  await browserHandle?.browser.close();
  await app?.stop();
  for (const c of cleanups.reverse()) await c();
});

async function open(pathname: string): Promise<Page> {
  const page = await browserHandle!.newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(`${app!.url}${pathname}`);
  await page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
  return page;
}

async function clickMap(page: Page, [lon, lat]: [number, number]) {
  const pixel = await page.evaluate(({ lon, lat }) => (window as unknown as KkWindow).__kkMap.project(lon, lat), { lon, lat });
  const canvas = (await page.locator(`${MAP} canvas`).boundingBox())!;
  await page.mouse.click(canvas.x + pixel.x, canvas.y + pixel.y);
}

/** Clicks the vertices in order, waiting for the form to count each one. */
async function draw(page: Page, vertices: [number, number][]) {
  const status = page.getByTestId('draw-status');
  for (const [i, v] of vertices.entries()) {
    await clickMap(page, v);
    await status.filter({ hasText: `${i + 1} ${i === 0 ? 'piste' : 'pistettä'} merkitty` }).waitFor();
  }
}

const expectNoSeriousViolations = async (page: Page, where: string) => {
  const violations = await runAxe(page);
  expect(violations.map((v) => `${where}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`)).toEqual([]);
};

let ideaId: string;
let trackingCode: string;

describe('ideas', () => {
  it('shows the ideas view (list, filters, lookup) without serious accessibility violations', async (ctx) => {
    if (!browserHandle) return ctx.skip();
    const page = await open('/ideas');
    await page.getByRole('heading', { name: 'Asukkaiden ideat' }).waitFor();
    await page.getByTestId('idea-count').filter({ hasText: /0 ideaa/ }).waitFor();
    await page.getByRole('link', { name: 'Ideat' }).and(page.locator('[aria-current="page"]')).waitFor();
    await expectNoSeriousViolations(page, '/ideas');
    await page.close();
  });

  it('a visitor draws a polygon, sees the server refuse a self-intersecting one, submits and gets a code', async (ctx) => {
    if (!browserHandle) return ctx.skip();
    // Open the form on Kruununhaka (?area= zooms the map there), so the corners are pixels apart.
    const located = await (await fetch(`${app!.url}/api/areas/locate?lon=${CATHEDRAL.lon}&lat=${CATHEDRAL.lat}`)).json();
    const page = await open(`/ideas/new?area=${located.areas.osa_alue.id}`);
    await page.getByRole('heading', { name: 'Jätä idea' }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="map"]')!.getAttribute('data-zoom')) > 13);
    await page.locator('label[for="idea-place-polygon"]').click();
    await page.getByLabel('Otsikko').fill('Istutuksia Tuomiokirkon viereen');
    await page.getByLabel('Kuvaus').fill('Kukkapenkit ja penkkejä aukion reunalle.');
    await page.locator('label[for="idea-theme-elderly"]').click();
    await expectNoSeriousViolations(page, '/ideas/new');

    // The server's own message reaches the form.
    await draw(page, BOWTIE);
    await page.getByRole('button', { name: 'Valmis' }).click();
    await page.getByRole('button', { name: 'Lähetä idea' }).click();
    await page.getByTestId('idea-form-error').getByText(/Self-intersection/i).waitFor();

    // Clear, draw it properly (undo works too), and send.
    await page.getByRole('button', { name: 'Jatka piirtämistä' }).click();
    await page.getByRole('button', { name: 'Tyhjennä' }).click();
    await page.getByTestId('draw-status').filter({ hasText: '0 pistettä merkitty' }).waitFor();
    await draw(page, [...SQUARE, [24.9525, 60.172]]);
    await page.getByRole('button', { name: 'Kumoa viimeisin piste' }).click();
    await page.getByTestId('draw-status').filter({ hasText: '4 pistettä merkitty' }).waitFor();
    await page.getByRole('button', { name: 'Valmis' }).click();
    await page.getByRole('button', { name: 'Lähetä idea' }).click();

    const code = page.getByTestId('tracking-code');
    await code.waitFor();
    trackingCode = (await code.innerText()).trim();
    expect(trackingCode).toMatch(/^KK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    await page.getByRole('button', { name: 'Kopioi koodi' }).waitFor();
    await page.getByRole('link', { name: 'Avaa idean sivu' }).waitFor();
    await page.close();
  });

  it('tells a mistyped code from an unknown one, and opens the idea from its code', async (ctx) => {
    if (!browserHandle || !trackingCode) return ctx.skip();
    const page = await open('/ideas/lookup');
    const input = page.getByRole('textbox', { name: 'Seurantakoodi' });
    const find = page.getByRole('button', { name: 'Hae idea' });

    await input.fill('KK-0000-00');
    await find.click();
    await page.getByText(/Tämä ei ole seurantakoodi/).waitFor();

    // A well-formed code (valid check character) that nobody has: found through the API first.
    let unknown = '';
    for (const c of '23456789ABCDEFGHJKMNPQRSTUVWXYZ') {
      const res = await fetch(`${app!.url}/api/ideas/by-code/KK-2222-2${c}`);
      if (res.status === 404) {
        unknown = `KK-2222-2${c}`;
        break;
      }
    }
    expect(unknown).not.toBe('');
    await input.fill(unknown);
    await find.click();
    await page.getByText(`Koodilla ${unknown} ei löytynyt ideaa.`).waitFor();

    // As people type it: lower case, spaces for dashes.
    await input.fill(trackingCode.toLowerCase().replace(/-/g, ' '));
    await find.click();
    await page.waitForURL(/\/ideas\/\d+$/);
    ideaId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'Istutuksia Tuomiokirkon viereen' }).waitFor();
    const timeline = page.getByTestId('idea-timeline');
    await timeline.locator('li[data-stage="submitted"]').waitFor();
    expect(await page.locator('.idea-page').innerText()).toContain(trackingCode);
    // Areas come from PostGIS.
    await page.getByText(/Eteläinen, Vironniemi/).waitFor();

    // The map fitted to the idea: the view is narrow and holds the cathedral.
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="map"]')!.getAttribute('data-bounds')!.split(',').map(Number);
      return b[2] - b[0] < 0.05 && b[0] < 24.952 && b[2] > 24.953 && b[1] < 60.17 && b[3] > 60.171;
    });
    await expectNoSeriousViolations(page, '/ideas/:id');

    // The idea is in the list of the ideas view, and opens from there.
    const list = await open('/ideas');
    await list.getByRole('link', { name: /Istutuksia Tuomiokirkon viereen/ }).click();
    await list.waitForURL(new RegExp(`/ideas/${ideaId}`));
    await list.close();
    await page.close();
  });

  it('an official takes responsibility and moves the idea connected → refining → decision, in the open', async (ctx) => {
    if (!browserHandle || !ideaId) return ctx.skip();
    const page = await open(`/ideas/${ideaId}`);
    // Sign in with the session cookie, as the sign-in page would.
    const status = await page.evaluate(async ({ email, password }) => {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return res.status;
    }, OFFICIAL);
    expect(status).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Virkailijalle' }).waitFor();

    await page.getByRole('button', { name: 'Ota vastuulleni' }).click();
    await page.getByTestId('idea-responsible').filter({ hasText: OFFICIAL.name }).waitFor();

    const steps: { stage: string; label: string; reason: string; funding?: string }[] = [
      { stage: 'connected', label: 'Yhdistetty', reason: 'Yhdistetty puistosuunnitteluun.' },
      { stage: 'refining', label: 'Jalostetaan', reason: 'Suunnitellaan istutukset yhdessä asukkaiden kanssa.' },
      { stage: 'decision', label: 'Päätös', reason: 'Toteutetaan kesällä.', funding: '5 000 € puistojen kunnossapidosta' },
    ];
    const timeline = page.getByTestId('idea-timeline');
    for (const s of steps) {
      await page.getByLabel('Uusi vaihe').selectOption(s.stage);
      await page.getByLabel('Perustelu (julkinen)').fill(s.reason);
      if (s.funding) await page.getByLabel('Varattu rahoitus tai työaika').fill(s.funding);
      await page.getByRole('button', { name: `Siirrä vaiheeseen: ${s.label}` }).click();
      await timeline.locator(`li[data-stage="${s.stage}"]`).filter({ hasText: s.reason }).waitFor();
    }
    const text = await timeline.innerText();
    expect(text).toContain('5 000 € puistojen kunnossapidosta');
    expect(text).toContain(`Siirsi: ${OFFICIAL.name}`);
    expect(await timeline.locator('li').count()).toBe(4);

    // Everyone sees the same timeline.
    const visitor = await browserHandle!.newPage();
    await visitor.goto(`${app!.url}/ideas/${ideaId}`);
    await visitor.getByTestId('idea-timeline').locator('li[data-stage="decision"]').filter({ hasText: 'Toteutetaan kesällä.' }).waitFor();
    await visitor.close();
    await page.close();
  });
});
