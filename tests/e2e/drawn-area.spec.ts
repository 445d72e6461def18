/**
 * The one drawing tool refuses an area of fewer than 3 corners, and a drawn area travels as a link:
 * opening it shows the same area, and a malformed link shows nothing but a notice.
 */
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations } from './support/app.js';
import { clickMap, drawCorners } from './support/map.js';
import { e2eApp } from './support/session.js';

const e2e = e2eApp();
const PIRKKOLA: [number, number][] = [
  [24.915, 60.225],
  [24.935, 60.225],
  [24.935, 60.238],
];
const link = (corners: [number, number][]) => corners.map(([x, y]) => `${x},${y}`).join(';');

describe('a drawn area', () => {
  it('is not finished with two corners: the tool says why and keeps drawing', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/activities?from=all');
    const section = page.getByTestId('drawn-area-overlaps');
    await section.getByRole('button', { name: 'Piirrä alue' }).click();
    await drawCorners(page, PIRKKOLA.slice(0, 2));
    await section.getByRole('button', { name: 'Valmis', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Alueeseen tarvitaan vähintään 3 kulmaa' }).waitFor();
    await page.getByTestId('draw-status').filter({ hasText: 'Piirto päällä' }).waitFor();
    expect(new URL(page.url()).searchParams.has('drawn')).toBe(false);
    expect(await section.getByRole('textbox', { name: 'Linkki tähän alueeseen' }).count()).toBe(0);
    await expectNoSeriousViolations(page, 'two corners refused');
    // The third corner makes it an area: the message goes and the link appears.
    await clickMap(page, PIRKKOLA[2]);
    await page.getByTestId('draw-status').filter({ hasText: '3 pistettä merkitty' }).waitFor();
    // The link holds the corners as clicked (to the pixel, six decimals).
    await page.waitForURL((u) => (u.searchParams.get('drawn') ?? '').split(';').length === 3);
    const sharedCorners = new URL(page.url()).searchParams
      .get('drawn')!
      .split(';')
      .map((c) => c.split(',').map(Number));
    sharedCorners.forEach(([lon, lat], i) => {
      expect(Math.abs(lon - PIRKKOLA[i][0])).toBeLessThan(0.001);
      expect(Math.abs(lat - PIRKKOLA[i][1])).toBeLessThan(0.001);
    });
    expect(await page.getByTestId('draw-refused').count()).toBe(0);
    await section.getByRole('textbox', { name: 'Linkki tähän alueeseen' }).waitFor();
    await page.close();
  });

  it('opens from a shared link as the same area, and a bad link shows a notice and nothing drawn', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open(`/activities?from=all&drawn=${encodeURIComponent(link(PIRKKOLA))}`);
    const section = page.getByTestId('drawn-area-overlaps');
    await page.getByTestId('draw-status').filter({ hasText: '3 pistettä merkitty' }).waitFor();
    await section.locator('[data-activities-ready="true"]').waitFor();
    expect(await section.getByRole('textbox', { name: 'Linkki tähän alueeseen' }).inputValue()).toBe(page.url());
    expect(new URL(page.url()).searchParams.get('drawn')).toBe(link(PIRKKOLA));
    await page.close();

    const bad = await e2e.open(`/activities?from=all&drawn=${encodeURIComponent('24.915,60.225;24.935,60.225')}`);
    const badSection = bad.getByTestId('drawn-area-overlaps');
    await badSection.getByText('Linkin aluetta ei voitu lukea').waitFor();
    expect(await bad.getByTestId('draw-status').count()).toBe(0);
    await badSection.getByRole('button', { name: 'Piirrä alue' }).waitFor();
    await bad.close();
  });
});
