import type { Page } from './app.js';

export const MAP = '[data-testid="map"]';

type KkWindow = { __kkMap: { project(lon: number, lat: number): { x: number; y: number }; renderedCount(layerId: string): number } };

/** A new page at `url`, once the map says it has drawn its layers. Page errors go to the log. */
export async function openMapPage(newPage: () => Promise<Page>, url: string): Promise<Page> {
  const page = await newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(url);
  await page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
  return page;
}

/** Clicks the map at a longitude/latitude, projected to pixels by the map itself. */
export async function clickMap(page: Page, [lon, lat]: [number, number]): Promise<void> {
  const pixel = await page.evaluate(({ lon, lat }) => (window as unknown as KkWindow).__kkMap.project(lon, lat), { lon, lat });
  const canvas = (await page.locator(`${MAP} canvas`).boundingBox())!;
  await page.mouse.click(canvas.x + pixel.x, canvas.y + pixel.y);
}

/** Waits until a map layer draws at least one feature in the current view. */
export async function waitForRendered(page: Page, layerId: string): Promise<void> {
  await page.waitForFunction((id) => (window as unknown as KkWindow).__kkMap.renderedCount(id) > 0, layerId);
}
