/**
 * Partnership tables against the built app: an official sets up a table (a district from the
 * list, the meeting place by typed coordinates), adds people from all three sectors until the
 * 5–15 warning goes away, records a past meeting with its minutes and an outcome on the
 * "municipal budget" route, and renames the table; a visitor then finds all of it, read-only.
 * The official's account and one idea are written before the app starts. Waits on DOM/URL state.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { submitIdea } from '../../server/src/ideas/ideas.service.js';
import { expectNoSeriousViolations, pick, screenshot } from './support/app.js';
import { waitForRendered } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const OFFICIAL = { email: 'poyta-virkailija@example.test', password: 'poyta-virkailija-salasana', name: 'Pia Pöytä' };
const TABLE = 'Kruununhaan liikennepöytä';
const RENAMED = 'Kruununhaan liikenne- ja katupöytä';
const PLACE = { name: 'Kruununhaan kirjasto', lon: '24.9575', lat: '60.1722' };
const PEOPLE = [
  { name: 'Riikka Asukas', sector: 'residents', organisation: 'Kruununhaka-Seura' },
  { name: 'Olli Omakotilainen', sector: 'residents', organisation: '' },
  { name: 'Yrjö Yrittäjä', sector: 'businesses', organisation: 'Hakaniemen Kahvila Oy' },
  { name: 'Jenni Järjestö', sector: 'businesses', organisation: 'Pyöräilijät ry' },
  { name: 'Kalle Kaupunki', sector: 'city', organisation: 'Kaupunkiympäristön toimiala' },
];
const EXTRA = { name: 'Väärä Henkilö', sector: 'city', organisation: '' };
const AGENDA = 'Katujen pysäköinti ja pyöräkaistat.';
const MINUTES = 'Sovittiin pyöräkaistan kokeilusta Liisankadulla.';
const OUTCOME = 'Pyöräkaistan kokeilu esitetään talousarvioon.';

let idea: { id: number; trackingCode: string } | null = null;

async function seed(knex: Knex): Promise<void> {
  await seedAccount(knex, OFFICIAL, { roles: ['official'], departments: ['kymp'] });
  const submitted = await submitIdea(
    knex,
    {
      title: 'Pyöräkaista Liisankadulle',
      description: 'Turvallisempi reitti kouluun.',
      themes: ['community'],
      geometry: { type: 'Point', coordinates: [24.9555, 60.1725] },
    },
    { userId: null },
  );
  idea = { id: submitted.id, trackingCode: submitted.trackingCode };
}

const e2e = e2eApp({ database: { prefix: 'tables', seed } });

const open = (pathname: string) => e2e.open(pathname);

let tableUrl = '';

describe('partnership tables', () => {
  it('an official sets up a table and records its people, a meeting and an outcome', async (ctx) => {
    if (!e2e.ready || !idea) return ctx.skip();
    const page = await open('/kehra');
    await signIn(page, OFFICIAL);

    // The new-table page, from the link officials see under the list of tables.
    await page.getByTestId('kehra-tables').getByRole('link', { name: 'Uusi kumppanuuspöytä' }).click();
    await page.waitForURL(/\/kehra\/tables\/new/);
    await page.getByRole('heading', { name: 'Uusi kumppanuuspöytä' }).waitFor();
    await page.getByRole('radio', { name: 'Valitse kaupunginosa' }).waitFor();
    await expectNoSeriousViolations(page, '/kehra/tables/new');

    await page.locator('#table-form-name').fill(TABLE);
    await page.locator('#table-form-convener').fill('Kruununhaka-Seura');
    await page.locator('#table-form-description').fill('Asukkaat, yritykset ja kaupunki sopivat kaduista yhdessä.');
    await page.locator('label[for="table-form-theme-community"]').click();
    // The district from the list (the keyboard way), not the map.
    await pick(page, /^Suurpiiri/, 'Eteläinen');
    await pick(page, /^Peruspiiri/, 'Vironniemi');
    await pick(page, /^Osa-alue/, 'Kruununhaka');
    // The picked district shows on the map as the table's area, as a drawn one would.
    await waitForRendered(page, 'draw-fill');
    await page.locator('#table-form-place-name').fill(PLACE.name);
    await page.locator('#table-form-place-lon').fill(PLACE.lon);
    await page.locator('#table-form-place-lat').fill(PLACE.lat);
    await page.locator('#table-form-contact-name').fill(OFFICIAL.name);
    await page.locator('#table-form-contact-email').fill(OFFICIAL.email);
    await screenshot(page, 'table-new');
    await page.getByRole('button', { name: 'Perusta pöytä' }).click();

    await page.waitForURL(/\/kehra\/tables\/\d+/);
    tableUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: TABLE }).waitFor();
    await page.getByTestId('table-status').getByText(`Kumppanuuspöytä ${TABLE} on perustettu.`).waitFor();
    await page.getByText('Alue: Kruununhaka').waitFor();
    await page.getByText(`Kokoontumispaikka: ${PLACE.name}`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kehra-table-heading');

    // Five people from all three sectors: the "too few" warning goes away with the fifth.
    const warnings = page.getByTestId('table-participants').getByTestId('sector-warnings');
    const added = page.getByTestId('table-participants-status');
    const addPerson = async (p: { name: string; sector: string; organisation: string }) => {
      await page.locator('#table-participant-name').fill(p.name);
      await page.locator('#table-participant-sector').selectOption(p.sector);
      await page.locator('#table-participant-organisation').fill(p.organisation);
      // Each of them agreed to be named publicly: the visitor's view below lists them.
      await page.locator('#table-participant-public').check({ force: true });
      await page.getByRole('button', { name: 'Lisää osallistuja' }).click();
      await added.getByText(`${p.name} lisätty pöytään.`).waitFor();
    };
    for (const p of PEOPLE.slice(0, 4)) await addPerson(p);
    await warnings.getByText('Liian vähän osallistujia: 4 (vähintään 5).').waitFor();
    await addPerson(PEOPLE[4]);
    await warnings.getByText(/Liian vähän osallistujia/).waitFor({ state: 'detached' });
    await page.getByTestId('sector-balance').getByText('Kaupunki: 1 (20 %)').waitFor();

    // One too many, removed again after confirming.
    await addPerson(EXTRA);
    await page.getByRole('button', { name: `Poista osallistuja ${EXTRA.name}` }).click();
    await page.getByText(`Poistetaanko ${EXTRA.name} pöydästä?`).waitFor();
    await page.getByRole('button', { name: 'Kyllä, poista' }).click();
    await added.getByText(`${EXTRA.name} poistettu pöydästä.`).waitFor();
    await page.getByTestId('table-participants').locator('li', { hasText: EXTRA.name }).waitFor({ state: 'detached' });
    await page.getByTestId('sector-balance').getByText('Kaupunki: 1 (20 %)').waitFor();

    // A past meeting with its agenda (Helsinki time), then its minutes added by editing it.
    const meetings = page.getByTestId('table-meetings');
    await page.getByRole('button', { name: 'Lisää tapaaminen' }).click();
    await page.locator('#table-meeting-new-startsAt').fill('2025-03-10T18:00');
    await page.locator('#table-meeting-new-endsAt').fill('2025-03-10T20:00');
    expect(await page.locator('#table-meeting-new-place').inputValue()).toBe(PLACE.name);
    await page.locator('#table-meeting-new-agenda').fill(AGENDA);
    await page.getByRole('button', { name: 'Tallenna tapaaminen' }).click();
    await page.getByTestId('table-meetings-status').getByText('Tapaaminen lisätty.').waitFor();
    const meeting = meetings.getByTestId('table-meeting').filter({ hasText: AGENDA });
    await meeting.waitFor();
    // 18.00–20.00 in Helsinki whatever the browser's zone: the offset went to the server and back.
    expect(await meeting.locator('strong').innerText()).toMatch(/10\.3\.2025.*18\.00.*20\.00/);
    await meetings.getByRole('heading', { name: 'Menneet tapaamiset' }).waitFor();
    await meeting.getByRole('button', { name: /^Muokkaa tapaamista/ }).click();
    await meetings.locator('textarea[id$="-minutes"]').fill(MINUTES);
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page
      .getByTestId('table-meetings-status')
      .getByText(/^Tapaaminen .* päivitetty\.$/)
      .waitFor();
    await meeting.getByText(MINUTES).waitFor();

    // An outcome on the municipal budget route, linking the idea by its tracking code.
    await page.getByRole('button', { name: 'Lisää tulos' }).click();
    await page.locator('#table-outcome-route').selectOption({ label: 'Kaupungin talousarvio' });
    await page.locator('#table-outcome-description').fill(OUTCOME);
    await page.locator('#table-outcome-ideaIds').fill(idea.trackingCode.toLowerCase());
    // The editing page with its forms open: details, and the outcome form.
    await page.getByRole('button', { name: 'Muokkaa tietoja' }).click();
    await page.getByRole('heading', { name: `Muokkaa pöytää ${TABLE}` }).waitFor();
    await expectNoSeriousViolations(page, `${tableUrl} (official, editing)`);
    await page.getByRole('button', { name: 'Peruuta' }).first().click();
    await page.getByRole('button', { name: 'Muokkaa tietoja' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('table-edit-details');

    await page.getByRole('button', { name: 'Tallenna tulos' }).click();
    await page.getByTestId('table-outcomes-status').getByText('Tulos lisätty reitille Kaupungin talousarvio.').waitFor();
    const outcomes = page.getByTestId('table-outcomes');
    await outcomes.getByRole('heading', { name: 'Kaupungin talousarvio (1)' }).waitFor();
    await outcomes.getByRole('link', { name: `idea ${idea.id}` }).waitFor();

    // Rename: only the name is sent; the page and its heading follow, focus lands on the name.
    await page.getByRole('button', { name: 'Muokkaa tietoja' }).click();
    await page.locator('#table-form-name').fill(RENAMED);
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('table-status').getByText('Muutokset tallennettu.').waitFor();
    await page.getByRole('heading', { name: RENAMED }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kehra-table-heading');
    await page.getByText('Alue: Kruununhaka').waitFor();
    await screenshot(page, 'table-editing');
    await page.close();
  });

  it('a visitor finds the table in the list and reads it, with no edit controls', async (ctx) => {
    if (!e2e.ready || !tableUrl) return ctx.skip();
    const page = await open('/kehra');
    const tables = page.getByTestId('kehra-tables');
    await tables.getByRole('link', { name: RENAMED }).waitFor();
    expect(await tables.getByRole('link', { name: 'Uusi kumppanuuspöytä' }).count()).toBe(0);
    await tables.getByRole('link', { name: RENAMED }).click();
    await page.waitForURL((u) => u.pathname === tableUrl);
    await page.getByRole('heading', { name: RENAMED }).waitFor();

    const participants = page.getByTestId('table-participants');
    for (const p of PEOPLE) await participants.getByText(p.organisation ? `${p.name}, ${p.organisation}` : p.name).waitFor();
    expect(await participants.getByText(EXTRA.name).count()).toBe(0);
    expect(await participants.getByText(/Liian vähän osallistujia/).count()).toBe(0);
    const meeting = page.getByTestId('table-meetings').getByTestId('table-meeting');
    await meeting.getByText(AGENDA).waitFor();
    await meeting.getByRole('heading', { name: 'Muistio' }).waitFor();
    await meeting.getByText(MINUTES).waitFor();
    const outcomes = page.getByTestId('table-outcomes');
    await outcomes.getByRole('heading', { name: 'Kaupungin talousarvio (1)' }).waitFor();
    await outcomes.getByText(OUTCOME).waitFor();

    // The meetings' own calendar: named after the table, holding no one else's events.
    const subscribe = page.getByTestId('table-subscribe').getByRole('link', { name: 'Kokoukset kalenteriin (iCalendar)' });
    const href = await subscribe.getAttribute('href');
    expect(href).toMatch(new RegExp(`^/feeds/events\\.ics\\?table=${tableUrl.split('/').pop()}&lang=fi$`));
    const calendar = await page.request.get(`${e2e.app.url}${href}`);
    expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const text = (await calendar.text()).replace(/\r\n /g, '');
    expect(text).toMatch(new RegExp(`^X-WR-CALNAME:.+ — ${RENAMED}\r$`, 'm'));
    expect(text).not.toMatch(/^UID:(activity|budgeting)-/m);

    for (const name of [
      'Muokkaa tietoja',
      'Lisää osallistuja',
      'Lisää tapaaminen',
      'Lisää tulos',
      /^Poista osallistuja/,
      /^Muokkaa tapaamista/,
    ]) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    await expectNoSeriousViolations(page, `${tableUrl} (visitor)`);

    // The new-table page tells a visitor to sign in instead of showing the form.
    await page.goto(`${e2e.app.url}/kehra/tables/new`);
    await page.getByTestId('table-not-allowed').getByRole('link', { name: 'Kirjaudu' }).waitFor();
    expect(await page.locator('#table-form-name').count()).toBe(0);
    await page.close();
  });
});
