/**
 * A city's worth in view: 20 000 activities loaded by the bulk importer. The map shows the
 * server's counts per cell, ringed by department (every activity counted, none drawn as an
 * arbitrary first page); a click on a cell zooms in until the activities themselves show, from
 * vector tiles; a click on one opens its details.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../server/src/activities/importers/import-runner.js';
import { runImport } from '../../server/src/activities/importers/import-runner.js';
import { screenshot, type Page } from './support/app.js';
import { e2eApp } from './support/session.js';

const MANY = 20_000;
const COLUMNS = 200;
const DEPARTMENTS = ['kymp', 'kuva', 'kasko'] as const;

/** A grid of services over the inner city (Munkkiniemi to Herttoniemi), well inside the first view. */
function* grid(): Generator<Candidate> {
  for (let i = 0; i < MANY; i++) {
    yield {
      activity: {
        department: DEPARTMENTS[i % 3],
        kind: 'service',
        status: 'ongoing',
        titleFi: `Palvelu ${i}`,
        themes: [],
        source: 'e2e-many',
        sourceId: String(i),
        geometry: { type: 'Point', coordinates: [24.86 + (i % COLUMNS) * 0.0013, 60.17 + Math.floor(i / COLUMNS) * 0.0008] },
      },
    };
  }
}

const e2e = e2eApp({
  // 20 000 rows through the importer on a shared, slow CI machine: minutes, not seconds.
  startTimeout: 900_000,
  database: {
    prefix: 'many',
    seed: async (knex) => {
      const summary = await runImport(knex, 'activities:e2e', 'e2e-many', grid());
      console.log(`[activities-many] ${summary.inserted} imported in ${(summary.durationMs / 1000).toFixed(1)} s`);
      if (summary.inserted !== MANY)
        throw new Error(`imported ${summary.inserted} of ${MANY}: ${JSON.stringify(summary.rejected[0])}`);
    },
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
      .getByText(/20 000|20000/)
      .first()
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
    await expect.poll(() => rendered(page, 'activities-circle'), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'activities-many-items');

    // One of them, clicked on the map, opens with its own details (asked from its endpoint by id).
    const [id] = await page.evaluate(() => (window as unknown as KkWindow).__kkActivities.renderedIds());
    const [lon, lat] = (await (await page.request.get(`/api/activities/${id}`)).json()).geometry.coordinates as [number, number];
    const pixel = await page.evaluate(({ lon, lat }) => (window as unknown as KkWindow).__kkMap.project(lon, lat), { lon, lat });
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + pixel.x, canvas.y + pixel.y);
    await page.waitForURL((u) => /^\/activities\/\d+$/.test(u.pathname));
    expect(Number(new URL(page.url()).pathname.split('/').pop())).toBe(id);
    const { properties } = await (await page.request.get(`/api/activities/${id}`)).json();
    await page.getByTestId('activity-detail').getByRole('heading', { name: properties.titleFi }).waitFor();
    await page.close();
  });
});
