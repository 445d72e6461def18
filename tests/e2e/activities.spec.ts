/**
 * The activities view against the built app and its demo seed (the app seeds the Keskuspuisto
 * demo on first start, when the activities table is empty): department layers, district and theme
 * filters in the URL, the list, an item's detail with "what else happens here", permalinks, and
 * axe passes. Waits on readiness attributes and DOM/URL state — never on time.
 */
import { describe, expect, it } from 'vitest';
import { pick, seriousViolations, type Page } from './support/app.js';
import type { Department, OverlapsResponse } from '../../server/src/contracts/activities.js';
import { drawCorners, MAP } from './support/map.js';
import { listHas, listTexts } from './support/list.js';
import { e2eApp } from './support/session.js';

const LIST = '[data-testid="activity-list"]';

const e2e = e2eApp();

/** A fresh page once the map has drawn the activities. */
const open = (path: string) => e2e.open(path);

const listReady = (page: Page) => page.locator(`${LIST}[data-activities-ready="true"]`).waitFor({ timeout: 30_000 });
/** Every title of the (virtual) list, scrolled through, without the demo badge. */
const listTitles = async (page: Page) =>
  (await listTexts(page, LIST, '.activity-item-title')).map((s) => s.replace(/\s*esimerkki$/, '').trim()).sort();
const renderedIds = (page: Page) => page.evaluate(() => (window as unknown as KkWindow).__kkActivities.renderedIds());

async function apiJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${e2e.app.url}${path}`, { signal: AbortSignal.timeout(60_000), ...init });
  expect(res.ok, path).toBe(true);
  return (await res.json()) as T;
}

interface ApiFeature {
  id: number;
  properties: { titleFi: string; department: string };
}
const api = (path: string) => apiJson<{ features: ApiFeature[]; numberMatched: number }>(path);

/** Around Pirkkola sports park in Central Park, where the demo seed has several departments at work. */
const PIRKKOLA: [number, number][] = [
  [24.915, 60.225],
  [24.935, 60.225],
  [24.935, 60.238],
  [24.915, 60.238],
];
/** The same corners in an order whose edges cross: a shape PostGIS refuses. */
const PIRKKOLA_BOWTIE: [number, number][] = [PIRKKOLA[0], PIRKKOLA[2], PIRKKOLA[1], PIRKKOLA[3]];

describe('activities on the map', () => {
  it('shows every department, marks demo data, and toggles a department layer', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/activities');
    await listReady(page);
    await page.getByTestId('demo-notice').waitFor();
    expect(await page.locator(`${LIST} .activity-badge`).count()).toBeGreaterThan(0);

    const all = await api('/api/activities?limit=5000');
    const kuva = all.features.filter((f) => f.properties.department === 'kuva');
    expect(kuva.length).toBeGreaterThan(0);
    const before = await renderedIds(page);
    expect(before.some((id) => kuva.some((f) => f.id === id))).toBe(true);
    const kuvaTitle = (await listTitles(page)).find((t) => kuva.some((f) => f.properties.titleFi === t));
    expect(kuvaTitle).toBeTruthy();

    const toggle = page.getByRole('checkbox', { name: 'Kulttuurin ja vapaa-ajan toimiala' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click({ force: true });
    await page.waitForURL(
      (u) => u.searchParams.get('department') !== null && !u.searchParams.get('department')!.includes('kuva'),
    );
    // The layer filter hides the department at once; the list follows the refetched answer.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as KkWindow).__kkActivities.filter('activities-circle')))
      .toContainEqual(['in', ['get', 'department'], ['literal', expect.not.arrayContaining(['kuva'])]]);
    await listHas(page, LIST, '.activity-item-title', kuvaTitle!, false);
    await expect.poll(async () => (await renderedIds(page)).filter((id) => kuva.some((f) => f.id === id))).toEqual([]);

    // Open data links carry the same filters; the OGC API is one click away.
    const geojson = await page.getByTestId('export-geojson').getAttribute('href');
    expect(geojson).toMatch(/^\/api\/activities\.geojson\?/);
    expect(new URLSearchParams(geojson!.split('?')[1]).get('department')).not.toContain('kuva');
    expect(await page.getByTestId('export-csv').getAttribute('href')).toMatch(/^\/api\/activities\.csv\?/);
    expect(await page.getByTestId('ogc-link').getAttribute('href')).toBe('/ogc');
    await page.close();
  });

  it('filters by district and theme, in the URL, and lists exactly the matching items', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/activities?from=all');
    await listReady(page);
    await pick(page, /^Suurpiiri/, 'Pohjoinen');
    await pick(page, /^Peruspiiri/, 'Maunula');
    await page.getByRole('checkbox', { name: 'Liikunta ja ulkoilu' }).click({ force: true });
    await page.waitForURL(
      (u) => u.searchParams.get('theme') === 'sport-outdoors' && /^\d+$/.test(u.searchParams.get('area') ?? ''),
    );
    const area = new URL(page.url()).searchParams.get('area')!;
    await page.locator(`${MAP}[data-selected-area="${area}"]`).waitFor();

    const expected = await api(`/api/activities?area=${area}&theme=sport-outdoors&limit=5000`);
    expect(expected.numberMatched).toBeGreaterThan(0);
    const titles = expected.features.map((f) => f.properties.titleFi).sort();
    await expect.poll(async () => (await listReady(page), listTitles(page)), { timeout: 30_000 }).toEqual(titles);

    // Cross-department activity in the chosen district.
    const overlaps = page.getByTestId('area-overlaps');
    await overlaps.getByRole('heading', { name: 'Toimialat alueella Maunula' }).waitFor();
    await overlaps.locator('[data-activities-ready="true"]').waitFor();
    expect(await overlaps.locator('.activity-dept-counts li').count()).toBeGreaterThan(1);
    await overlaps.getByText('Samaan aikaan').first().waitFor();

    // Subscribing follows the same filter: the feed and the calendar of this district and theme.
    for (const [name, path] of [
      ['Toiminta syötteenä (Atom)', '/feeds/activities.atom'],
      ['Tapahtumat ja kokoukset kalenteriin (iCalendar)', '/feeds/events.ics'],
    ]) {
      const href = new URL((await page.getByRole('link', { name }).getAttribute('href'))!, page.url());
      expect(href.pathname).toBe(path);
      expect(href.searchParams.get('area')).toBe(area);
      expect(href.searchParams.get('theme')).toBe('sport-outdoors');
    }

    // The permalink opens the same filtered view.
    const shared = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    await shared.locator(`${MAP}[data-selected-area="${area}"]`).waitFor();
    await expect.poll(async () => (await listReady(shared), listTitles(shared)), { timeout: 30_000 }).toEqual(titles);
    expect(await shared.getByRole('checkbox', { name: 'Liikunta ja ulkoilu' }).isChecked()).toBe(true);
    await shared.close();
    await page.close();
  });

  it('opens an item with its overlaps, and its permalink opens the same view', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/activities');
    await listReady(page);
    const first = page.locator(`${LIST} a.activity-item`).first();
    const title = (await first.locator('.activity-item-title').innerText()).replace(/\s*esimerkki$/, '').trim();
    // Keyboard: the list's links take focus and open with Enter.
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/activities\/\d+/);
    const detail = page.getByTestId('activity-detail');
    await detail.getByRole('heading', { name: title }).waitFor();
    await detail.getByTestId('demo-tag').waitFor();
    expect(await detail.locator('.activity-areas a').count()).toBeGreaterThan(0);

    const overlaps = page.getByTestId('activity-overlaps');
    await overlaps.getByRole('button', { name: '1 000 m' }).click();
    await page.waitForURL((u) => u.searchParams.get('distance') === '1000');
    await overlaps.locator('[data-activities-ready="true"][data-overlaps-distance="1000"]').waitFor();
    const items = overlaps.locator('a.activity-item');
    await items.first().waitFor();
    const overlapTitles = await items.locator('.activity-item-title').allInnerTexts();
    expect(overlapTitles.length).toBeGreaterThan(0);

    // Following an overlap opens its own detail.
    const id = new URL(page.url()).pathname.split('/').pop();
    await items.first().click();
    await page.waitForURL((u) => /\/activities\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${id}`));
    await detail.getByRole('heading', { name: overlapTitles[0].replace(/\s*esimerkki$/, '').trim() }).waitFor();

    // Permalink of the first item at 1000 m: the same heading, distance and overlaps.
    const shared = await open(`/activities/${id}?distance=1000`);
    await shared.getByTestId('activity-detail').getByRole('heading', { name: title }).waitFor();
    const sharedOverlaps = shared.getByTestId('activity-overlaps');
    await sharedOverlaps.locator('[data-activities-ready="true"][data-overlaps-distance="1000"]').waitFor();
    expect(await sharedOverlaps.getByRole('button', { name: '1 000 m' }).getAttribute('aria-pressed')).toBe('true');
    expect(await sharedOverlaps.locator('a.activity-item .activity-item-title').allInnerTexts()).toEqual(overlapTitles);
    await shared.close();
    await page.close();
  });

  it('shows the departments and their meetings in an area drawn on the map, as the API counts them', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/activities?from=all');
    await listReady(page);
    // The body of each overlaps request the page sends: what the shown answer was asked with.
    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/overlaps') bodies.push(r.postData() ?? '');
    });

    const section = page.getByTestId('drawn-area-overlaps');
    await section.getByRole('button', { name: 'Piirrä alue' }).click();
    await drawCorners(page, PIRKKOLA);
    await section.getByRole('button', { name: 'Valmis', exact: true }).click();
    await page.getByTestId('draw-status').filter({ hasText: 'Piirto valmis.' }).waitFor();
    const results = section.locator('[data-activities-ready="true"]');
    await results.waitFor();

    // The request carried the drawn corners (to a click's precision), the time filter ('all': none) and the distance.
    const sent = JSON.parse(bodies.at(-1)!) as {
      geometry: { type: string; coordinates: [number, number][][] };
      distance: number;
      from?: string;
    };
    expect(sent.geometry.type).toBe('Polygon');
    expect(sent.geometry.coordinates[0]).toHaveLength(PIRKKOLA.length + 1);
    sent.geometry.coordinates[0].slice(0, -1).forEach(([lon, lat], i) => {
      expect(Math.abs(lon - PIRKKOLA[i][0])).toBeLessThan(0.001);
      expect(Math.abs(lat - PIRKKOLA[i][1])).toBeLessThan(0.001);
    });
    expect(sent).not.toHaveProperty('from');
    expect(sent.distance).toBe(100);

    const expected = await apiJson<OverlapsResponse>('/api/overlaps', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(sent),
    });
    const names = new Map((await apiJson<Department[]>('/api/departments')).map((d) => [d.slug, d.nameFi]));
    expect(expected.departments.length).toBeGreaterThan(1);
    expect(expected.pairs.length).toBeGreaterThan(0);
    expect(await results.locator('.activity-dept-counts li').allInnerTexts()).toEqual(
      expected.departments.map((d) => `${names.get(d.department)}: ${d.count} ${d.count === 1 ? 'kohde' : 'kohdetta'}`),
    );
    const shownPairs = await results
      .locator('.activity-pairs > li')
      .evaluateAll((items) =>
        items.map((li) => [
          ...[...li.querySelectorAll('a')].map((a) => a.textContent),
          li.querySelector('.activity-flag')?.textContent ?? null,
        ]),
      );
    expect(shownPairs).toEqual(expected.pairs.map((p) => [p.a.titleFi, p.b.titleFi, p.timeOverlaps ? 'Samaan aikaan' : null]));
    // The finished area is in the address as its corners, and the page offers that link to share.
    await page.waitForURL((u) => (u.searchParams.get('drawn') ?? '').split(';').length === PIRKKOLA.length);
    expect(new URL(page.url()).searchParams.get('drawn')).toBe(
      sent.geometry.coordinates[0]
        .slice(0, -1)
        .map(([x, y]) => `${x},${y}`)
        .join(';'),
    );
    expect(await section.getByRole('textbox', { name: 'Linkki tähän alueeseen' }).inputValue()).toBe(page.url());
    expect(await seriousViolations(page)).toEqual([]);

    // A shape the server refuses: its message shows in the panel, and no stale results stay.
    await section.getByRole('button', { name: 'Tyhjennä', exact: true }).click();
    await drawCorners(page, PIRKKOLA_BOWTIE);
    await section.locator('.form-error').filter({ hasText: 'geometry is not valid' }).waitFor();
    expect(await section.locator('.activity-dept-counts').count()).toBe(0);

    // Choosing a district ends the drawing: the map takes no more corners and the tool is gone.
    await pick(page, /^Suurpiiri/, 'Pohjoinen');
    await page.getByTestId('area-overlaps').waitFor();
    await section.getByRole('button', { name: 'Piirrä alue' }).waitFor();
    expect(await page.getByTestId('draw-status').count()).toBe(0);
    await page.waitForURL((u) => !u.searchParams.has('drawn'));
    await page.close();
  });

  it('has no serious or critical axe violations in the list and the detail views', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/activities?area=26&theme=sport-outdoors');
    await listReady(page);
    await page.getByTestId('area-overlaps').locator('[data-activities-ready="true"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator(`${LIST} a.activity-item`).first().click();
    await page.getByTestId('activity-overlaps').locator('[data-activities-ready="true"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

interface KkWindow {
  __kkActivities: { renderedIds(): number[]; filter(layerId: string): unknown };
}
