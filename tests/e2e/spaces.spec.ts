/**
 * Shared city spaces against the built app: a Kehrä group member finds a space in the list, asks
 * for a slot for their group with the booking form, an official of the space's department confirms
 * it from the requests list, and a visitor sees the booking (with the group's name) on the space's
 * week calendar and in its iCalendar. Axe on every page; the space page at 390 px has no sideways
 * scroll. Accounts, the group and the space are written before the app starts. Waits on DOM state.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { upsertSpaces } from '../../server/src/spaces/spaces.import.js';
import { insertKehraGroup } from '../../server/src/users/users.repository.js';
import { expectNoSeriousViolations, screenshot, type Page } from './support/app.js';
import { clickMap, waitForRendered } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const MEMBER = { email: 'tila-jasen@example.test', password: 'tila-jasen-salasana', name: 'Jaana Jäsen' };
const OFFICIAL = { email: 'tila-virkailija@example.test', password: 'tila-virkailija-salasana', name: 'Ville Virkailija' };
const GROUP = 'Sörnäisten Kehrä';
const SPACE = 'Testikylän nuorisotalo';
const PURPOSE = 'Kehrän kuukausitapaaminen';
const SPACE_AT: [number, number] = [24.9606, 60.1874];

let spaceId = 0;

async function seed(knex: Knex): Promise<void> {
  const group = await insertKehraGroup(knex, GROUP);
  await seedAccount(knex, MEMBER, { roles: ['kehra'], kehraGroups: [group!.id] });
  await seedAccount(knex, OFFICIAL, { roles: ['official'], departments: ['kuva'] });
  [spaceId] = await upsertSpaces(knex, 'e2e', [
    {
      sourceId: 'e2e-youth',
      nameFi: SPACE,
      nameSv: 'Testbyns ungdomsgård',
      nameEn: 'Test village youth centre',
      kind: 'youth_centre',
      lon: SPACE_AT[0],
      lat: SPACE_AT[1],
      address: 'Testikatu 5, 00530 Helsinki',
      capacity: 40,
      stepFree: true,
      inductionLoop: true,
      openHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:00', closes: '22:00' })),
      phone: '+358 9 310 12345',
      url: 'https://nuoret.hel.fi/',
      department: 'kuva',
    },
  ]);
}

const e2e = e2eApp({ database: { prefix: 'spaces', seed } });

/** A Helsinki date `days` ahead as the date part of a datetime-local value. */
const dayAhead = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', dateStyle: 'short' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
const SLOT_DAY = dayAhead(4);

const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
};

describe('shared city spaces', () => {
  it('a group member asks for a slot for their group', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/spaces');
    await signIn(page, MEMBER);
    await page.getByRole('link', { name: 'Tilat' }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.getByTestId('spaces-list').getByRole('link', { name: SPACE }).waitFor();
    // The space is on the map too, and a click on it opens its page (the list link does the same).
    await waitForRendered(page, 'spaces-point');
    await clickMap(page, SPACE_AT);
    await page.waitForURL(new RegExp(`/spaces/${spaceId}`));
    await page.getByRole('heading', { name: SPACE }).waitFor();
    await page.getByText('08:00–22:00').first().waitFor();
    await expectNoSeriousViolations(page, '/spaces/:id signed in');

    const form = page.getByTestId('space-book');
    await form.getByLabel('Alkaa').fill(`${SLOT_DAY}T18:00`);
    await form.getByLabel('Päättyy').fill(`${SLOT_DAY}T20:00`);
    await form.getByLabel('Osallistujia').fill('12');
    await form.getByLabel('Käyttötarkoitus').fill(PURPOSE);
    await form.getByLabel('Ryhmä, jolle varaat').selectOption({ label: GROUP });
    await form.getByRole('button', { name: 'Lähetä vuoropyyntö' }).click();
    await page.getByTestId('space-book-status').getByText('Vuoropyyntö lähetetty').waitFor();
    await shots(page, 'space-booking');

    // The request waits for a decision among the member's own bookings.
    await page.getByRole('link', { name: '← Kaikki tilat' }).click();
    await page.getByTestId('spaces-mine').getByText('Odottaa päätöstä').waitFor();
    await expectNoSeriousViolations(page, '/spaces signed in');
    await page.close();
  });

  it('an official of the space confirms the request', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/spaces/requests');
    await signIn(page, OFFICIAL);
    const list = page.getByTestId('space-requests');
    const request = list.locator('li.spaces-request').filter({ hasText: PURPOSE });
    await request.getByText(`ryhmälle ${GROUP}`).waitFor();
    await request.getByText(`pyytäjä ${MEMBER.name}`).waitFor();
    await expectNoSeriousViolations(page, '/spaces/requests');
    await shots(page, 'space-requests');
    await request.getByRole('button', { name: 'Vahvista' }).click();
    await page.getByTestId('space-requests-status').getByText(`Vuoro vahvistettu: ${SPACE}`).waitFor();
    await page.getByText('Ei odottavia pyyntöjä.').waitFor();
    await page.close();
  });

  it("the space's calendar shows the booking to everyone, also as iCalendar, and fits a phone", async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open(`/spaces/${spaceId}`);
    const calendar = page.getByTestId('space-calendar');
    await calendar.locator('.spaces-booking').filter({ hasText: GROUP }).waitFor();
    expect(await calendar.locator('.spaces-booking').filter({ hasText: GROUP }).innerText()).toMatch(/18[.:]00/);
    // A visitor sees no booking form, only the way to sign in; never the requester.
    await page.getByText('Kirjaudu sisään pyytääksesi vuoroa.').waitFor();
    expect(await page.locator('main, body').first().innerText()).not.toContain(MEMBER.name);
    await expectNoSeriousViolations(page, '/spaces/:id visitor');

    const href = await calendar.getByRole('link', { name: /iCalendar/ }).getAttribute('href');
    const ics = await (await fetch(`${e2e.app.url}${href}`)).text();
    expect(ics).toContain(`SUMMARY:${GROUP}`);
    expect(ics).not.toContain(MEMBER.email);

    await page.setViewportSize({ width: 390, height: 844 });
    await calendar.locator('.spaces-booking').filter({ hasText: GROUP }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page, '/spaces/:id at 390 px');
    await calendar.scrollIntoViewIfNeeded();
    await screenshot(page, 'space-calendar-phone-week');
    await shots(page, 'space-calendar');
    await page.close();
  });

  it('the member cancels the booking, and the calendar is free again', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/spaces');
    await signIn(page, MEMBER);
    const mine = page.getByTestId('spaces-mine');
    await mine
      .locator('.spaces-list-meta')
      .filter({ hasText: /· Vahvistettu$/ })
      .waitFor();
    await mine.getByRole('button', { name: new RegExp(`^Peru varaus: ${SPACE}`) }).click();
    await page.getByTestId('spaces-mine-status').getByText(`Varaus peruttu: ${SPACE}`).waitFor();
    // The list item's status, not the status line above it ("Varaus peruttu: …").
    await mine
      .locator('.spaces-list-meta')
      .filter({ hasText: /· Peruttu$/ })
      .waitFor();
    await expectNoSeriousViolations(page, '/spaces after cancelling');
    await shots(page, 'spaces-list');
    await page.goto(`${e2e.app.url}/spaces/${spaceId}`);
    await page
      .getByTestId('space-calendar')
      .getByRole('link', { name: /iCalendar/ })
      .waitFor();
    expect(await page.getByTestId('space-calendar').locator('.spaces-booking').count()).toBe(0);
    await page.close();
  });
});
