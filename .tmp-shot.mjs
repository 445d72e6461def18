import { chromium } from 'playwright-core';
const base = 'http://localhost:8081';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fi-FI' });
page.on('request', (r) => { if (r.url().includes('/api/activities')) console.log('REQ', r.url()); });
page.on('framenavigated', (f) => console.log('NAV', f.url()));
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type()==='warning') console.log('CONSOLE', m.type(), m.text().slice(0,300)); });
const steps = process.argv.slice(2);
for (const s of steps) {
  const i = s.indexOf('='); const name = s.slice(0, i), path = s.slice(i + 1);
  await page.goto(base + path);
  await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 60000 });
  await page.locator('[data-activities-ready="true"]').first().waitFor({ timeout: 30000 }).catch(() => console.log('no activities-ready'));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/act-${name}.png` });
  console.log(name, await page.evaluate(() => window.__kkActivities?.renderedIds()));
}
await browser.close();
