/**
 * A district's statistics card against the built app: reached from the start page, it shows the
 * population, the age chart with its table alternative and the CSV link, and passes axe.
 */
import { describe, expect, it } from 'vitest';
import { sharedAreasExist } from '../../server/src/test-support/test-areas.js';
import { pick, seriousViolations } from './support/app.js';
import { e2eApp } from './support/session.js';

const e2e = e2eApp();

type KkWindow = { __kkMap: { renderedCount(layerId: string): number } };

describe.skipIf(!sharedAreasExist())('district statistics card', () => {
  it('opens from a chosen district and shows population, the age table and the CSV', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    await pick(page, /^Suurpiiri/, 'Eteläinen');
    await page.getByTestId('area-statistics-link').click();
    await page.waitForURL(/\/areas\/\d+$/);
    await page.getByRole('heading', { level: 1, name: /Eteläinen/ }).waitFor();
    const population = await page.getByTestId('area-population').textContent();
    expect(population).toMatch(/Asukkaita 2023: \d{3}\s\d{3}/);
    await page.getByTestId('area-age-chart').locator('svg').first().waitFor();

    // The chart's table alternative: every age band, the district beside the city.
    await page.getByText('Näytä taulukkona').click();
    const rows = page.getByTestId('area-age-table').locator('tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.first().locator('th').textContent()).toBe('0–2 v');
    const key = page.getByTestId('area-key-figures');
    await key.getByRole('rowheader', { name: 'Työpaikkoja' }).waitFor();
    expect(await page.getByRole('link', { name: /Lataa tilastot CSV-tiedostona/ }).getAttribute('href')).toBe(
      '/api/areas/statistics.csv?level=suurpiiri',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('shades the districts by a figure chosen in the legend, with its classes', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    const legend = page.getByTestId('statistics-legend');
    await legend.getByLabel('Tilastot').selectOption('population');
    await page.waitForURL((u) => u.searchParams.get('stat') === 'population');
    const shaded = () => page.evaluate(() => (window as unknown as KkWindow).__kkMap.renderedCount('statistics-fill'));
    await expect.poll(shaded).toBeGreaterThan(0);
    // Five classes and "no data", for the peruspiiri by default.
    await legend.getByRole('list', { name: /Peruspiiri, 2023/ }).waitFor();
    expect(await legend.locator('li').count()).toBe(6);
    await legend.getByLabel('Aluetaso').selectOption('suurpiiri');
    await legend.getByRole('list', { name: /Suurpiiri, 2023/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
