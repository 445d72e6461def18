/**
 * A view holding more activities than the map fetches one by one (2000): the map shows the
 * server's counts per cell, ringed by department — every activity counted, none drawn as an arbitrary first page — and
 * zooming into a cell brings back the activities themselves.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, type Page } from './support/app.js';
import { e2eApp } from './support/session.js';

const MANY = 2600;
const COLUMNS = 52;

/** A grid of services between Pasila and Kumpula, well inside the first view of the city. */
const e2e = e2eApp({
  database: {
    prefix: 'many',
    seed: (knex) =>
      knex.raw(
        `INSERT INTO activities (department_id, kind, status, title_fi, source, source_id, geom)
         SELECT (SELECT id FROM departments WHERE slug = (ARRAY['kymp', 'kuva', 'kasko'])[1 + i % 3]), 'service', 'ongoing', 'Palvelu ' || i, 'e2e-many', i::text,
                ST_SetSRID(ST_MakePoint(24.91 + (i % ?) * 0.0016, 60.19 + (i / ?) * 0.0009), 4326)
         FROM generate_series(0, ? - 1) AS i`,
        [COLUMNS, COLUMNS, MANY],
      ),
  },
});

type KkWindow = {
  __kkMap: { renderedCount(layerId: string): number; project(lon: number, lat: number): { x: number; y: number } };
  __kkActivities: { renderedIds(): number[] };
};
const rendered = (page: Page, layerId: string) =>
  page.evaluate((id) => (window as unknown as KkWindow).__kkMap.renderedCount(id), layerId);
const counts = async (page: Page) => (await page.locator('.activity-cluster-count').allInnerTexts()).map(Number);

describe('many activities in view', () => {
  it('counts all of them per cell, and a click on a cell zooms in to the activities', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/activities');
    await page
      .getByTestId('activity-list')
      .getByText(/2000.*2600|2 000.*2 600/)
      .waitFor();
    await expect.poll(() => rendered(page, 'activities-cells')).toBeGreaterThan(0);
    await expect.poll(async () => (await counts(page)).reduce((a, b) => a + b, 0)).toBe(MANY);
    // No partial set of single activities under the counts.
    expect(await page.evaluate(() => (window as unknown as KkWindow).__kkActivities.renderedIds())).toEqual([]);
    // Each cell's ring shows the departments' shares: three colours where all three departments are.
    const ring = await page
      .locator('.activity-cell')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(ring).toMatch(/^conic-gradient/);
    expect(new Set(ring.match(/rgb\([^)]*\)/g)).size).toBe(3);
    await screenshot(page, 'activities-many-cells');

    // A click on the biggest cell zooms in on it; the counts split into finer cells until the view
    // holds fewer than the map fetches, and the activities themselves are back.
    const zoomOf = async () => Number(await page.getByTestId('map').getAttribute('data-zoom'));
    for (let click = 0; click < 4; click++) {
      // The list answers first; with fewer than it fetches, the map drops the counts for activities.
      await page.locator('[data-testid="activity-list"][data-activities-ready="true"]').waitFor();
      const all = await counts(page);
      if (all.length === 0) break;
      // A count can go while we look (the next answer arrived): look again.
      const box = await page
        .locator('.activity-cluster-count')
        .nth(all.indexOf(Math.max(...all)))
        .boundingBox({ timeout: 5_000 })
        .catch(() => null);
      if (!box) continue;
      const zoom = await zoomOf();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForFunction(
        (z) => Number(document.querySelector('[data-testid="map"]')!.getAttribute('data-zoom')) > z + 1.5,
        zoom,
      );
    }
    await expect.poll(() => rendered(page, 'activities-cells'), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(async () => (await rendered(page, 'activities-circle')) + (await rendered(page, 'activities-cluster')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.close();
  });
});
