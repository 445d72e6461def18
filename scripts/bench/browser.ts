/**
 * Long tasks while panning: the built client in Debian's Chromium against the bench's server,
 * /activities opened, a scripted path of drags and zooms, every PerformanceObserver 'longtask'
 * entry collected (the main thread busy for more than 50 ms: the map stutters).
 */
import fs from 'node:fs';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LongTasks {
  /** Long tasks of the first load, before the path starts. */
  loadMax: number;
  count: number;
  max: number;
  over200: number;
}

type BenchWindow = { __longTasks: number[] };

/** Until the activities list says it has the current view's answer (after the next frames). */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(
    () => document.querySelector('[data-testid="activity-list"]')?.getAttribute('data-activities-ready') === 'true',
    undefined,
    { timeout: 120_000 },
  );
}

export function browserAvailable(clientDist: string): string | null {
  if (!fs.existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (!fs.existsSync(`${clientDist}/index.html`)) return `no built client in ${clientDist} (npm run build --workspace client)`;
  return null;
}

export async function longTasksWhilePanning(base: string): Promise<LongTasks> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fi-FI' });
    await page.addInitScript(() => {
      const w = window as unknown as BenchWindow;
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${base}/activities`);
    await page.locator('[data-map-ready="true"]').waitFor({ timeout: 120_000 });
    await settled(page);
    const take = () => page.evaluate(() => (window as unknown as BenchWindow).__longTasks.splice(0));
    const load = await take();
    const canvas = await page.locator('[data-testid="map"] canvas').first().boundingBox();
    if (!canvas) throw new Error('no map canvas');
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 2;
    const drag = async (dx: number, dy: number) => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + dx, cy + dy, { steps: 12 });
      await page.mouse.up();
      await settled(page);
    };
    const wheel = async (dy: number) => {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, dy);
      await settled(page);
    };
    // City view → a district and back, panning at each zoom.
    for (const step of [
      () => drag(200, 0),
      () => drag(-200, 120),
      () => wheel(-400),
      () => drag(250, -100),
      () => wheel(-400),
      () => drag(-300, 0),
      () => drag(0, 200),
      () => wheel(-400),
      () => drag(200, 150),
      () => wheel(800),
      () => drag(-250, -150),
      () => wheel(400),
    ])
      await step();
    const path = await take();
    return {
      loadMax: Math.max(0, ...load),
      count: path.length,
      max: Math.max(0, ...path),
      over200: path.filter((d) => d > 200).length,
    };
  } finally {
    await browser.close();
  }
}
