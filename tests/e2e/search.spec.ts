/**
 * The map's search and "near me" against the built app (search offline: districts and the
 * fixture places). Waits on the map's bounds attribute and the URL, never on time.
 */
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, screenshot, type Page } from './support/app.js';
import { MAP } from './support/map.js';
import { e2eApp } from './support/session.js';

const e2e = e2eApp();
const MARKET_SQUARE = { longitude: 24.9525, latitude: 60.1675 };

const bounds = async (page: Page) => (await page.locator(MAP).getAttribute('data-bounds'))!.split(',').map(Number);
const contains = ([w, s, e, n]: number[], lon: number, lat: number) => w <= lon && lon <= e && s <= lat && lat <= n;
const span = ([w, , e]: number[]) => e - w;

describe('search on the map', () => {
  it('finds a district by name, picks it by keyboard, and the map moves to it', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    const before = await bounds(page);
    const input = page.getByRole('combobox', { name: 'Hae osoite, paikka tai alue' });
    await input.fill('vironn');
    const option = page.getByRole('option', { name: /^Vironniemi/i }).first();
    await option.waitFor();
    await expectNoSeriousViolations(page, 'search list open');
    await screenshot(page, 'search-desktop');
    await input.press('ArrowDown');
    const first = page.getByRole('listbox', { name: 'Hakutulokset' }).getByRole('option').first();
    expect(await input.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await input.press('Enter');
    await page.waitForURL((u) => u.searchParams.has('area'));
    const areaId = new URL(page.url()).searchParams.get('area');
    await page.locator(`${MAP}[data-selected-area="${areaId}"]`).waitFor();
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(async () => span(await bounds(page))).toBeLessThan(span(before) / 3);
    // Vironniemi's label point lies in the view.
    expect(contains(await bounds(page), 24.955, 60.17)).toBe(true);
    await page.close();
  });

  it('finds a place of the fixture, Escape closes the list, and choosing it marks the point', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    const input = page.getByRole('combobox', { name: 'Hae osoite, paikka tai alue' });
    await input.fill('kauppator');
    await page.getByRole('option', { name: /Kauppatori/ }).waitFor();
    await input.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await input.press('ArrowDown');
    await page.getByRole('option', { name: /Kauppatori/ }).waitFor();
    await input.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('at') === '24.9525,60.1675');
    await expect.poll(async () => contains(await bounds(page), MARKET_SQUARE.longitude, MARKET_SQUARE.latitude)).toBe(true);
    await expect.poll(async () => span(await bounds(page))).toBeLessThan(0.05);
    await page.close();
  });

  it('near me centres the map on the browser location with a marker', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    await page.context().grantPermissions(['geolocation'], { origin: e2e.app.url });
    await page.context().setGeolocation(MARKET_SQUARE);
    await page.getByRole('button', { name: 'Lähelläni' }).click();
    await page.getByRole('img', { name: 'Sijaintisi' }).waitFor();
    await expect.poll(async () => span(await bounds(page))).toBeLessThan(0.05);
    expect(contains(await bounds(page), MARKET_SQUARE.longitude, MARKET_SQUARE.latitude)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'search-phone');
    await expectNoSeriousViolations(page, 'near me at 390 px');
    await page.close();
  });

  it('says clearly when the location is not allowed', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    await page.context().clearPermissions();
    const before = await bounds(page);
    await page.getByRole('button', { name: 'Lähelläni' }).click();
    await page.getByRole('alert').filter({ hasText: 'selain ei antanut lupaa' }).waitFor();
    expect(await bounds(page)).toEqual(before);
    await page.close();
  });
});
