/**
 * What makes the app a finished public service, against the built app: the footer's links to the
 * accessibility statement, the privacy notice (with its cookie note) and the data sources, each
 * in Finnish, Swedish and English and axe-clean; a document title of its own on every route in
 * the chosen language (WCAG 2.4.2); every route readable at 320 px without scrolling sideways
 * (WCAG 1.4.10); and every route axe-clean at 1366 and 390 px in all three languages. Waits on DOM
 * state — never on time.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/audit/audit.service.js';
import { submitIdea } from '../../server/src/ideas/ideas.service.js';
import { createGroup } from '../../server/src/kehra/kehra.service.js';
import { createTable } from '../../server/src/partnership-tables/partnership-tables.service.js';
import { screenshot, seriousViolations, type Page } from './support/app.js';
import { MAP } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const ADMIN = { email: 'yllapitaja@hel.fi', password: 'yllapitajan-salasana', name: 'Ylläpitäjä Ylva' };
/** The app's name in each language, as the document titles end. */
const APP_NAME: Record<string, string> = { Suomi: 'Kaupunki kartalla', Svenska: 'Staden på kartan', English: 'City on the map' };
const APP = APP_NAME.Suomi;

const seeded = { idea: 0, group: 0, table: 0 };

/** An admin, and one idea, Kehrä group and partnership table for the detail pages (the demo has activities only). */
async function seed(knex: Knex): Promise<void> {
  const adminId = await seedAccount(knex, ADMIN, { roles: ['admin'] });
  const { rows } = await knex.raw(`SELECT id FROM areas WHERE level = 'osa_alue' AND lower(name_fi) = 'kruununhaka'`);
  const areaId = rows[0].id as number;
  const actor = { ...systemActor('e2e-admin'), userId: adminId };
  seeded.idea = (
    await submitIdea(
      knex,
      {
        title: 'Penkkejä Tuomiokirkon portaille',
        description: 'Istumapaikkoja.',
        themes: ['community'],
        geometry: { type: 'Point', coordinates: [24.9522, 60.1704] },
      },
      { userId: adminId },
    )
  ).id;
  seeded.group = (await createGroup(knex, actor, { name: 'Kruununhaan Kehrä', areaIds: [areaId] })).id;
  seeded.table = (
    await createTable(knex, actor, {
      name: 'Kruununhaan kumppanuuspöytä',
      convener: 'Kruununhaka-Seura',
      themes: ['community'],
      areaId,
    })
  ).id;
}

const e2e = e2eApp({ database: { prefix: 'public_service', seed } });

/** The first id of a list answer (a GeoJSON collection). */
async function firstId(path: string): Promise<number> {
  const res = await fetch(`${e2e.app.url}${path}`);
  if (!res.ok) throw new Error(`${path} answered HTTP ${res.status}`);
  const body = (await res.json()) as { features?: { id: number | string }[] } | { id: number }[];
  const first = Array.isArray(body) ? body[0] : body.features?.[0];
  if (!first) throw new Error(`${path} has no items: the demo seed should have filled it`);
  return Number(first.id);
}

interface Route {
  path: string;
  /** The heading whose text is the page's title (detail pages: the item's name). */
  itemHeading?: string;
}

let routes: Route[] | undefined;
/** Every route of client/src/router.tsx (aliases left out), with the demo seed's items for the detail pages. */
async function allRoutes(): Promise<Route[]> {
  routes ??= [
    { path: '/' },
    { path: '/activities' },
    { path: '/activities/new' },
    { path: `/activities/${await firstId('/api/activities?limit=1')}`, itemHeading: '#activity-title' },
    { path: '/ideas' },
    { path: '/ideas/new' },
    { path: '/ideas/lookup' },
    { path: `/ideas/${seeded.idea}`, itemHeading: '#idea-title' },
    { path: '/kehra' },
    { path: '/kehra/groups/new' },
    { path: `/kehra/groups/${seeded.group}`, itemHeading: '#kehra-group-heading' },
    { path: '/kehra/tables/new' },
    { path: `/kehra/tables/${seeded.table}`, itemHeading: '#kehra-table-heading' },
    { path: '/signin' },
    { path: '/signup' },
    { path: '/verify-email' },
    { path: '/reset-password' },
    { path: '/profile' },
    { path: '/admin' },
    { path: '/moderation' },
    { path: '/accessibility' },
    { path: '/privacy' },
    { path: '/data-sources' },
  ];
  return routes;
}

/** Opens a route in the page and returns its title once the page has set it (details: once the item is in). */
async function titleOf(page: Page, route: Route, app = APP): Promise<string> {
  await page.goto(`${e2e.app.url}${route.path}`);
  if (route.itemHeading) {
    const heading = page.locator(route.itemHeading);
    await heading.waitFor();
    const name = (await heading.innerText()).trim();
    await expect.poll(() => page.title(), { message: route.path }).toBe(`${name} – ${app}`);
  } else {
    await expect.poll(() => page.title(), { message: route.path }).toMatch(new RegExp(`^.+ – ${app}$`));
  }
  return page.title();
}

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await e2e.browser.browser.newPage({ viewport, locale: 'fi-FI' });
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  return page;
}

const chooseLanguage = async (page: Page, name: string) => {
  await page.getByRole('button', { name }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe({ Suomi: 'fi', Svenska: 'sv', English: 'en' }[name]);
};

const LANGUAGES = ['Suomi', 'Svenska', 'English'];

/**
 * Walks every route in every language at one width, signed in as an admin (so the admin and
 * moderation pages show their tables), and returns axe's serious and critical findings.
 */
async function axeWalk(viewport: { width: number; height: number }): Promise<string[]> {
  const page = await newPage(viewport);
  await page.goto(`${e2e.app.url}/`);
  await signIn(page, ADMIN);
  const found: string[] = [];
  for (const language of LANGUAGES) {
    await chooseLanguage(page, language);
    for (const route of await allRoutes()) {
      await page.goto(`${e2e.app.url}${route.path}`);
      if (route.itemHeading) await page.locator(route.itemHeading).waitFor();
      await page.getByRole('contentinfo').waitFor();
      await page.locator(`${MAP}[data-map-ready="true"]`).waitFor();
      for (const v of await seriousViolations(page)) found.push(`${viewport.width} px, ${language}, ${route.path}: ${v}`);
    }
  }
  await page.close();
  return found;
}

describe('a public service', () => {
  it('the footer leads to the accessibility statement, the privacy notice and the data sources, in three languages', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    const footer = page.getByRole('contentinfo');

    await footer.getByRole('link', { name: 'Saavutettavuusseloste' }).click();
    await page.waitForURL(/\/accessibility$/);
    await page.getByRole('heading', { level: 2, name: 'Saavutettavuusseloste' }).waitFor();
    const status = page.getByTestId('accessibility-status');
    expect(await status.innerText()).toContain('täyttää osittain WCAG 2.1 -ohjeiston AA-tason');
    await page.getByText(/Karttakuva itse ei ole saavutettava/).waitFor();
    await page.getByText(/Viivan tai alueen piirtäminen kartalle vaatii hiiren/).waitFor();
    await page.getByText('Vastaamme palautteeseen 14 päivän kuluessa.').waitFor();
    await page.getByText('Etelä-Suomen aluehallintovirasto, Saavutettavuusvalvonta').waitFor();
    expect(await page.getByRole('link', { name: 'www.saavutettavuusvaatimukset.fi' }).getAttribute('href')).toBe(
      'https://www.saavutettavuusvaatimukset.fi/',
    );
    expect(await page.title()).toBe(`Saavutettavuusseloste – ${APP}`);
    expect(await seriousViolations(page), 'accessibility fi').toEqual([]);
    await screenshot(page, 'accessibility-desktop');

    await footer.getByRole('link', { name: 'Tietosuojaseloste ja evästeet' }).click();
    await page.waitForURL(/\/privacy$/);
    await page.getByRole('heading', { level: 2, name: 'Tietosuojaseloste' }).waitFor();
    await page.getByText(/Rekisterinpitäjä on Helsingin kaupunki/).waitFor();
    const cookies = await page.getByTestId('cookie-list').innerText();
    expect(cookies).toContain('kk_session');
    expect(cookies).toContain('kk_oidc');
    expect(await seriousViolations(page), 'privacy fi').toEqual([]);
    await screenshot(page, 'privacy-desktop');

    await footer.getByRole('link', { name: 'Aineistot ja lisenssit' }).click();
    await page.waitForURL(/\/data-sources$/);
    const sources = await page.getByTestId('data-sources').innerText();
    for (const source of [
      'Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0',
      'palvelukartta',
      'Linked Events',
      'Tilastokeskus',
    ])
      expect(sources).toContain(source);
    expect(await seriousViolations(page), 'data sources fi').toEqual([]);
    expect(await footer.getByRole('link', { name: 'Anna palautetta' }).getAttribute('href')).toMatch(/^https:\/\//);

    await chooseLanguage(page, 'Svenska');
    await page.getByRole('heading', { level: 2, name: 'Material och licenser' }).waitFor();
    await footer.getByRole('link', { name: 'Tillgänglighetsutlåtande' }).click();
    await page.getByText('Tjänsten uppfyller delvis kraven på nivå AA i WCAG 2.1. Bristerna räknas upp nedan.').waitFor();
    await page.getByText(/Regionförvaltningsverket i Södra Finland/).waitFor();
    expect(await seriousViolations(page), 'accessibility sv').toEqual([]);
    await footer.getByRole('link', { name: 'Dataskyddsbeskrivning och kakor' }).click();
    await page.getByRole('heading', { level: 2, name: 'Dataskyddsbeskrivning' }).waitFor();
    expect(await seriousViolations(page), 'privacy sv').toEqual([]);

    await chooseLanguage(page, 'English');
    await page.getByRole('heading', { level: 2, name: 'Privacy notice' }).waitFor();
    expect(await page.getByTestId('cookie-list').innerText()).toContain('kk_session: the sign-in session.');
    expect(await seriousViolations(page), 'privacy en').toEqual([]);
    await footer.getByRole('link', { name: 'Accessibility statement' }).click();
    await page
      .getByText('The service partially conforms to level AA of the WCAG 2.1 guidelines. The gaps are listed below.')
      .waitFor();
    await page.getByText(/Regional State Administrative Agency for Southern Finland/).waitFor();
    expect(await seriousViolations(page), 'accessibility en').toEqual([]);
    await page.close();
  });

  it('the statements are axe-clean on a phone too', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage({ width: 390, height: 844 });
    for (const path of ['/accessibility', '/privacy', '/data-sources']) {
      await page.goto(`${e2e.app.url}${path}`);
      await page.locator(`${MAP}[data-map-ready="true"]`).waitFor();
      await page.getByRole('contentinfo').waitFor();
      expect(await seriousViolations(page), path).toEqual([]);
      await screenshot(page, `${path.slice(1)}-phone`);
    }
    await page.goto(`${e2e.app.url}/activities`);
    await page.locator(`${MAP}[data-map-ready="true"]`).waitFor();
    await screenshot(page, 'activities-phone');
    await page.close();
  });

  it('every route has a title of its own, in the language chosen', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage();
    const byLanguage: Record<string, string[]> = {};
    for (const language of ['Suomi', 'Svenska']) {
      await page.goto(`${e2e.app.url}/`);
      await chooseLanguage(page, language);
      const titles: string[] = [];
      for (const route of await allRoutes()) titles.push(await titleOf(page, route, APP_NAME[language]));
      byLanguage[language] = titles;
      expect(new Set(titles).size, `${language}: ${titles.join(' | ')}`).toBe(titles.length);
    }
    expect(byLanguage.Suomi[0]).toBe(`Alueet – ${APP}`);
    expect(byLanguage.Svenska[0]).toBe(`Områden – ${APP_NAME.Svenska}`);
    expect(byLanguage.Svenska).toContain(`Tillgänglighetsutlåtande – ${APP_NAME.Svenska}`);
    await page.close();
  }, 900_000); // 46 page loads: a loaded 2-core machine takes minutes

  it('every route reflows at 320 px: nothing scrolls sideways (WCAG 1.4.10)', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage({ width: 320, height: 640 });
    await page.goto(`${e2e.app.url}/`);
    await signIn(page, ADMIN); // signed in as an admin, so the admin and moderation pages show their tables
    const tooWide: string[] = [];
    for (const route of await allRoutes()) {
      await page.goto(`${e2e.app.url}${route.path}`);
      if (route.itemHeading) await page.locator(route.itemHeading).waitFor();
      await page.getByRole('contentinfo').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) {
        tooWide.push(`${route.path}: ${width} px`);
        await screenshot(page, `reflow${route.path.replaceAll('/', '-')}`);
      }
    }
    expect(tooWide).toEqual([]);
    await page.close();
  }, 900_000);

  // WCAG at a desktop and a phone width, in all three languages: 23 routes × 3 languages each.
  for (const viewport of [
    { width: 1366, height: 800 },
    { width: 390, height: 844 },
  ])
    it(`every route is axe-clean at ${viewport.width} px in Finnish, Swedish and English`, async (ctx) => {
      if (!e2e.ready) return ctx.skip();
      expect(await axeWalk(viewport)).toEqual([]);
    }, 1_500_000);
});
