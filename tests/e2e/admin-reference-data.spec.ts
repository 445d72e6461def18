/**
 * Departments and themes are data: an admin adds a theme and a department on the admin page (a
 * taken identifier and a bad colour are refused at their fields) and edits the department, and
 * without reloading the activities view's theme filter and layer panel offer them. Axe passes on the admin section with its form open. Waits on
 * DOM and URL state only.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, screenshot } from './support/app.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const ADMIN = { email: 'toimialat-yllapito@example.test', password: 'toimialat-yllapito-salasana', name: 'Tuula Toimiala' };
const THEME = { slug: 'saaristo', nameFi: 'Saaristo', nameSv: 'Skärgården', nameEn: 'Archipelago' };
const DEPARTMENT = {
  slug: 'satama',
  nameFi: 'Satamatoimiala',
  nameSv: 'Hamnsektorn',
  nameEn: 'Harbour Division',
  color: '#00AA88',
};

const e2e = e2eApp({
  database: { prefix: 'reference-data', seed: (knex: Knex) => seedAccount(knex, ADMIN, { roles: ['admin'] }) },
});

describe('departments and themes on the admin page', () => {
  it('an admin adds a theme and a department; the activities filters show them at once', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    // The activities view first, so its department and theme lists are already loaded (and cached).
    const page = await e2e.open('/activities');
    await signIn(page, ADMIN);
    const themeFilter = page.getByRole('group', { name: /^Teemat/ });
    await themeFilter.getByRole('checkbox', { name: 'Liikunta ja ulkoilu' }).waitFor({ state: 'attached' });
    expect(await themeFilter.getByRole('checkbox', { name: THEME.nameFi }).count()).toBe(0);

    await page
      .getByRole('banner')
      .getByRole('button', { name: new RegExp(ADMIN.name) })
      .click();
    await page.getByRole('banner').getByRole('link', { name: 'Käyttäjähallinta' }).click();
    const section = page.getByTestId('admin-reference-data');
    await section.getByRole('heading', { name: 'Toimialat ja teemat' }).waitFor();

    // A theme; first with a taken identifier, which the server refuses at the field.
    const themes = section.getByTestId('reference-themes');
    await themes.getByRole('listitem').filter({ hasText: 'Kulttuuri' }).first().waitFor();
    await themes.getByRole('button', { name: 'Lisää teema' }).click();
    const themeForm = themes.getByTestId('reference-theme-new-form');
    const slug = themeForm.getByLabel(/^Tunniste/);
    await slug.fill('culture');
    await themeForm.getByLabel(/^Nimi suomeksi/).fill(THEME.nameFi);
    await themeForm.getByLabel(/^Nimi ruotsiksi/).fill(THEME.nameSv);
    await themeForm.getByLabel(/^Nimi englanniksi/).fill(THEME.nameEn);
    await themeForm.getByRole('button', { name: 'Lisää', exact: true }).click();
    await themeForm.getByText('Tunniste culture on jo käytössä.').waitFor();
    expect(await slug.getAttribute('aria-invalid')).toBe('true');
    await slug.fill(THEME.slug);
    await themeForm.getByRole('button', { name: 'Lisää', exact: true }).click();
    await section.getByTestId('reference-status').getByText('Teema Saaristo tallennettu.').waitFor();
    const themeRow = themes.locator(`[data-slug="${THEME.slug}"]`);
    await themeRow.getByText('Skärgården · Archipelago').waitFor();
    await themeRow.getByText('Ei käytössä').waitFor();

    // A department, its colour given as hex text (the colour picker follows it).
    const departments = section.getByTestId('reference-departments');
    await departments.getByRole('button', { name: 'Lisää toimiala' }).click();
    const deptForm = departments.getByTestId('reference-department-new-form');
    await deptForm.getByLabel(/^Tunniste/).fill(DEPARTMENT.slug);
    await deptForm.getByLabel(/^Nimi suomeksi/).fill(DEPARTMENT.nameFi);
    await deptForm.getByLabel(/^Nimi ruotsiksi/).fill(DEPARTMENT.nameSv);
    await deptForm.getByLabel(/^Nimi englanniksi/).fill(DEPARTMENT.nameEn);
    const hex = deptForm.getByLabel(/^Väri heksakoodina/);
    await hex.fill('#00AA8');
    await deptForm.getByRole('button', { name: 'Lisää', exact: true }).click();
    await deptForm.getByText('Anna väri muodossa #RRGGBB.').waitFor();
    expect(await hex.getAttribute('aria-invalid')).toBe('true');
    await hex.fill(DEPARTMENT.color);
    expect(await deptForm.getByLabel('Väri', { exact: true }).inputValue()).toBe('#00aa88');
    await expectNoSeriousViolations(page, 'admin: departments and themes, with a form open');
    await deptForm.getByRole('button', { name: 'Lisää', exact: true }).click();
    await section.getByTestId('reference-status').getByText('Toimiala Satamatoimiala tallennettu.').waitFor();
    const deptRow = departments.locator(`[data-slug="${DEPARTMENT.slug}"]`);
    await deptRow.getByText(/#00AA88/).waitFor();

    // Editing: a new colour, and an emptied English name is removed.
    await deptRow.getByRole('button', { name: `Muokkaa: ${DEPARTMENT.nameFi}` }).click();
    const editForm = deptRow.getByTestId(`reference-department-${DEPARTMENT.slug}-form`);
    await editForm.getByLabel(/^Nimi englanniksi/).fill('');
    await editForm.getByLabel(/^Väri heksakoodina/).fill('#112233');
    await editForm.getByRole('button', { name: 'Tallenna' }).click();
    await deptRow.getByText(/Hamnsektorn \(satama, #112233/).waitFor();
    expect(await deptRow.innerText()).not.toContain(DEPARTMENT.nameEn);
    await page
      .getByTestId('admin-audit')
      .getByRole('row')
      .filter({ hasText: 'Toimiala lisätty' })
      .filter({ hasText: ADMIN.email })
      .waitFor();
    await screenshot(page, 'admin-reference-data');
    await expectNoSeriousViolations(page, 'admin: departments and themes');

    // Back to the activities view inside the app: the new theme and department are offered.
    await page.getByRole('link', { name: 'Toiminta', exact: true }).first().click();
    await page.waitForURL(/\/activities/);
    await page
      .getByRole('group', { name: /^Teemat/ })
      .getByRole('checkbox', { name: THEME.nameFi })
      .waitFor({ state: 'attached' });
    const layer = page.getByRole('group', { name: /^Toimialat/ }).getByRole('checkbox', { name: DEPARTMENT.nameFi });
    await layer.waitFor({ state: 'attached' });
    expect(await layer.isChecked()).toBe(true);
    await page.close();
  });
});
