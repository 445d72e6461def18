/**
 * The start page against the built app: districts on the (offline) map, the picker and list,
 * "which area is this point in", languages, and an axe pass. Waits on the map's own readiness
 * attribute and on DOM/URL state — never on time.
 */
import { describe, expect, it } from 'vitest';
import { pick, seriousViolations, type Page } from './support/app.js';
import { MAP } from './support/map.js';
import { e2eApp } from './support/session.js';

const CATHEDRAL = { lon: 24.9522, lat: 60.1704 };

const e2e = e2eApp();

/** A fresh page on the start page (optionally with a query), once the districts are drawn. */
const openMap = (query = '') => e2e.open(`/${query}`);

const mapAttr = (page: Page, name: string) => page.locator(MAP).getAttribute(`data-${name}`);
const bounds = async (page: Page) => (await mapAttr(page, 'bounds'))!.split(',').map(Number);

/**
 * Chooses an option in an HDS Select. HDS ignores a second open/close toggle within a few hundred
 * ms, so a fast robot can leave the list open after choosing: close it with Escape until it is.
 */

describe('areas on the map', () => {
  it('draws the districts on the offline base map', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap();
    expect(await mapAttr(page, 'basemap')).toBe('offline'); // the harness makes the style URL unreachable
    await page
      .locator('.area-label', { hasText: /Eteläinen/i })
      .first()
      .waitFor();
    // The list, the map's accessible twin, holds the same top-level districts.
    await page.getByRole('button', { name: /^Eteläinen/ }).waitFor();
    // Each division level downloads as open data.
    const downloads = page.getByTestId('area-downloads');
    expect(await downloads.getByRole('link', { name: 'CSV', exact: true }).nth(2).getAttribute('href')).toBe(
      '/api/areas.csv?level=osa_alue',
    );
    expect(await downloads.getByRole('link', { name: 'GeoJSON', exact: true }).first().getAttribute('href')).toBe(
      '/api/areas.geojson?level=suurpiiri',
    );
    await page.close();
  });

  it('the layer panel hides and shows the district boundaries; the attribution credits the sources', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap();
    const lines = () => page.evaluate(() => (window as unknown as KkWindow).__kkMap.renderedCount('areas-line'));
    await expect.poll(lines).toBeGreaterThan(0);
    const attribution = page.locator('.maplibregl-ctrl-attrib');
    await attribution.getByText('Alueet © Helsingin kaupunki, CC BY 4.0').waitFor();
    await attribution.getByText(/palvelukartta, Linked Events/).waitFor();

    const toggle = page.getByRole('checkbox', { name: 'Näytä aluerajat ja nimet' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click({ force: true });
    await page.waitForURL((u) => u.searchParams.get('districts') === 'off');
    await expect.poll(lines).toBe(0);
    expect(await page.locator('.area-label').count()).toBe(0);

    await toggle.click({ force: true });
    await page.waitForURL((u) => !u.searchParams.has('districts'));
    await expect.poll(lines).toBeGreaterThan(0);
    await page
      .locator('.area-label', { hasText: /Eteläinen/i })
      .first()
      .waitFor();
    await page.close();
  });

  it('picking a district zooms to it and highlights it', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap();
    const before = await bounds(page);

    await pick(page, /^Suurpiiri/, 'Eteläinen');
    await pick(page, /^Peruspiiri/, 'Vironniemi');

    const list = page.getByRole('region', { name: 'Alueluettelo' });
    const current = list.locator('[aria-current="true"]');
    await current.filter({ hasText: 'Vironniemi' }).waitFor();
    expect(await current.count()).toBe(1);

    const id = new URL(page.url()).searchParams.get('area');
    expect(id).toMatch(/^\d+$/);
    await page.locator(`${MAP}[data-selected-area="${id}"]`).waitFor();
    expect(await page.evaluate(() => (window as unknown as KkWindow).__kkMap.highlightFilter())).toEqual([
      '==',
      ['id'],
      Number(id),
    ]);

    // Zoomed in on the cathedral's district: the view is much narrower and contains it.
    await page.waitForFunction(
      ([w0]) => {
        const b = document.querySelector('[data-testid="map"]')!.getAttribute('data-bounds')!.split(',').map(Number);
        return b[2] - b[0] < w0 / 3;
      },
      [before[2] - before[0]],
    );
    const [w, s, e, n] = await bounds(page);
    expect(CATHEDRAL.lon).toBeGreaterThan(w);
    expect(CATHEDRAL.lon).toBeLessThan(e);
    expect(CATHEDRAL.lat).toBeGreaterThan(s);
    expect(CATHEDRAL.lat).toBeLessThan(n);

    // The shared URL opens the same view.
    const shared = await openMap(`?area=${id}`);
    await shared
      .getByRole('region', { name: 'Alueluettelo' })
      .locator('[aria-current="true"]', { hasText: 'Vironniemi' })
      .waitFor();
    await shared.close();
    await page.close();
  });

  it('the list selects with the keyboard, like the picker', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap();
    const list = page.getByRole('region', { name: 'Alueluettelo' });
    const buttons = list.getByRole('button');
    await buttons.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const last = (await buttons.last().textContent())!;
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(last);
    const name = last.split(',')[0];
    await page.keyboard.press('Enter');
    // Choosing opens its subdivisions below it; the chosen one is the list's aria-current.
    await list.locator('[aria-current="true"]', { hasText: name }).waitFor();
    await page.waitForURL(/[?&]area=\d+/);
    expect(await list.locator('[aria-current="true"]').count()).toBe(1);
    await page.close();
  });

  it('clicking the map tells which areas the point is in', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap();
    const pixel = await page.evaluate(({ lon, lat }) => (window as unknown as KkWindow).__kkMap.project(lon, lat), CATHEDRAL);
    const canvas = (await page.locator(`${MAP} canvas`).boundingBox())!;
    await page.mouse.click(canvas.x + pixel.x, canvas.y + pixel.y);

    const result = page.getByTestId('locate-result');
    await result.getByText('Kruununhaka').waitFor();
    const text = await result.innerText();
    expect(text).toContain('Vironniemi');
    expect(text).toContain('Eteläinen');
    expect(await result.getAttribute('aria-live')).toBe('polite');
    await page.getByRole('img', { name: 'Haettu piste' }).waitFor();
    expect(new URL(page.url()).searchParams.get('at')).toMatch(/^24\.95\d*,60\.17\d*$/);
    await page.close();
  });

  it('entering coordinates works, and server validation messages show in the form', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap();
    const lon = page.getByLabel('Pituusaste (lon)');
    const lat = page.getByLabel('Leveysaste (lat)');
    const submit = page.getByRole('button', { name: 'Hae alueet' });
    const result = page.getByTestId('locate-result');

    await lon.fill('abc');
    await lat.fill('60.17');
    await submit.click();
    await page.getByText('lon must be a number').first().waitFor();

    await lon.fill(String(CATHEDRAL.lon));
    await lat.fill(String(CATHEDRAL.lat));
    await submit.click();
    await result.getByText('Kruununhaka').waitFor();

    await lon.fill('25.2');
    await lat.fill('59.8');
    await submit.click();
    await result.getByText('Piste on Helsingin ulkopuolella.').waitFor();
    await page.close();
  });

  it('switches the interface to Swedish and English, and remembers it', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap('?area=2');
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('fi');

    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Välj område' }).waitFor();
    expect(await html.getAttribute('lang')).toBe('sv');
    // HDS's language selector marks the current language; focus stays on the button pressed.
    expect(await page.getByRole('button', { name: 'Svenska' }).getAttribute('aria-current')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('lang'))).toBe('sv');
    await page.getByRole('combobox', { name: /^Stordistrikt/ }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Choose an area' }).waitFor();
    expect(await html.getAttribute('lang')).toBe('en');

    await page.reload();
    await page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Which area is a point in?' }).waitFor();
    expect(await html.getAttribute('lang')).toBe('en');
    await page.close();
  });

  it('has no serious or critical axe violations', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openMap('?area=12&at=24.9522,60.1704');
    await page.getByTestId('locate-result').getByText('Kruununhaka').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

interface KkWindow {
  __kkMap: {
    project(lon: number, lat: number): { x: number; y: number };
    highlightFilter(): unknown;
    renderedCount(layerId: string): number;
  };
}
