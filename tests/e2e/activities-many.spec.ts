/**
 * A city's worth in view: 20 000 activities loaded by the bulk importer. The map shows the
 * server's counts per cell, ringed by department (every activity counted, none drawn as an
 * arbitrary first page); a click on a cell zooms in until the activities themselves show, from
 * vector tiles; a click on one opens its details. The list beside it says the real total first
 * and holds only a screenful of rows, paging in more as the reader scrolls or moves on by keyboard.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../server/src/activities/importers/import-runner.js';
import { runImport } from '../../server/src/activities/importers/import-runner.js';
import { expectNoSeriousViolations, screenshot, type Page } from './support/app.js';
import { renderedRows } from './support/list.js';
import { e2eApp } from './support/session.js';

const MANY = 20_000;
const COLUMNS = 200;
const DEPARTMENTS = ['kymp', 'kuva', 'kasko'] as const;
/** "20 000 kohdetta": Finnish digit grouping (a no-break space). */
const COUNT = /^20\s000 kohdetta tässä näkymässä/;
const LIST = '[data-testid="activity-list"]';
/** Rows the list may hold in the DOM at once: about a screenful, however many match. */
const SCREENFUL = 60;
/** Page loads answer in their own time on a busy machine. */
const PATIENCE = { timeout: 30_000 };

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
    await page.getByTestId('activity-count').filter({ hasText: COUNT }).waitFor();
    await expect.poll(() => rendered(page, 'activities-cells')).toBeGreaterThan(0);
    await expect.poll(async () => (await counts(page)).reduce((a, b) => a + b, 0)).toBe(MANY);
    // No partial set of single activities under the counts.
    expect(await page.evaluate(() => (window as unknown as KkWindow).__kkActivities.renderedIds())).toEqual([]);
    // Each cell's ring shows the departments' shares: three colours where all three departments are.
    // Read in one page task: a cell can be replaced (and detached) between locating and reading it.
    const ring = () =>
      page.evaluate(() => {
        const cell = document.querySelector('.activity-cell');
        return cell ? getComputedStyle(cell).backgroundImage : '';
      });
    await expect.poll(ring).toMatch(/^conic-gradient/);
    await expect.poll(async () => new Set((await ring()).match(/rgb\([^)]*\)/g)).size).toBe(3);
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
    // The one nearest the middle of the view: the edges are under the map's controls and attribution.
    const [w, so, e, n] = (await page.getByTestId('map').getAttribute('data-bounds'))!.split(',').map(Number);
    const [cx, cy] = [(w + e) / 2, (so + n) / 2];
    const near = await (
      await page.request.get(`${e2e.app.url}/api/activities?bbox=${cx - 0.002},${cy - 0.0015},${cx + 0.002},${cy + 0.0015}`)
    ).json();
    const detail = near.features[0];
    const id = detail.id as number;
    expect(await page.evaluate(() => (window as unknown as KkWindow).__kkActivities.renderedIds())).toContain(id);
    const [lon, lat] = detail.geometry.coordinates as [number, number];
    const pixel = await page.evaluate(({ lon, lat }) => (window as unknown as KkWindow).__kkMap.project(lon, lat), { lon, lat });
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + pixel.x, canvas.y + pixel.y);
    await page.waitForURL((u) => /^\/activities\/\d+$/.test(u.pathname));
    expect(Number(new URL(page.url()).pathname.split('/').pop())).toBe(id);
    await page.getByTestId('activity-detail').getByRole('heading', { name: detail.properties.titleFi }).waitFor();
    await page.close();
  });

  it('lists them windowed: the count says all, the DOM holds a screenful, scrolling and keys reach further rows', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/activities');
    await page.getByTestId('activity-count').filter({ hasText: COUNT }).waitFor();
    await page.locator(`${LIST}[data-activities-ready="true"] [aria-posinset="1"]`).waitFor();
    // The count comes before the rows and is announced politely.
    const count = page.getByTestId('activity-count');
    expect(await count.getAttribute('aria-live')).toBe('polite');
    const list = page.getByRole('list', { name: 'Kartan näkymässä' });
    expect(await list.count()).toBe(1);
    const first = await renderedRows(page, LIST);
    expect(first.setSize).toBe(MANY);
    expect(first.rows).toBeGreaterThan(0);
    expect(first.rows).toBeLessThanOrEqual(SCREENFUL);
    await expectNoSeriousViolations(page, '/activities with many activities');

    // Scrolling to the end of what is loaded brings the next pages; the DOM stays a screenful.
    const scroller = page.locator(`${LIST} [data-virtual-scroller]`);
    const furthest = async () => Math.max(...(await renderedRows(page, LIST)).positions);
    await expect
      .poll(async () => {
        await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        return furthest();
      }, PATIENCE)
      .toBeGreaterThan(120);
    expect((await renderedRows(page, LIST)).rows).toBeLessThanOrEqual(SCREENFUL);

    // By keyboard: Home and End go to the ends of what is loaded, the arrow past the end loads more and focus follows.
    const focusedAt = () =>
      page.evaluate(() => Number(document.activeElement?.closest('[aria-posinset]')?.getAttribute('aria-posinset') ?? 0));
    await page.locator(`${LIST} a.activity-item`).first().focus();
    await page.keyboard.press('Home');
    await expect.poll(focusedAt, PATIENCE).toBe(1);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedAt, PATIENCE).toBe(2);
    // Tab walks the rows too: the next row is always rendered beside the focused one.
    await page.keyboard.press('Tab');
    await expect.poll(focusedAt, PATIENCE).toBe(3);
    await page.keyboard.press('End');
    await expect.poll(focusedAt, PATIENCE).toBeGreaterThan(3);
    const loaded = await focusedAt();
    expect(loaded % 50).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedAt, PATIENCE).toBe(loaded + 1);
    expect((await renderedRows(page, LIST)).rows).toBeLessThanOrEqual(SCREENFUL);

    // Without scrolling: "show more" loads the next page.
    const more = page.locator(LIST).getByRole('button', { name: /^Näytä lisää/ });
    const shownBefore = Number((await more.innerText()).match(/\((\d+)/)![1]);
    await more.click();
    await more.filter({ hasText: new RegExp(`\\(${shownBefore + 50} /`) }).waitFor();
    await screenshot(page, 'activities-many-list');

    // Enter on a row opens that activity.
    const title = await page.locator(`${LIST} [aria-posinset="${loaded + 1}"] .activity-item-title`).innerText();
    await page.locator(`${LIST} [aria-posinset="${loaded + 1}"] a`).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/activities\/\d+/);
    await page.getByTestId('activity-detail').getByRole('heading', { name: title }).waitFor();
    await page.close();
  });
});
