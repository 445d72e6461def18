import type { Page } from './app.js';

export const MAP = '[data-testid="map"]';

type KkWindow = {
  __kkMap: { project(lon: number, lat: number): { x: number; y: number }; renderedCount(layerId: string): number };
};

/** A new page at `url`, once the map says it has drawn its layers. Page errors go to the log. */
export async function openMapPage(newPage: () => Promise<Page>, url: string): Promise<Page> {
  const page = await newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(url);
  await page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
  return page;
}

/** The page pixel of a longitude/latitude, projected by the map itself. */
async function pagePixel(page: Page, [lon, lat]: [number, number]): Promise<{ x: number; y: number }> {
  const pixel = await page.evaluate(({ lon, lat }) => (window as unknown as KkWindow).__kkMap.project(lon, lat), { lon, lat });
  const canvas = (await page.locator(`${MAP} canvas`).boundingBox())!;
  return { x: canvas.x + pixel.x, y: canvas.y + pixel.y };
}

/** Clicks the map at a longitude/latitude. */
export async function clickMap(page: Page, at: [number, number]): Promise<void> {
  const { x, y } = await pagePixel(page, at);
  await page.mouse.click(x, y);
}

/** Clicks the corners in order with the drawing tool on, waiting for its status to count each one. */
export async function drawCorners(page: Page, corners: [number, number][]): Promise<void> {
  const status = page.getByTestId('draw-status');
  for (const [i, corner] of corners.entries()) {
    await clickMap(page, corner);
    await status.filter({ hasText: `${i + 1} ${i === 0 ? 'piste' : 'pistettä'} merkitty` }).waitFor();
  }
}

/** Presses the mouse at one longitude/latitude and releases it at another, in small steps. */
export async function dragMap(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const a = await pagePixel(page, from);
  const b = await pagePixel(page, to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Waits until a map layer draws at least one feature in the current view. */
export async function waitForRendered(page: Page, layerId: string): Promise<void> {
  await page.waitForFunction((id) => (window as unknown as KkWindow).__kkMap.renderedCount(id) > 0, layerId);
}
