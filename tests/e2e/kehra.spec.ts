/**
 * Kehrä against the built app: a member of a Kehrä group draws a development area on the map and
 * ranks ideas in the group's plan; a visitor then finds the area (map, list, "who is active here")
 * and the plan in its new order. The group, the member and two ideas are written into the app's
 * database before the app starts (PGlite allows one process). Waits on DOM/URL state — never on time.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/audit/audit.service.js';
import { submitIdea } from '../../server/src/ideas/ideas.service.js';
import { createDevArea, createGroup } from '../../server/src/kehra/kehra.service.js';
import { addOutcome, addParticipant, createTable } from '../../server/src/partnership-tables/partnership-tables.service.js';
import { expectNoSeriousViolations, screenshot, type Page } from './support/app.js';
import { clickMap, drawCorners, waitForRendered } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const MEMBER = { email: 'kehra-jasen@example.test', password: 'kehra-jasen-salasana', name: 'Kaisa Kehräläinen' };
const GROUP = 'Kruununhaan Kehrä';
const AREA_NAME = 'Tuomiokirkon portaat';
const EDITED_NAME = 'Portaiden kohtaamispaikka';
/** Two ideas in Kruununhaka (the group's working district), beside the square drawn below. */
const IDEAS: { title: string; at: [number, number] }[] = [
  { title: 'Penkkejä Senaatintorille', at: [24.9546, 60.1699] },
  { title: 'Kesäkahvila Kruununhakaan', at: [24.9548, 60.1712] },
];
/** A small square on the cathedral, inside Kruununhaka. */
const SQUARE: [number, number][] = [
  [24.951, 60.1697],
  [24.9535, 60.1697],
  [24.9535, 60.171],
  [24.951, 60.171],
];
/** A development area of two separate parts: the drawing tool cannot redraw it corner by corner. */
const SHORES = 'Kruununhaan rantapuistot';
const square = (lon: number, lat: number): [number, number][][] => {
  const [e, n] = [Number((lon + 0.0015).toFixed(6)), Number((lat + 0.0007).toFixed(6))];
  return [
    [
      [lon, lat],
      [e, lat],
      [e, n],
      [lon, n],
      [lon, lat],
    ],
  ];
};
const SHORES_GEOMETRY = { type: 'MultiPolygon', coordinates: [square(24.957, 60.1715), square(24.9605, 60.17)] };
const TABLE = 'Kruununhaan kumppanuuspöytä';
const INSIDE: [number, number] = [24.9522, 60.1703];

let groupId = 0;
let districtId = 0;
let shoresId = 0;

/** The group, its member, a partnership table and two ideas, written before the app starts. */
async function seedKehra(knex: Knex): Promise<void> {
  const { rows } = await knex.raw(`SELECT id FROM areas WHERE level = 'osa_alue' AND lower(name_fi) = 'kruununhaka'`);
  if (rows.length !== 1) throw new Error(`expected one Kruununhaka, found ${rows.length}`);
  districtId = rows[0].id;
  const actor = systemActor('e2e-admin');
  groupId = (
    await createGroup(knex, actor, {
      name: GROUP,
      description: 'Asukkaat, yritykset ja kaupunki yhdessä.',
      contactName: 'Kaisa Kehräläinen',
      areaIds: [districtId],
    })
  ).id;
  const memberId = await seedAccount(knex, MEMBER, { roles: ['kehra'], kehraGroups: [groupId] });
  // A partnership table with two participants: under the 5–15 range, so the page warns.
  const tableActor = { ...actor, userId: memberId };
  const table = await createTable(knex, tableActor, {
    name: TABLE,
    convener: 'Kruununhaka-Seura',
    themes: ['community'],
    areaId: districtId,
    meetingPlaceName: 'Kruununhaan kirjasto',
    meetingPlace: { lon: 24.9575, lat: 60.1722 },
  });
  shoresId = JSON.parse(
    await createDevArea(knex, tableActor, groupId, { name: SHORES, status: 'planning', geometry: SHORES_GEOMETRY }),
  ).properties.id;
  await addParticipant(knex, tableActor, table.id, { name: 'Riikka Asukas', sector: 'residents', public: true });
  await addParticipant(knex, tableActor, table.id, { name: 'Kalle Kaupunki', sector: 'city', public: true });
  await addOutcome(knex, tableActor, table.id, { route: 'joint_action', description: 'Yhteiset siivoustalkoot keväällä.' });
  for (const idea of IDEAS) {
    await submitIdea(
      knex,
      {
        title: idea.title,
        description: 'Idea Kehrän suunnitelmaan.',
        themes: ['community'],
        geometry: { type: 'Point', coordinates: idea.at },
      },
      { userId: null },
    );
  }
}

const e2e = e2eApp({ database: { prefix: 'kehra', seed: seedKehra } });

const open = (pathname: string) => e2e.open(pathname);

const zoomedIn = (page: Page) =>
  page.waitForFunction(() => Number(document.querySelector('[data-testid="map"]')!.getAttribute('data-zoom')) > 13);

const planTitles = (page: Page) => page.getByTestId('plan-items').locator(':scope > li > a').allInnerTexts();

describe('Kehrä', () => {
  it('a member draws a development area and ranks two ideas in the plan', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await open(`/kehra/groups/${groupId}?area=${districtId}`);
    await page.getByRole('heading', { name: GROUP }).waitFor();
    await signIn(page, MEMBER);
    await zoomedIn(page);

    // Draw the area with the ideas' drawing tool: corners by clicking the map.
    await page.getByRole('button', { name: 'Piirrä uusi kehittämisalue' }).click();
    await drawCorners(page, SQUARE);
    await page.getByRole('button', { name: 'Valmis' }).click();
    await page.locator('#kehra-devarea-name').fill(AREA_NAME);
    await page.locator('#kehra-devarea-description').fill('Kohtaamispaikka portaiden juurelle.');
    await page.locator('#kehra-devarea-status').selectOption('active');
    await page.getByRole('button', { name: 'Tallenna kehittämisalue' }).click();
    await page.getByTestId('devarea-saved').waitFor();
    await page.getByTestId('group-dev-areas').getByText(AREA_NAME).waitFor();

    // Rename the area (version 2), then restore version 1 from the history (version 3).
    const areas = page.getByTestId('group-dev-areas');
    await page.getByRole('button', { name: `Muokkaa kehittämisaluetta ${AREA_NAME}` }).click();
    // Editing starts from the saved corners, not from an empty drawing.
    await page
      .getByTestId('draw-status')
      .filter({ hasText: `${SQUARE.length} pistettä merkitty` })
      .waitFor();
    await page.locator('[id^="kehra-devarea-edit-"][id$="-name"]').fill(EDITED_NAME);
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('devarea-message').filter({ hasText: 'Muutokset tallennettu uutena versiona.' }).waitFor();
    await areas.locator('strong', { hasText: EDITED_NAME }).waitFor();
    await page.getByRole('button', { name: `Versiohistoria: ${EDITED_NAME}` }).click();
    await page.getByRole('button', { name: 'Palauta versio 1' }).click();
    await page.getByTestId('devarea-message').filter({ hasText: 'Versio 1 palautettu uutena versiona 3.' }).waitFor();
    const versions = page.getByTestId('devarea-versions').locator(':scope > li');
    await versions.nth(2).waitFor();
    expect(await versions.count()).toBe(3);
    expect(await versions.first().innerText()).toContain(`Versio 3 (nykyinen): ${AREA_NAME}`);
    expect(await versions.first().innerText()).toContain('Palautettu versiosta 1');
    await areas.locator(':scope > li > strong', { hasText: AREA_NAME }).waitFor();

    // Add both ideas (candidates: ideas in the group's district), then swap them with the buttons.
    const candidate = page.getByLabel('Lisää idea suunnitelmaan');
    for (const [i, idea] of IDEAS.entries()) {
      await candidate.locator('option', { hasText: idea.title }).waitFor({ state: 'attached' });
      await candidate.selectOption({ label: (await candidate.locator('option', { hasText: idea.title }).innerText()).trim() });
      await page.getByRole('button', { name: 'Lisää suunnitelmaan' }).click();
      await page.getByTestId('plan-items').locator(':scope > li').nth(i).waitFor();
    }
    expect(await planTitles(page)).toEqual(IDEAS.map((i) => i.title));
    await page.getByRole('button', { name: `Siirrä ylös: ${IDEAS[1].title}` }).click();
    await page.getByTestId('plan-items').locator(':scope > li').first().filter({ hasText: IDEAS[1].title }).waitFor();
    expect(await planTitles(page)).toEqual([IDEAS[1].title, IDEAS[0].title]);
    await expectNoSeriousViolations(page, `/kehra/groups/${groupId} (member)`);
    await screenshot(page, 'kehra-member-drew');
    await page.close();
  });

  it('a member edits an area of two parts: the map shows it, and it is kept unless redrawn', async (ctx) => {
    if (!e2e.ready || !shoresId) return ctx.skip();
    const page = await open(`/kehra/groups/${groupId}?area=${districtId}`);
    await page.getByRole('heading', { name: GROUP }).waitFor();
    await signIn(page, MEMBER);
    await page.getByRole('button', { name: `Muokkaa kehittämisaluetta ${SHORES}` }).click();
    await page.getByTestId('devarea-edit-help').filter({ hasText: 'osia: 2, reikiä: 0' }).waitFor();
    // The current shape is on the map as the drawing's starting point, not an empty drawing.
    await waitForRendered(page, 'draw-fill');
    await screenshot(page, 'kehra-edit-two-parts');
    await page.locator(`#kehra-devarea-edit-${shoresId}-status`).selectOption('active');
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('devarea-message').filter({ hasText: 'Muutokset tallennettu uutena versiona.' }).waitFor();
    const saved = await page.evaluate(async (id) => (await fetch(`/api/kehra/areas/${id}`)).json(), shoresId);
    expect(saved.properties).toMatchObject({ status: 'active', version: 2 });
    expect(saved.geometry).toEqual(SHORES_GEOMETRY);
    await page.close();
  });

  it('a visitor finds the area on the map and in the list, and the plan in its new order', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await open(`/kehra?area=${districtId}`);
    await page.getByRole('heading', { name: 'Kehrät ja kumppanuuspöydät' }).waitFor();
    await page.getByRole('link', { name: 'Kehrä', exact: true }).and(page.locator('[aria-current="page"]')).waitFor();
    const groups = page.getByTestId('kehra-groups');
    await groups.getByRole('link', { name: GROUP }).waitFor();
    await groups.getByText(AREA_NAME).waitFor();
    await zoomedIn(page);
    // The development area is drawn on the map, not only listed beside it.
    await waitForRendered(page, 'kehra-areas-fill');
    await waitForRendered(page, 'kehra-areas-line');
    await expectNoSeriousViolations(page, '/kehra');

    // A click inside the drawn area: the group is active here through its development area.
    await clickMap(page, INSIDE);
    await page.waitForURL(/[?&]at=/);
    const who = page.getByTestId('who-is-active');
    await who.getByRole('link', { name: GROUP }).waitFor();
    await who.getByText('kehittämisalue').waitFor();

    await groups.getByRole('link', { name: GROUP }).click();
    await page.waitForURL(new RegExp(`/kehra/groups/${groupId}`));
    await page.getByRole('heading', { name: GROUP }).waitFor();
    await page.getByTestId('plan-items').locator(':scope > li').nth(1).waitFor();
    expect(await planTitles(page)).toEqual([IDEAS[1].title, IDEAS[0].title]);
    await page.getByTestId('sector-warnings').getByText('Sektori puuttuu: Kaupunki.').waitFor();
    await expect(page.getByRole('button', { name: 'Piirrä uusi kehittämisalue' }).count()).resolves.toBe(0);
    await expectNoSeriousViolations(page, `/kehra/groups/${groupId}`);
    await screenshot(page, 'kehra-visitor-group');
    await page.close();
  });

  it('a visitor opens a partnership table: participants by sector with the 5–15 warning, outcomes by route', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await open(`/kehra?area=${districtId}`);
    await page.getByTestId('kehra-tables').getByRole('link', { name: TABLE }).click();
    await page.getByRole('heading', { name: TABLE }).waitFor();
    await page.getByTestId('sector-warnings').getByText('Liian vähän osallistujia: 2 (vähintään 5).').waitFor();
    await page.getByRole('heading', { name: 'Yhteinen toiminta (1)' }).waitFor();
    await page.getByText('Yhteiset siivoustalkoot keväällä.').waitFor();
    await expectNoSeriousViolations(page, '/kehra/tables/:id');
    await screenshot(page, 'kehra-visitor-table');
    await page.close();
  });
});
