/**
 * Kehrä group editing against the built app: a member of the group edits its details, its members
 * (the sector balance follows), the plan's goals per theme and the notes and funding of the ranked
 * ideas; a visitor then sees the result without any editing control; an admin founds a new group.
 * Everything is seeded before the app starts (PGlite allows one process). Waits on DOM/URL state.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../server/src/audit/audit.service.js';
import { submitIdea } from '../../server/src/ideas/ideas.service.js';
import { addMember, addPlanItem, createGroup } from '../../server/src/kehra/kehra.service.js';
import { expectNoSeriousViolations, pick, screenshot, type Page } from './support/app.js';
import { e2eApp, signIn, seedAccount, type Credentials } from './support/session.js';

const MEMBER = { email: 'kehra-muokkaaja@example.test', password: 'kehra-muokkaaja-salasana', name: 'Maija Muokkaaja' };
const ADMIN = { email: 'kehra-yllapito@example.test', password: 'kehra-yllapito-salasana', name: 'Ylli Ylläpitäjä' };
const GROUP = 'Kruununhaan asukaskehrä';
const DESCRIPTION = 'Kruununhaan asukkaat, yritykset ja kaupunki kehittävät kortteleita yhdessä.';
const EMAIL = 'kehra@kruununhaka.example';
const PHONE = '09 310 1234';
/** Two ideas in Kruununhaka (the group's district), both already in the plan. */
const IDEAS = ['Penkkejä Senaatintorille', 'Kesäkahvila Kruununhakaan'];
const NOTE = 'Haettu kaupunginosarahastosta maaliskuussa.';
const GOALS = [
  { legend: 'Tavoite 1', theme: 'community', themeName: 'Yhteisöllisyys', goal: 'Kaksi korttelijuhlaa vuodessa.' },
  { legend: 'Tavoite 2', theme: 'culture', themeName: 'Kulttuuri', goal: 'Kesäkonsertit Tervasaaressa.' },
];
const NEW_GROUP = 'Eteläisten kaupunginosien Kehrä';

let groupId = 0;

/** The group (residents and businesses, no city yet), its member account, an admin and two plan items. */
async function seedGroup(knex: Knex): Promise<void> {
  const { rows } = await knex.raw(`SELECT id FROM areas WHERE level = 'osa_alue' AND lower(name_fi) = 'kruununhaka'`);
  if (rows.length !== 1) throw new Error(`expected one Kruununhaka, found ${rows.length}`);
  const actor = systemActor('e2e-admin');
  groupId = (
    await createGroup(knex, actor, {
      name: GROUP,
      description: 'Vanha kuvaus.',
      contactName: 'Kaisa Kehräläinen',
      areaIds: [rows[0].id],
    })
  ).id;
  await addMember(knex, actor, groupId, { name: 'Riikka Asukas', sector: 'residents' });
  await addMember(knex, actor, groupId, { name: 'Poistuva Jäsen', sector: 'residents' });
  await addMember(knex, actor, groupId, { name: 'Yrjö Yrittäjä', sector: 'businesses', organisation: 'Yrjön Puoti' });
  await seedAccount(knex, MEMBER, { roles: ['kehra'], kehraGroups: [groupId] });
  await seedAccount(knex, ADMIN, { roles: ['admin'] });
  const at: [number, number][] = [
    [24.9546, 60.1699],
    [24.9548, 60.1712],
  ];
  for (const [i, title] of IDEAS.entries()) {
    const idea = await submitIdea(
      knex,
      {
        title,
        description: 'Idea Kehrän suunnitelmaan.',
        themes: ['community'],
        geometry: { type: 'Point', coordinates: at[i] },
      },
      { userId: null },
    );
    await addPlanItem(knex, actor, groupId, { ideaId: idea.id });
  }
}

const e2e = e2eApp({ database: { prefix: 'kehra-editing', seed: seedGroup } });

/** A fresh page at `pathname`, signed in as `who`. */
async function signedIn(pathname: string, who: Credentials): Promise<Page> {
  const page = await e2e.open(pathname);
  await signIn(page, who);
  return page;
}

/** The element with focus is the one with this test id (focus moved to a status message). */
const focusIsOn = (page: Page, testId: string) =>
  page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);

describe('Kehrä group editing', () => {
  it('a member edits the description and contact; a wrong e-mail is caught at the field', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await signedIn(`/kehra/groups/${groupId}`, MEMBER);
    await page.getByRole('heading', { name: GROUP }).waitFor();
    const opener = page.getByRole('button', { name: 'Muokkaa ryhmän tietoja' });
    await opener.click();
    const form = page.getByTestId('kehra-group-edit-form');
    await form.getByRole('heading', { name: 'Muokkaa ryhmän tietoja' }).waitFor();
    await expectNoSeriousViolations(page, `/kehra/groups/${groupId} (details form)`);

    // Cancel returns focus to the button that opened the form.
    await form.getByRole('button', { name: 'Peruuta' }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Muokkaa ryhmän tietoja');

    await opener.click();
    await page.getByLabel('Kuvaus').fill(DESCRIPTION);
    await page.getByLabel('Sähköposti').fill('ei-osoite');
    await page.getByLabel('Puhelin').fill(PHONE);
    await page.getByRole('button', { name: 'Tallenna tiedot' }).click();
    await form.getByText('Anna sähköpostiosoite muodossa nimi@esimerkki.fi.').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'kehra-group-edit-contactEmail');
    expect(await page.getByLabel('Sähköposti').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Sähköposti').fill(EMAIL);
    await page.getByRole('button', { name: 'Tallenna tiedot' }).click();
    await page.getByTestId('group-status').filter({ hasText: 'Ryhmän tiedot tallennettu.' }).waitFor();
    await focusIsOn(page, 'group-status');
    await page.getByTestId('group-description').filter({ hasText: DESCRIPTION }).waitFor();
    await page.getByRole('link', { name: EMAIL }).waitFor();
    await page.getByText(PHONE).waitFor();

    // The contact person leaves: emptying the name removes it (nothing else changes).
    await page.getByText('Kaisa Kehräläinen').waitFor();
    await opener.click();
    await page.getByLabel('Yhteyshenkilön nimi').fill('');
    await page.getByRole('button', { name: 'Tallenna tiedot' }).click();
    await page.getByText('Kaisa Kehräläinen').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: EMAIL }).waitFor();
    await page.getByText(PHONE).waitFor();
    await screenshot(page, 'group-details-saved');
    await page.close();
  });

  it('a member adds a city member (the warning goes), edits one and removes one after confirming', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await signedIn(`/kehra/groups/${groupId}`, MEMBER);
    const warnings = page.getByTestId('sector-balance');
    await warnings.getByText('Sektori puuttuu: Kaupunki.').waitFor();

    await page.getByRole('button', { name: 'Lisää jäsen' }).click();
    await page.locator('#kehra-member-new-name').fill('Kalle Kaupunki');
    await page.getByLabel('Sektori').selectOption('city');
    await page.getByLabel('Organisaatio').fill('Kaupunkiympäristön toimiala');
    await page.getByRole('button', { name: 'Lisää jäsen' }).click();
    await page.getByTestId('members-status').filter({ hasText: 'Kalle Kaupunki lisätty ryhmään.' }).waitFor();
    await focusIsOn(page, 'members-status');
    await warnings.getByText('Sektori puuttuu: Kaupunki.').waitFor({ state: 'detached' });
    await warnings.getByText('Kaupunki: 1 (25 %)').waitFor();
    await page.getByTestId('group-members').getByText('Kalle Kaupunki, Kaupunkiympäristön toimiala').waitFor();

    await page.getByRole('button', { name: 'Muokkaa jäsentä Yrjö Yrittäjä' }).click();
    await page.getByLabel('Organisaatio').fill('Kruununhaan Kahvila Oy');
    await page.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('members-status').filter({ hasText: 'Jäsenen Yrjö Yrittäjä tiedot tallennettu.' }).waitFor();
    await page.getByTestId('group-members').getByText('Yrjö Yrittäjä, Kruununhaan Kahvila Oy').waitFor();

    // Removing asks first; cancelling keeps the member and returns focus to the button.
    const remove = page.getByRole('button', { name: 'Poista jäsen Poistuva Jäsen' });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Poistetaanko jäsen?' });
    await dialog.getByText('Poistuva Jäsen poistetaan ryhmän jäsenistä.').waitFor();
    await expectNoSeriousViolations(page, `/kehra/groups/${groupId} (remove dialog)`);
    await dialog.getByRole('button', { name: 'Peruuta' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Poista jäsen Poistuva Jäsen');
    await remove.click();
    await dialog.getByRole('button', { name: 'Poista jäsen' }).click();
    await page.getByTestId('members-status').filter({ hasText: 'Poistuva Jäsen poistettu ryhmästä.' }).waitFor();
    await focusIsOn(page, 'members-status');
    await page.getByTestId('group-members').getByText('Poistuva Jäsen').waitFor({ state: 'detached' });
    await warnings.getByText('Asukkaat ja yhdistykset: 1 (33 %)').waitFor();
    await screenshot(page, 'group-members');
    await page.close();
  });

  it('a member writes goals for two themes, notes funding on one idea and removes the other', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await signedIn(`/kehra/groups/${groupId}`, MEMBER);
    await page.getByRole('button', { name: 'Muokkaa tavoitteita' }).click();
    const goalsForm = page.getByTestId('goals-form');
    for (const g of GOALS) {
      await goalsForm.getByRole('button', { name: 'Lisää tavoite' }).click();
      const row = goalsForm.getByRole('group', { name: g.legend });
      await row.getByLabel('Teema').selectOption(g.theme);
      await row.getByLabel('Tavoite', { exact: true }).fill(g.goal);
    }
    await goalsForm.getByRole('button', { name: 'Tallenna tavoitteet' }).click();
    await page.getByTestId('goals-status').filter({ hasText: 'Tavoitteet tallennettu.' }).waitFor();
    await focusIsOn(page, 'goals-status');
    for (const g of GOALS) await page.getByTestId('plan-goals').getByText(g.goal).waitFor();

    const items = page.getByTestId('plan-items').locator(':scope > li');
    await items.nth(1).waitFor();
    await page.getByRole('button', { name: `Muokkaa muistiinpanoa ja rahoitusta: ${IDEAS[0]}` }).click();
    await page.getByLabel('Ryhmän muistiinpano').fill(NOTE);
    await page.getByLabel('Rahoituksen tila').selectOption('applied');
    await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
    await page
      .getByTestId('plan-status')
      .filter({ hasText: `Tallennettu: ${IDEAS[0]}.` })
      .waitFor();
    await focusIsOn(page, 'plan-status');
    await items.first().getByText(`Rahoitus: Haettu · ${NOTE}`).waitFor();

    await page.getByRole('button', { name: `Poista suunnitelmasta: ${IDEAS[1]}` }).click();
    await page
      .getByRole('dialog', { name: 'Poistetaanko idea suunnitelmasta?' })
      .getByRole('button', { name: 'Poista suunnitelmasta' })
      .click();
    await page
      .getByTestId('plan-status')
      .filter({ hasText: `${IDEAS[1]} poistettu suunnitelmasta.` })
      .waitFor();
    await focusIsOn(page, 'plan-status');
    await items.nth(1).waitFor({ state: 'detached' });
    // The removed idea is a candidate again.
    await page.getByLabel('Lisää idea suunnitelmaan').locator('option', { hasText: IDEAS[1] }).waitFor({ state: 'attached' });
    await expectNoSeriousViolations(page, `/kehra/groups/${groupId} (member)`);
    await screenshot(page, 'group-plan-editing');
    await page.close();
  });

  it('a visitor sees the new details, goals, note and funding status, and no editing controls', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await e2e.open(`/kehra/groups/${groupId}`);
    await page.getByRole('heading', { name: GROUP }).waitFor();
    await page.getByTestId('group-description').filter({ hasText: DESCRIPTION }).waitFor();
    await page.getByRole('link', { name: EMAIL }).waitFor();
    expect(await page.getByText('Kaisa Kehräläinen').count()).toBe(0);
    for (const g of GOALS) {
      await page.getByTestId('plan-goals').getByText(g.themeName, { exact: true }).waitFor();
      await page.getByTestId('plan-goals').getByText(g.goal).waitFor();
    }
    const items = page.getByTestId('plan-items').locator(':scope > li');
    await items.first().getByText(`Rahoitus: Haettu · ${NOTE}`).waitFor();
    expect(await items.count()).toBe(1);
    const members = await page.getByTestId('group-members').innerText();
    expect(members).toContain('Kalle Kaupunki, Kaupunkiympäristön toimiala');
    expect(members).not.toContain('Poistuva Jäsen');
    await expect(page.getByTestId('sector-warnings').count()).resolves.toBe(0);
    for (const name of [
      'Muokkaa ryhmän tietoja',
      'Lisää jäsen',
      'Muokkaa tavoitteita',
      /^Muokkaa jäsentä/,
      /^Poista/,
      /^Muokkaa muistiinpanoa/,
    ]) {
      await expect(page.getByRole('button', { name }).count(), String(name)).resolves.toBe(0);
    }
    await expectNoSeriousViolations(page, `/kehra/groups/${groupId} (visitor)`);
    await screenshot(page, 'group-visitor');
    await page.close();
  });

  it('an admin creates a new group at /kehra/groups/new and lands on its page', async (ctx) => {
    if (!e2e.ready || !groupId) return ctx.skip();
    const page = await signedIn('/kehra', ADMIN);
    await page.getByTestId('kehra-groups').getByRole('link', { name: 'Uusi Kehrä' }).click();
    await page.waitForURL(/\/kehra\/groups\/new/);
    const form = page.getByTestId('kehra-group-new-form');
    await form.getByRole('heading', { name: 'Ryhmän tiedot' }).waitFor();

    await page.getByLabel('Ryhmän nimi').fill('Et');
    await page.getByRole('button', { name: 'Perusta Kehrä' }).click();
    await form.getByText('Anna ryhmälle nimi (vähintään 3 merkkiä).').waitFor();

    await page.getByLabel('Ryhmän nimi').fill(NEW_GROUP);
    await page.getByLabel('Yhteyshenkilön nimi').fill(ADMIN.name);
    await pick(page, /^Suurpiiri/, 'Eteläinen');
    await page.getByRole('button', { name: 'Lisää alue: Eteläinen' }).click();
    await page.getByTestId('kehra-group-new-districts').getByText('Eteläinen').waitFor();
    await page.getByRole('button', { name: 'Perusta Kehrä' }).click();

    await page.waitForURL(/\/kehra\/groups\/\d+(\?|$)/);
    await page.getByRole('heading', { name: NEW_GROUP }).waitFor();
    await page
      .getByTestId('group-status')
      .filter({ hasText: `Kehrä ${NEW_GROUP} perustettu.` })
      .waitFor();
    await page.getByText('Toiminta-alueet: Eteläinen').waitFor();
    await page.getByText('Sektori puuttuu: Asukkaat ja yhdistykset.').waitFor();
    await screenshot(page, 'group-new');
    await page.close();
  });
});
