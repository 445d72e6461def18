/**
 * Ideas against the built app: draw a polygon on the map, submit as a visitor, get the tracking
 * code, look it up, and follow the idea as an official moves it through its stages. An official
 * account is written into the app's database before the app starts (PGlite allows one process).
 * Waits on the map's readiness attribute and DOM/URL state — never on time.
 */
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations } from './support/app.js';
import { dragMap, drawCorners } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const CATHEDRAL = { lon: 24.9522, lat: 60.1704 };
const OFFICIAL = { email: 'virkailija@hel.fi', password: 'kymp-virkailija-salasana', name: 'Virkailija Kymp' };
/** A small square beside the cathedral, and the same corners in "bow-tie" order (self-intersecting). */
const SQUARE: [number, number][] = [
  [24.951, 60.1695],
  [24.954, 60.1695],
  [24.954, 60.171],
  [24.951, 60.171],
];
const BOWTIE: [number, number][] = [SQUARE[0], SQUARE[2], SQUARE[1], SQUARE[3]];

/** The official's account is written into the app's database before it starts. */
const e2e = e2eApp({
  database: { prefix: 'ideas', seed: (knex) => seedAccount(knex, OFFICIAL, { roles: ['official'], departments: ['kymp'] }) },
});

const open = (pathname: string) => e2e.open(pathname);

let ideaId: string;
let trackingCode: string;

describe('ideas', () => {
  it('shows the ideas view (list, filters, lookup) without serious accessibility violations', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/ideas');
    await page.getByRole('heading', { name: 'Asukkaiden ideat' }).waitFor();
    await page
      .getByTestId('idea-count')
      .filter({ hasText: /0 ideaa/ })
      .waitFor();
    await page.getByRole('link', { name: 'Ideat' }).and(page.locator('[aria-current="page"]')).waitFor();
    await expectNoSeriousViolations(page, '/ideas');
    await page.close();
  });

  it('a visitor draws a polygon, sees the server refuse a self-intersecting one, submits and gets a code', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    // Open the form on Kruununhaka (?area= zooms the map there), so the corners are pixels apart.
    const located = await (await fetch(`${e2e.app.url}/api/areas/locate?lon=${CATHEDRAL.lon}&lat=${CATHEDRAL.lat}`)).json();
    const page = await open(`/ideas/new?area=${located.areas.osa_alue.id}`);
    await page.getByRole('heading', { name: 'Jätä idea' }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="map"]')!.getAttribute('data-zoom')) > 13);
    await page.locator('label[for="idea-place-polygon"]').click();
    await page.getByLabel('Otsikko').fill('Istutuksia Tuomiokirkon viereen');
    await page.getByLabel('Kuvaus').fill('Kukkapenkit ja penkkejä aukion reunalle.');
    await page.locator('label[for="idea-theme-elderly"]').click();
    await expectNoSeriousViolations(page, '/ideas/new');

    // The server's refusal reaches the form in the reader's language, not in PostGIS's English.
    await drawCorners(page, BOWTIE);
    await page.getByRole('button', { name: 'Valmis' }).click();
    await page.getByRole('button', { name: 'Lähetä idea' }).click();
    const refusal = page.getByTestId('idea-form-error');
    await refusal.getByText(/Piirretty alue leikkaa itsensä/).waitFor();
    expect(await refusal.innerText()).not.toMatch(/Self-intersection/i);

    // Clear, draw it properly (undo works too), and send.
    await page.getByRole('button', { name: 'Jatka piirtämistä' }).click();
    await page.getByRole('button', { name: 'Tyhjennä' }).click();
    await page.getByTestId('draw-status').filter({ hasText: '0 pistettä merkitty' }).waitFor();
    await drawCorners(page, [...SQUARE, [24.9525, 60.172]]);
    await page.getByRole('button', { name: 'Kumoa viimeisin piste' }).click();
    await page.getByTestId('draw-status').filter({ hasText: '4 pistettä merkitty' }).waitFor();
    // A corner drags to a new place on the map; dropping it adds no corner.
    const fourth = page.getByRole('list', { name: 'Merkityt pisteet' }).locator('li').nth(3).locator('span');
    const before = await fourth.innerText();
    await dragMap(page, SQUARE[3], [24.9505, 60.1712]);
    await expect.poll(() => fourth.innerText()).not.toBe(before);
    const [lon, lat] = (await fourth.innerText()).split(',').map(Number);
    expect(lon).toBeCloseTo(24.9505, 3);
    expect(lat).toBeCloseTo(60.1712, 3);
    await page.getByTestId('draw-status').filter({ hasText: '4 pistettä merkitty' }).waitFor();
    await page.getByRole('button', { name: 'Valmis' }).click();
    await page.getByRole('button', { name: 'Lähetä idea' }).click();

    const code = page.getByTestId('tracking-code');
    await code.waitFor();
    trackingCode = (await code.innerText()).trim();
    expect(trackingCode).toMatch(/^KK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    await page.getByRole('button', { name: 'Kopioi koodi' }).waitFor();
    await page.getByRole('link', { name: 'Avaa idean sivu' }).waitFor();
    await page.close();
  });

  it('tells a mistyped code from an unknown one, and opens the idea from its code', async (ctx) => {
    if (!e2e.ready || !trackingCode) return ctx.skip();
    const page = await open('/ideas/lookup');
    const input = page.getByRole('textbox', { name: 'Seurantakoodi' });
    const find = page.getByRole('button', { name: 'Hae idea' });

    await input.fill('KK-0000-00');
    await find.click();
    await page.getByText(/Tämä ei ole seurantakoodi/).waitFor();

    // A well-formed code (valid check character) that nobody has: found through the API first.
    let unknown = '';
    for (const c of '23456789ABCDEFGHJKMNPQRSTUVWXYZ') {
      const res = await fetch(`${e2e.app.url}/api/ideas/by-code/KK-2222-2${c}`);
      if (res.status === 404) {
        unknown = `KK-2222-2${c}`;
        break;
      }
    }
    expect(unknown).not.toBe('');
    await input.fill(unknown);
    await find.click();
    await page.getByText(`Koodilla ${unknown} ei löytynyt ideaa.`).waitFor();

    // As people type it: lower case, spaces for dashes.
    await input.fill(trackingCode.toLowerCase().replace(/-/g, ' '));
    await find.click();
    await page.waitForURL(/\/ideas\/\d+$/);
    ideaId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'Istutuksia Tuomiokirkon viereen' }).waitFor();
    const timeline = page.getByTestId('idea-timeline');
    await timeline.locator('li[data-stage="submitted"]').waitFor();
    expect(await page.locator('.idea-page').innerText()).toContain(trackingCode);
    // Areas come from PostGIS.
    await page.getByText(/Eteläinen, Vironniemi/).waitFor();

    // The map fitted to the idea: the view is narrow and holds the cathedral.
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="map"]')!.getAttribute('data-bounds')!.split(',').map(Number);
      return b[2] - b[0] < 0.05 && b[0] < 24.952 && b[2] > 24.953 && b[1] < 60.17 && b[3] > 60.171;
    });
    await expectNoSeriousViolations(page, '/ideas/:id');

    // The idea is in the list of the ideas view, and opens from there.
    const list = await open('/ideas');
    await list.getByRole('link', { name: /Istutuksia Tuomiokirkon viereen/ }).click();
    await list.waitForURL(new RegExp(`/ideas/${ideaId}`));
    await list.close();
    await page.close();
  });

  it('an official takes responsibility and moves the idea connected → refining → decision, in the open', async (ctx) => {
    if (!e2e.ready || !ideaId) return ctx.skip();
    const page = await open(`/ideas/${ideaId}`);
    await signIn(page, OFFICIAL);
    await page.getByRole('heading', { name: 'Virkailijalle' }).waitFor();

    await page.getByRole('button', { name: 'Ota vastuulleni' }).click();
    await page.getByTestId('idea-responsible').filter({ hasText: OFFICIAL.name }).waitFor();

    const steps: { stage: string; label: string; reason: string; funding?: string }[] = [
      { stage: 'connected', label: 'Yhdistetty', reason: 'Yhdistetty puistosuunnitteluun.' },
      { stage: 'refining', label: 'Jalostetaan', reason: 'Suunnitellaan istutukset yhdessä asukkaiden kanssa.' },
      { stage: 'decision', label: 'Päätös', reason: 'Toteutetaan kesällä.', funding: '5 000 € puistojen kunnossapidosta' },
    ];
    const timeline = page.getByTestId('idea-timeline');
    for (const s of steps) {
      await page.getByLabel('Uusi vaihe').selectOption(s.stage);
      await page.getByLabel('Perustelu (julkinen)').fill(s.reason);
      if (s.funding) await page.getByLabel('Varattu rahoitus tai työaika').fill(s.funding);
      await page.getByRole('button', { name: `Siirrä vaiheeseen: ${s.label}` }).click();
      await timeline.locator(`li[data-stage="${s.stage}"]`).filter({ hasText: s.reason }).waitFor();
    }
    const text = await timeline.innerText();
    expect(text).toContain('5 000 € puistojen kunnossapidosta');
    expect(text).toContain(`Siirsi: ${OFFICIAL.name}`);
    expect(await timeline.locator('li').count()).toBe(4);

    // Everyone sees the same timeline.
    const visitor = await e2e.browser.newPage();
    await visitor.goto(`${e2e.app.url}/ideas/${ideaId}`);
    await visitor
      .getByTestId('idea-timeline')
      .locator('li[data-stage="decision"]')
      .filter({ hasText: 'Toteutetaan kesällä.' })
      .waitFor();
    await visitor.close();
    await page.close();
  });
  it('an official closes a just-submitted idea with a reason and an alternative route, with no stages between', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await open('/ideas');
    await signIn(page, OFFICIAL);
    // A fresh idea at its first stage, sent as the form would (with the session's CSRF token).
    const id = await page.evaluate(async (square) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch('/api/ideas', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          title: 'Uimaranta keskelle toria',
          description: 'Tori täyttyisi vedellä kesäksi.',
          themes: ['environment-climate'],
          geometry: { type: 'Point', coordinates: square[0] },
        }),
      });
      return (await res.json()).id as number;
    }, SQUARE);
    await page.goto(`${e2e.app.url}/ideas/${id}`);
    await page.getByRole('heading', { name: 'Virkailijalle' }).waitFor();
    await page.getByLabel('Uusi vaihe').selectOption('not_taken_forward');
    await page.getByLabel('Perustelu (julkinen)').fill('Torin kunnossapito ei salli allasta.');
    // The route is required: the form says so before sending.
    await page.getByRole('button', { name: 'Siirrä vaiheeseen: Ei viety eteenpäin' }).click();
    await page.locator('#idea-stage-route-error').waitFor();
    await page.getByLabel('Vaihtoehtoinen reitti').selectOption('residents_own_action');
    await page.getByRole('button', { name: 'Siirrä vaiheeseen: Ei viety eteenpäin' }).click();
    const timeline = page.getByTestId('idea-timeline');
    await timeline
      .locator('li[data-stage="not_taken_forward"]')
      .filter({ hasText: 'Torin kunnossapito ei salli allasta.' })
      .waitFor();
    expect(await timeline.innerText()).toContain('Asukkaiden oma toiminta');
    expect(await timeline.locator('li').count()).toBe(2);
    await page.getByText('Idea on viimeisessä vaiheessaan.').waitFor();
    await expectNoSeriousViolations(page, 'closed idea');
    await page.close();
  });
});
