/**
 * One time zone: the city's. An official whose browser runs in New York types a meeting as 18:00;
 * the same page in browsers running in UTC, New York and Helsinki shows it at 18.00 (Helsinki time),
 * on the table's page and in "who is active", with the date the Finnish way in every language.
 * The official's account and the table are written before the app starts.
 */
import type { Knex } from 'knex';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTable } from '../../server/src/partnership-tables/partnership-tables.service.js';
import { expectNoSeriousViolations, screenshot, withPatience } from './support/app.js';
import { MAP } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const OFFICIAL = { email: 'aika-virkailija@example.test', password: 'aika-virkailija-salasana', name: 'Aino Aika' };
const PLACE = { lon: 24.9575, lat: 60.1722 }; // Kruununhaka
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [24.953, 60.17],
      [24.962, 60.17],
      [24.962, 60.175],
      [24.953, 60.175],
      [24.953, 60.17],
    ],
  ],
};
// A winter and a summer meeting in the future: Helsinki is UTC+2 and UTC+3, New York UTC-5 and UTC-4.
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const WINTER = { startsAt: `${NEXT_YEAR}-01-14T18:00`, endsAt: `${NEXT_YEAR}-01-14T20:00`, agenda: 'Talven valaistus' };
const SUMMER = { startsAt: `${NEXT_YEAR}-06-10T18:00`, endsAt: `${NEXT_YEAR}-06-10T19:30`, agenda: 'Kesän tapahtumat' };

let tableId = 0;

async function seed(knex: Knex): Promise<void> {
  const userId = await seedAccount(knex, OFFICIAL, { roles: ['official'], departments: ['kymp'] });
  const table = await createTable(
    knex,
    { userId, email: OFFICIAL.email, ip: null },
    {
      name: 'Kruununhaan aikapöytä',
      convener: 'Kruununhaka-Seura',
      description: 'Tapaamiset kaupungin ajassa.',
      themes: ['community'],
      geometry: SQUARE,
      meetingPlaceName: 'Kruununhaan kirjasto',
      meetingPlace: PLACE,
      contactName: OFFICIAL.name,
    },
  );
  tableId = table.id;
}

const e2e = e2eApp({ database: { prefix: 'timezone', seed } });

async function pageIn(timezoneId: string, locale = 'fi-FI'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.browser.newContext({ timezoneId, locale, viewport: { width: 1366, height: 900 } });
  const page = withPatience(await context.newPage());
  page.on('pageerror', (err) => console.error(`[page error ${timezoneId}]`, err.message));
  return { context, page };
}

const meetingText = (page: Page, agenda: string) =>
  page.getByTestId('table-meetings').getByTestId('table-meeting').filter({ hasText: agenda }).locator('strong').innerText();

describe('one time zone, whatever the browser runs in', () => {
  it('a meeting typed as 18:00 in New York shows at 18.00 in UTC, New York and Helsinki', async (ctx) => {
    if (!e2e.ready || !tableId) return ctx.skip();
    const url = `${e2e.app.url}/kehra/tables/${tableId}`;

    // Typed by an official whose browser is in New York.
    const ny = await pageIn('America/New_York');
    await ny.page.goto(url);
    await ny.page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
    expect(await ny.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await signIn(ny.page, OFFICIAL);
    for (const m of [WINTER, SUMMER]) {
      await ny.page.getByRole('button', { name: 'Lisää tapaaminen' }).click();
      await ny.page.locator('#table-meeting-new-startsAt').fill(m.startsAt);
      await ny.page.locator('#table-meeting-new-endsAt').fill(m.endsAt);
      await ny.page.locator('#table-meeting-new-agenda').fill(m.agenda);
      await ny.page.getByRole('button', { name: 'Tallenna tapaaminen' }).click();
      await ny.page.getByTestId('table-meetings-status').getByText('Tapaaminen lisätty.').waitFor();
    }
    // The official's e-mails: Finnish, as signed up, until chosen otherwise on the profile.
    await ny.page.goto(`${e2e.app.url}/profile`);
    const mailLanguage = ny.page.getByRole('group', { name: /Kieli, jolla palvelu lähettää/ });
    expect(await mailLanguage.getByRole('radio', { name: 'Suomi' }).isChecked()).toBe(true);
    await mailLanguage.getByText('English').click();
    await expect.poll(() => mailLanguage.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    await ny.page.reload();
    await expect.poll(() => mailLanguage.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    await expectNoSeriousViolations(ny.page, '/profile mail language');
    await screenshot(ny.page, 'time-zone-profile-mail-language');
    await ny.context.close();

    const seen: Record<string, string[]> = {};
    for (const zone of ['UTC', 'America/New_York', 'Europe/Helsinki']) {
      const { context, page } = await pageIn(zone);
      await page.goto(url);
      await page.getByTestId('table-meetings').getByText(WINTER.agenda).waitFor();
      seen[zone] = [await meetingText(page, WINTER.agenda), await meetingText(page, SUMMER.agenda)];

      // "Who is active" at a point of the table's area names the next meeting, in the same time.
      await page.goto(`${e2e.app.url}/kehra?at=${PLACE.lon},${PLACE.lat}`);
      const who = page.getByTestId('who-is-active');
      await who.getByText('Kruununhaan aikapöytä').waitFor();
      seen[zone].push(await who.locator('li', { hasText: 'Kruununhaan aikapöytä' }).innerText());
      if (zone === 'UTC') {
        await expectNoSeriousViolations(page, '/kehra who is active, browser in UTC');
        await screenshot(page, 'time-zone-who-is-active-utc');
      }
      await context.close();
    }
    for (const zone of Object.keys(seen)) {
      const [winter, summer, who] = seen[zone];
      expect(winter, zone).toBe(`14.1.${NEXT_YEAR} klo 18.00–20.00`);
      expect(summer, zone).toBe(`10.6.${NEXT_YEAR} klo 18.00–19.30`);
      expect(who, zone).toContain(`14.1.${NEXT_YEAR} klo 18.00`);
    }
  });

  it('dates read day.month.year and hours.minutes in Swedish and English too, in any zone', async (ctx) => {
    if (!e2e.ready || !tableId) return ctx.skip();
    const texts: string[] = [];
    for (const [zone, lang, locale] of [
      ['America/New_York', 'en', 'en-US'],
      ['UTC', 'sv', 'sv-SE'],
    ] as const) {
      const { context, page } = await pageIn(zone, locale);
      await page.goto(`${e2e.app.url}/kehra/tables/${tableId}?lang=${lang}`);
      await page.getByTestId('table-meetings').getByText(WINTER.agenda).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      texts.push(await meetingText(page, WINTER.agenda));
      // MapLibre's own buttons speak the page's language too.
      await page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
      const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
      expect(await zoomIn.getAttribute('aria-label')).toBe(lang === 'en' ? 'Zoom in' : 'Zooma in');
      if (lang === 'sv') {
        // Switched in the page: the buttons are relabelled, the address follows.
        await page.getByRole('button', { name: 'Suomi' }).click();
        await expect.poll(() => zoomIn.getAttribute('aria-label')).toBe('Lähennä');
        expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
        await page.getByRole('button', { name: 'English' }).click();
        await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
        await expect.poll(() => page.title()).toMatch(/ – City on the map$/);
      }
      if (lang === 'en') {
        await screenshot(page, 'time-zone-table-en-new-york');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByTestId('table-meetings').scrollIntoViewIfNeeded();
        await screenshot(page, 'time-zone-table-en-phone');
      }
      await context.close();
    }
    expect(texts).toEqual([`14.1.${NEXT_YEAR} 18.00–20.00`, `14.1.${NEXT_YEAR} kl. 18.00–20.00`]);
  });
});
