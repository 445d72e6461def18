/**
 * An official manages their department's activities in the built app: adds one from the list
 * ("Lisää toimintaa", the place by typed coordinates), finds it on its page and in the list, sees a
 * server refusal at the field, renames it; a visitor sees it without any editing control; the
 * official then removes it after confirming. The account is written before the app starts.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, pick, screenshot, type Page } from './support/app.js';
import { listHas as listHasRow } from './support/list.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const OFFICIAL = { email: 'toiminta-virkailija@example.test', password: 'toiminta-virkailija-salasana', name: 'Tiina Toimiala' };
const TITLE = 'Senaatintorin kesäkonsertti';
const RENAMED = 'Senaatintorin kesäkonsertit';
/** Helsinki Cathedral, in Vironniemi. */
const PLACE = { lon: '24.9522', lat: '60.1704' };

const e2e = e2eApp({
  database: {
    prefix: 'activity-editing',
    seed: (knex: Knex) => seedAccount(knex, OFFICIAL, { roles: ['official'], departments: ['kuva'] }),
  },
});

const LIST = '[data-testid="activity-list"]';
let activityPath = '';

/** The list of what is in view has (or no longer has) an item with this title; scrolled to it when it has. */
const listHas = (page: Page, title: string, present = true) => listHasRow(page, LIST, '.activity-item-title', title, present);

describe('activity editing', () => {
  it('an official adds an activity of their department, finds it, and renames it', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/activities');
    await signIn(page, OFFICIAL);

    await page.getByRole('link', { name: 'Lisää toimintaa' }).click();
    await page.waitForURL(/\/activities\/new/);
    await page.getByRole('heading', { name: 'Uusi toiminta' }).waitFor();
    // The official's one department is the only choice, already chosen.
    const department = page.getByRole('combobox', { name: /^Toimiala/ });
    expect(await department.innerText()).toContain('Kulttuurin ja vapaa-ajan toimiala');
    await department.click();
    expect((await page.locator('#activity-form-department').getByRole('option').allInnerTexts()).map((o) => o.trim())).toEqual([
      'Kulttuurin ja vapaa-ajan toimiala',
    ]);
    await page.keyboard.press('Escape');
    await expectNoSeriousViolations(page, '/activities/new');

    // Nothing filled in: the form says what is missing at the fields.
    await page.getByRole('button', { name: 'Lisää toiminta' }).click();
    await page.getByTestId('activity-form-error').getByText('Korjaa merkityt kentät.').waitFor();
    await page.getByText('Kirjoita nimi suomeksi.').waitFor();
    expect(await page.locator('#activity-form-titleFi').getAttribute('aria-invalid')).toBe('true');

    await pick(page, /^Tyyppi/, 'Tapahtuma');
    await page.locator('#activity-form-titleFi').fill(TITLE);
    await page.locator('#activity-form-titleSv').fill('Sommarkonsert på Senatstorget');
    await page.locator('#activity-form-descriptionFi').fill('Ilmaisia konsertteja kesän torstaisin.');
    // HDS DateInput: dates typed the Finnish way.
    await page.locator('#activity-form-startsAt').fill('1.6.2030');
    await page.locator('#activity-form-endsAt').fill('31.8.2030');
    await page.locator('label[for="activity-form-theme-culture"]').click();
    await page.locator('#idea-point-lon').fill(PLACE.lon);
    await page.locator('#idea-point-lat').fill(PLACE.lat);
    await page.getByRole('button', { name: 'Aseta piste' }).click();
    // The typed point is the drawing's one vertex, marked on the map too.
    await page
      .getByTestId('draw-status')
      .getByText(/1 piste/)
      .waitFor();
    await page.locator('.draw-vertex').waitFor();
    await screenshot(page, 'activity-new');
    await page.getByRole('button', { name: 'Lisää toiminta' }).click();

    await page.waitForURL(/\/activities\/\d+$/);
    activityPath = new URL(page.url()).pathname;
    const detail = page.getByTestId('activity-detail');
    await detail.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByTestId('activity-status').getByText('Toiminta lisätty.').waitFor();
    await detail.getByText('Kulttuurin ja vapaa-ajan toimiala').waitFor();
    await detail.getByText('Kulttuuri', { exact: true }).waitFor();
    await detail.getByRole('link', { name: /^Vironniemi/ }).waitFor();
    await detail.getByText(/^official \//).waitFor();

    // Back in the list (and on the map) without reloading.
    await page
      .getByRole('link', { name: /Takaisin/ })
      .first()
      .click();
    await page.waitForURL((u) => u.pathname === '/activities');
    await listHas(page, TITLE);
    await page.locator(`${LIST} a.activity-item`, { hasText: TITLE }).click();
    await page.waitForURL((u) => u.pathname === activityPath);

    // Editing: what the route's contract refuses shows at its field before anything is sent; then the new name is saved.
    await page.getByRole('button', { name: 'Muokkaa' }).click();
    await page.getByRole('heading', { name: `Muokkaa toimintaa ${TITLE}` }).waitFor();
    await expectNoSeriousViolations(page, `${activityPath} (editing)`);
    await page.locator('#activity-form-url').fill('ftp://example.test/konsertit');
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('activity-form-error').getByText('Korjaa merkityt kentät.').waitFor();
    await page.getByText('Anna verkko-osoite, joka alkaa http:// tai https://.').waitFor();
    expect(await page.locator('#activity-form-url').getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => document.activeElement?.id === 'activity-form-url');
    await page.locator('#activity-form-url').fill('');
    await page.locator('#activity-form-titleFi').fill(RENAMED);
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('activity-status').getByText('Muutokset tallennettu.').waitFor();
    await detail.getByRole('heading', { name: RENAMED }).waitFor();
    await detail.getByRole('link', { name: /^Vironniemi/ }).waitFor();
    await screenshot(page, 'activity-edited');
    await page.close();
  });

  it('a visitor reads the activity with no editing controls', async (ctx) => {
    if (!e2e.ready || !activityPath) return ctx.skip();
    const page = await e2e.open('/activities');
    await listHas(page, RENAMED);
    expect(await page.getByRole('link', { name: 'Lisää toimintaa' }).count()).toBe(0);
    await page.locator(`${LIST} a.activity-item`, { hasText: RENAMED }).click();
    await page.waitForURL((u) => u.pathname === activityPath);
    await page.getByTestId('activity-detail').getByRole('heading', { name: RENAMED }).waitFor();
    for (const name of ['Muokkaa', 'Poista']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);

    await page.goto(`${e2e.app.url}/activities/new`);
    await page.getByTestId('activity-not-allowed').getByRole('link', { name: 'Kirjaudu' }).waitFor();
    expect(await page.locator('#activity-form-titleFi').count()).toBe(0);
    await page.close();
  });

  it('the official removes the activity after confirming', async (ctx) => {
    if (!e2e.ready || !activityPath) return ctx.skip();
    const page = await e2e.open(activityPath);
    await signIn(page, OFFICIAL);
    await page.getByTestId('activity-detail').getByRole('heading', { name: RENAMED }).waitFor();
    await page.getByRole('button', { name: 'Poista' }).click();
    await page.getByText(`Toiminta ${RENAMED} poistetaan kartalta ja luettelosta.`).waitFor();
    await page.getByRole('button', { name: 'Kyllä, poista' }).click();
    await page.waitForURL((u) => u.pathname === '/activities');
    await page.getByTestId('activity-removed').getByText(`Toiminta ${RENAMED} poistettu.`).waitFor();
    await listHas(page, RENAMED, false);
    const res = await page.evaluate(async (p) => (await fetch(`/api${p}`)).status, activityPath);
    expect(res).toBe(404);
    await page.close();
  });
});
