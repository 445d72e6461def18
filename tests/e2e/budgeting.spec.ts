/**
 * Participatory budgeting against the built app (issue 11): an official opens a district round;
 * residents enter their ideas, which become a plan; residents vote within their district's pot and
 * an over-budget choice is refused in the form; the results are published and the map shows the
 * funded plan. The app reads its budgeting phases from a test clock file (KK_TEST_CLOCK_FILE), so
 * the round moves through its phases when the test writes a new instant — never by waiting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedAreasExist } from '../../server/src/test-support/test-areas.js';
import { expectNoSeriousViolations, screenshot, type Page } from './support/app.js';
import { waitForRendered } from './support/map.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const OFFICIAL = { email: 'budjetointi@hel.fi', password: 'budjetointi-virkailija-salasana', name: 'Budjetointi Virkailija' };
const AINO = { email: 'aino@example.test', password: 'aino-asukas-salasana', name: 'Aino Asukas' };
const BEN = { email: 'ben@example.test', password: 'ben-asukas-salasana', name: 'Ben Boende' };

/** Every phase starts at noon (browser time) on these days; the clock is set to a few days in. */
const PHASE_DAYS = {
  proposals: '2031-03-01',
  co_creation: '2031-03-11',
  feasibility_review: '2031-03-21',
  voting: '2031-03-31',
  results: '2031-04-10',
  implementation: '2031-04-20',
} as const;
type Phase = keyof typeof PHASE_DAYS;
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kk-e2e-budgeting-')), 'now');
/** Moves the app's budgeting clock into a phase (its fifth day). */
const during = (phase: Phase) =>
  fs.writeFileSync(clockFile, new Date(Date.parse(`${PHASE_DAYS[phase]}T12:00:00Z`) + 4 * 86_400_000).toISOString());
during('proposals');

const e2e = e2eApp({
  database: {
    prefix: 'budgeting',
    seed: async (knex) => {
      await seedAccount(knex, OFFICIAL, { roles: ['official'], departments: ['kymp'] });
      await seedAccount(knex, AINO, { roles: ['resident'] });
      await seedAccount(knex, BEN, { roles: ['resident'] });
    },
  },
  start: { env: { KK_TEST_CLOCK_FILE: clockFile, KK_RATE_LIMITS: 'idea.ip=1000/1h' } },
});

/** Places by the cathedral (Eteläinen major district): two ideas for one plan, one for another. */
const PLACES: [number, number][] = [
  [24.9522, 60.1704],
  [24.953, 60.171],
  [24.951, 60.169],
];

/** A page of the app signed in as `who`. */
async function openAs(pathname: string, who: typeof OFFICIAL): Promise<Page> {
  const page = await e2e.open(pathname);
  await signIn(page, who);
  return page;
}

/** A write as the page's signed-in account (with its CSRF token), as the app itself sends it. */
async function postAs(page: Page, url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(
    async ({ url, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    { url, body },
  );
}

const shots = async (page: Page, name: string) => {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
};

let roundId = 0;
let potAmount = 0;
const ideas: { id: number; code: string; title: string }[] = [];

describe('participatory budgeting', () => {
  it('an official opens a district round with the form; its page shows phases and pots', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const majors = (await (await fetch(`${e2e.app.url}/api/areas?level=suurpiiri`)).json()).features.length as number;
    potAmount = 100_000;
    const page = await openAs('/budgeting', OFFICIAL);
    await page.getByRole('link', { name: 'Budjetointi' }).and(page.locator('[aria-current="page"]')).waitFor();
    await page.getByTestId('budgeting-rounds').getByText('Budjetointikierroksia ei ole vielä.').waitFor();
    await expectNoSeriousViolations(page, '/budgeting');
    await page.getByRole('link', { name: 'Avaa uusi kierros' }).click();
    await page.getByRole('heading', { name: 'Uusi budjetointikierros' }).waitFor();

    // The contract refuses an empty form before anything is sent.
    await page.getByRole('button', { name: 'Avaa kierros' }).click();
    await page.getByText('Korjaa merkityt kentät.').waitFor();

    await page.getByLabel('Nimi suomeksi').fill('Suurpiirien budjetti 2031');
    await page.getByLabel('Nimi ruotsiksi').fill('Stordistriktens budget 2031');
    await page.getByLabel('Kokonaisbudjetti (€)').fill(String(majors * potAmount));
    for (const [phase, day] of Object.entries(PHASE_DAYS)) {
      await page.locator(`#budgeting-round-phase-${phase}`).fill(`${day}T12:00`);
    }
    await expectNoSeriousViolations(page, '/budgeting/rounds/new');
    await page.getByRole('button', { name: 'Avaa kierros' }).click();

    await page.waitForURL(/\/budgeting\/rounds\/\d+$/);
    roundId = Number(page.url().split('/').pop());
    await page.getByRole('heading', { name: 'Suurpiirien budjetti 2031' }).waitFor();
    const timeline = page.getByTestId('budgeting-timeline');
    await timeline.locator('li[aria-current="step"][data-phase="proposals"]').waitFor();
    expect(await timeline.locator('li').count()).toBe(6);
    const pots = page.getByTestId('budgeting-pots');
    expect(await pots.locator('li').count()).toBe(majors);
    await pots.locator('li', { hasText: 'Eteläinen' }).filter({ hasText: '100 000 €' }).waitFor();
    await page.getByText('Alueittain').waitFor();
    // The legend beside the map says how the pots are shaded: per resident when the districts'
    // population is loaded (the real districts' Paavo figures), else per pot, saying why.
    const detail = await (await fetch(`${e2e.app.url}/api/budgeting/rounds/${roundId}`)).json();
    const shading = page.getByTestId('budgeting-legend-shading');
    // With the real districts, first start imports their population too.
    if (sharedAreasExist()) expect(detail.residentsYear).toEqual(expect.any(Number));
    if (detail.residentsYear != null) {
      await shading.and(page.locator('[data-shading="resident"]')).getByText(`Paavo ${detail.residentsYear}`).waitFor();
      const eteläinen = detail.pots.find((p: { nameFi: string }) => p.nameFi === 'Eteläinen');
      const perResident = new Intl.NumberFormat('fi', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(
        eteläinen.eurPerResident,
      );
      await pots.locator('li', { hasText: 'Eteläinen' }).getByText(`${perResident} / asukas`).waitFor();
    } else {
      await shading
        .and(page.locator('[data-shading="pot"]'))
        .getByText(/ei ole ladattu väkilukuja/)
        .waitFor();
    }
    await expectNoSeriousViolations(page, '/budgeting/rounds/:id (proposals)');
    await shots(page, 'budgeting-round-proposals');
    await page.close();
  });

  it('during proposals residents enter their ideas: from the round page and from the idea page', async (ctx) => {
    if (!e2e.ready || !roundId) return ctx.skip();
    const aino = await openAs(`/budgeting/rounds/${roundId}`, AINO);
    const ben = await openAs('/ideas', BEN);
    const titles = ['Kukkaistutuksia Tuomiokirkon portaille', 'Penkkejä Senaatintorin laidalle', 'Juomalähde Esplanadille'];
    for (const [i, title] of titles.entries()) {
      const author = i === 1 ? ben : aino;
      const res = await postAs(author, '/api/ideas', {
        title,
        description: 'Idea osallistuvaan budjetointiin.',
        themes: ['community'],
        geometry: { type: 'Point', coordinates: PLACES[i] },
      });
      expect(res.status).toBe(201);
      ideas.push({ id: Number(res.json.id), code: String(res.json.trackingCode), title });
    }

    // Aino enters her two ideas by their tracking codes on the round's page.
    for (const i of [0, 2]) {
      await aino.getByLabel('Seurantakoodi').fill(ideas[i].code);
      await aino.getByRole('button', { name: 'Tuo idea' }).click();
      await aino.getByTestId('budgeting-enter-status').filter({ hasText: ideas[i].title }).waitFor();
      await aino.getByTestId('budgeting-proposals').getByRole('link', { name: ideas[i].title }).waitFor();
    }
    await expectNoSeriousViolations(aino, '/budgeting/rounds/:id (entering ideas)');

    // Ben enters his from the idea's own page.
    await ben.goto(`${e2e.app.url}/ideas/${ideas[1].id}`);
    await ben.getByRole('heading', { name: 'Osallistuva budjetointi' }).waitFor();
    await ben.getByRole('button', { name: 'Tuo kierrokselle' }).click();
    await ben.getByTestId('idea-budgeting-status').filter({ hasText: 'Suurpiirien budjetti 2031' }).waitFor();
    await expectNoSeriousViolations(ben, '/ideas/:id (entering into a round)');
    await ben.getByRole('link', { name: 'Avaa kierros' }).click();
    await ben.getByTestId('budgeting-proposals').locator('li').nth(2).waitFor();
    await aino.close();
    await ben.close();
  });

  it('in co-creation an official merges the two residents’ ideas into a plan and reviews the plans', async (ctx) => {
    if (!e2e.ready || ideas.length < 3) return ctx.skip();
    during('co_creation');
    const page = await openAs(`/budgeting/rounds/${roundId}`, OFFICIAL);
    await page.getByTestId('budgeting-timeline').locator('li[aria-current="step"][data-phase="co_creation"]').waitFor();
    const merge = page.locator('form', { has: page.getByRole('heading', { name: 'Yhdistä ideat suunnitelmaksi' }) });
    const makePlan = async (ideaIdx: number[], title: string) => {
      for (const i of ideaIdx) await merge.locator(`label[for="budgeting-merge-idea-${ideas[i].id}"]`).click();
      await merge.getByLabel('Suunnitelman nimi').fill(title);
      await merge.getByRole('button', { name: 'Tee suunnitelma' }).click();
      await page.getByTestId('budgeting-merge-status').filter({ hasText: title }).waitFor();
      await page.getByTestId('budgeting-plans').getByRole('heading', { name: title }).waitFor();
    };
    await makePlan([0, 1], 'Tuomiokirkon ympäristön viihtyisyys');
    await makePlan([2], 'Juomalähde Esplanadille');

    const plans = page.getByTestId('budgeting-plans');
    const plan1 = plans.locator('li[data-plan-id]', {
      has: page.getByRole('heading', { name: 'Tuomiokirkon ympäristön viihtyisyys' }),
    });
    const plan2 = plans.locator('li[data-plan-id]', { has: page.getByRole('heading', { name: 'Juomalähde Esplanadille' }) });
    // The plan names both residents' ideas and falls into their district's pot.
    await plan1.getByRole('link', { name: ideas[0].title }).waitFor();
    await plan1.getByRole('link', { name: ideas[1].title }).waitFor();
    await plan1.getByText('Eteläinen').waitFor();
    for (const [plan, cost] of [
      [plan1, '60000'],
      [plan2, '50000'],
    ] as const) {
      await plan.getByLabel('Kustannusarvio (€)').fill(cost);
      await plan.getByLabel('Toteutettavuus').selectOption('feasible');
      await plan.getByRole('button', { name: 'Tallenna arvio' }).click();
      await plan.locator('dd[data-feasibility="feasible"]').waitFor();
    }
    await plan1.getByText('60 000 €').first().waitFor();
    // An infeasible verdict needs its public reason: the contract says so before sending.
    await plan2.getByLabel('Toteutettavuus').selectOption('infeasible');
    await plan2.getByRole('button', { name: 'Tallenna arvio' }).click();
    await plan2.getByText(/needs a public reason/).waitFor();
    await plan2.getByLabel('Toteutettavuus').selectOption('feasible');
    await expectNoSeriousViolations(page, '/budgeting/rounds/:id (co-creation)');
    await shots(page, 'budgeting-round-co-creation');
    await page.close();
  });

  it('in voting residents vote in their district’s pot; an over-budget choice is refused; a ballot can be changed', async (ctx) => {
    if (!e2e.ready || ideas.length < 3) return ctx.skip();
    during('voting');
    const vote = async (who: typeof AINO) => {
      const page = await openAs(`/budgeting/rounds/${roundId}`, who);
      const section = page.getByTestId('budgeting-ballot');
      await section.getByLabel('Ikäsi').fill('34');
      await section.getByLabel('Asuinalueesi').selectOption({ label: 'Eteläinen' });
      const ballot = section.locator('form', { has: page.getByRole('heading', { name: 'Äänestyslippu: Eteläinen' }) });
      await ballot.waitFor();
      const pick = async (titles: string[]) => {
        for (const title of titles) await ballot.getByText(new RegExp(`^${title} —`)).click();
        await ballot.getByRole('button', { name: /Tallenna ääneni|Muuta ääntäni/ }).click();
        await ballot.getByRole('status').filter({ hasText: 'Äänesi on tallennettu.' }).waitFor();
        await ballot.getByText(`Äänesi on tallennettu: ${titles.join(', ')}`).waitFor();
      };
      return { page, ballot, pick };
    };

    const aino = await vote(AINO);
    const { ballot } = aino;
    // Other districts' pots are not offered to a resident of Eteläinen.
    expect(await aino.page.getByTestId('budgeting-ballot').locator('form').count()).toBe(1);
    await ballot.getByText(/^Tuomiokirkon ympäristön viihtyisyys —/).click();
    await ballot.getByText('Valittu 60 000 € / 100 000 €').waitFor();
    // 60 000 + 50 000 is over the pot: refused in the form, in the server's figures.
    await ballot.getByText(/^Juomalähde Esplanadille —/).click();
    await ballot.getByRole('alert').filter({ hasText: 'yhteensä 110 000 € ylittää 100 000 € potin' }).waitFor();
    expect(await ballot.getByRole('checkbox', { name: /Juomalähde Esplanadille/ }).isChecked()).toBe(false);
    await ballot.getByText('Valittu 60 000 € / 100 000 €').waitFor();
    await expectNoSeriousViolations(aino.page, '/budgeting/rounds/:id (ballot)');
    await ballot.getByRole('button', { name: 'Tallenna ääneni' }).click();
    await ballot.getByText('Äänesi on tallennettu: Tuomiokirkon ympäristön viihtyisyys').waitFor();
    await shots(aino.page, 'budgeting-ballot');

    // Should an over-budget ballot reach the server anyway, its refusal reads the same.
    const planIds = (await (await fetch(`${e2e.app.url}/api/budgeting/rounds/${roundId}/plans`)).json()).map(
      (p: { id: number }) => p.id,
    );
    const potId = Number(await ballot.getAttribute('data-pot-id'));
    const refused = await aino.page.evaluate(
      async ({ url, body }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const res = await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      },
      {
        url: `/api/budgeting/rounds/${roundId}/pots/${potId}/ballot`,
        body: {
          planIds,
          declaration: { age: 34, residenceAreaId: Number(await aino.page.locator('#budgeting-ballot-residence').inputValue()) },
        },
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('total 110 000 € exceeds the pot of 100 000 €');
    await aino.page.close();

    // Ben votes for the fountain, then changes his ballot to the plan from the two ideas.
    const ben = await vote(BEN);
    await ben.pick(['Juomalähde Esplanadille']);
    await ben.page.reload();
    const section = ben.page.getByTestId('budgeting-ballot');
    await section.getByLabel('Ikäsi').fill('41');
    await section.getByLabel('Asuinalueesi').selectOption({ label: 'Eteläinen' });
    await ben.ballot.getByText('Äänesi on tallennettu: Juomalähde Esplanadille').waitFor();
    expect(await ben.ballot.getByRole('checkbox', { name: /Juomalähde Esplanadille/ }).isChecked()).toBe(true);
    await ben.ballot.getByText(/^Juomalähde Esplanadille —/).click();
    await ben.pick(['Tuomiokirkon ympäristön viihtyisyys']);
    await ben.page.close();
  });

  it('after voting the official publishes the results; the map shows the funded plan', async (ctx) => {
    if (!e2e.ready || ideas.length < 3) return ctx.skip();
    during('results');
    const page = await openAs(`/budgeting/rounds/${roundId}`, OFFICIAL);
    const results = page.getByTestId('budgeting-results');
    await results.getByText('Tuloksia ei ole vielä julkaistu.').waitFor();
    await results.getByRole('button', { name: 'Laske ja julkaise tulokset' }).click();
    await results.getByRole('status').filter({ hasText: 'Tulokset on julkaistu.' }).waitFor();
    const funded = results.locator('li[data-funded="true"]');
    await funded.filter({ hasText: 'Tuomiokirkon ympäristön viihtyisyys' }).filter({ hasText: '2 ääntä' }).waitFor();
    await results
      .locator('li[data-funded="false"]')
      .filter({ hasText: 'Juomalähde Esplanadille' })
      .filter({ hasText: 'ohitettu: ei ääniä' })
      .waitFor();
    await results.getByText(/Rahoitettu 60\s000\s€ \/ 100\s000\s€, jäljellä 40\s000\s€; 2 äänestyslippua/).waitFor();

    // The map fits to the plans by the cathedral and highlights the funded one (a line between its
    // two ideas) over the shaded pots.
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="map"]')!.getAttribute('data-bounds')!.split(',').map(Number);
      return b[2] - b[0] < 0.1 && b[0] < 24.951 && b[2] > 24.953 && b[1] < 60.169 && b[3] > 60.171;
    });
    await waitForRendered(page, 'budgeting-plans-funded-line');
    await waitForRendered(page, 'budgeting-pots-fill');
    await page.getByTestId('budgeting-legend').getByText('Rahoitetaan').waitFor();
    await expectNoSeriousViolations(page, '/budgeting/rounds/:id (results)');
    await shots(page, 'budgeting-results');

    // Everyone sees the same results, without signing in.
    const visitor = await e2e.open(`/budgeting/rounds/${roundId}`);
    await visitor.getByTestId('budgeting-results').locator('li[data-funded="true"]').waitFor();
    await waitForRendered(visitor, 'budgeting-plans-funded-line');
    // The district's card shows its pot in the round and what was funded from it.
    const etelainen = (await (await fetch(`${e2e.app.url}/api/areas?level=suurpiiri`)).json()).features.find(
      (f: { properties: { nameFi: string } }) => f.properties.nameFi === 'Eteläinen',
    );
    await visitor.goto(`${e2e.app.url}/areas/${etelainen.properties.id}`);
    const row = visitor.getByTestId('area-budgeting').getByRole('row', { name: /Suurpiirien budjetti 2031/ });
    await row.getByRole('cell', { name: /^100\s000\s€$/ }).waitFor();
    await row.getByRole('cell', { name: /^60\s000\s€$/ }).waitFor();
    await expectNoSeriousViolations(visitor, '/areas/:id (budgeting)');
    await visitor.close();
    await page.close();
  });

  it('the official starts the funded plan’s implementation and adds its first milestone; the source idea’s timeline shows it', async (ctx) => {
    if (!e2e.ready || ideas.length < 3) return ctx.skip();
    during('implementation');
    const page = await openAs(`/budgeting/rounds/${roundId}`, OFFICIAL);
    const plan = page
      .getByTestId('budgeting-plans')
      .locator('li[data-plan-id]', { has: page.getByRole('heading', { name: 'Tuomiokirkon ympäristön viihtyisyys' }) });
    const implementation = plan.getByTestId('budgeting-implementation');
    await implementation.getByText('Toteutus ei ole vielä alkanut.').waitFor();
    // Only the funded plan is carried out.
    const unfunded = page
      .getByTestId('budgeting-plans')
      .locator('li[data-plan-id]', { has: page.getByRole('heading', { name: 'Juomalähde Esplanadille' }) });
    expect(await unfunded.getByTestId('budgeting-implementation').count()).toBe(0);

    // A district plan names no department: the official names theirs.
    await implementation.getByRole('button', { name: 'Aloita toteutus' }).click();
    await implementation.getByText(/name the department responsible/).waitFor();
    await implementation.getByLabel('Vastuutoimiala').selectOption('kymp');
    await implementation.getByRole('button', { name: 'Aloita toteutus' }).click();
    const activity = implementation.getByRole('link', { name: 'Toiminta kartalla' });
    await activity.waitFor();
    expect(await activity.getAttribute('href')).toMatch(/^\/activities\/\d+$/);

    // The first milestone: the contract asks for its date before anything is sent.
    await implementation.getByLabel('Välitavoite suomeksi').fill('Istutussuunnitelma valmis');
    await implementation.getByLabel('Välitavoite ruotsiksi').fill('Planteringsplanen klar');
    await implementation.getByRole('button', { name: 'Lisää välitavoite' }).click();
    await implementation.getByText('Anna päivämäärä.').waitFor();
    await implementation.getByLabel('Päivämäärä').fill('2031-05-15');
    await implementation.getByRole('button', { name: 'Lisää välitavoite' }).click();
    await implementation.getByRole('status').filter({ hasText: 'Välitavoite ”Istutussuunnitelma valmis” on lisätty.' }).waitFor();
    const first = implementation.locator('li[data-milestone-id]', { hasText: 'Istutussuunnitelma valmis' });
    await first.filter({ hasText: 'suunniteltu' }).waitFor();
    await implementation.getByLabel('Välitavoite suomeksi').fill('Kukat istutettu');
    await implementation.getByLabel('Päivämäärä').fill('2031-06-10');
    await implementation.getByRole('button', { name: 'Lisää välitavoite' }).click();
    await implementation.locator('li[data-milestone-id]', { hasText: 'Kukat istutettu' }).waitFor();
    await first.getByRole('button', { name: 'Merkitse saavutetuksi: Istutussuunnitelma valmis' }).click();
    await first.and(page.locator('[data-done="true"]')).waitFor();
    await expectNoSeriousViolations(page, '/budgeting/rounds/:id (implementation)');
    await plan.scrollIntoViewIfNeeded();
    await shots(page, 'budgeting-implementation');
    await page.close();

    // Residents see the same, read-only.
    const visitor = await e2e.open(`/budgeting/rounds/${roundId}`);
    const seen = visitor.getByTestId('budgeting-implementation');
    await seen.getByRole('link', { name: 'Toiminta kartalla' }).waitFor();
    await seen
      .locator('li[data-done="true"]', { hasText: 'Istutussuunnitelma valmis' })
      .filter({ hasText: 'saavutettu' })
      .waitFor();
    expect(await seen.getByRole('button').count()).toBe(0);
    expect(await seen.locator('form').count()).toBe(0);

    // The source idea's public page, found by its tracking code: the milestone on its timeline, linked to the round.
    await visitor.goto(`${e2e.app.url}/ideas/${ideas[0].id}`);
    const timeline = visitor.getByTestId('idea-timeline');
    const entry = timeline.locator('li[data-milestone-id]', { hasText: 'Istutussuunnitelma valmis' }).first();
    await entry.getByText('Toteutuksen välitavoite').waitFor();
    await entry.getByText('saavutettu').waitFor();
    const link = entry.getByRole('link', { name: 'Suunnitelma ”Tuomiokirkon ympäristön viihtyisyys”' });
    expect(await link.getAttribute('href')).toBe(`/budgeting/rounds/${roundId}`);
    await expectNoSeriousViolations(visitor, '/ideas/:id (milestone on the timeline)');
    await entry.scrollIntoViewIfNeeded();
    await shots(visitor, 'budgeting-idea-timeline');
    await link.click();
    await visitor.getByRole('heading', { name: 'Suurpiirien budjetti 2031' }).waitFor();
    await visitor.close();
  });

  it('an official opens a department round with the form: rows per department, the server’s refusal at the field', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const departments = (await (await fetch(`${e2e.app.url}/api/departments`)).json()) as { slug: string; nameFi: string }[];
    const [a, b] = departments;
    const page = await openAs('/budgeting/rounds/new', OFFICIAL);
    await page.getByRole('heading', { name: 'Uusi budjetointikierros' }).waitFor();
    await page.getByLabel('Nimi suomeksi').fill('Osastojen budjetti 2032');
    await page.getByLabel('Kokonaisbudjetti (€)').fill('100000');
    await page.getByLabel('Jakotapa').selectOption('department');
    const rows = page.getByTestId('budgeting-round-row');
    await page.getByLabel('Toimiala 1').selectOption(a.slug);
    await page.getByLabel('Potti 1 (€)').fill('60000');
    // Keyboard: the add button makes a row and puts the focus in it.
    await page.getByRole('button', { name: 'Lisää toimiala' }).focus();
    await page.keyboard.press('Enter');
    expect(await rows.count()).toBe(2);
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="budgeting-round-row"]:nth-child(2)') != null);
    await page.getByLabel('Toimiala 2').selectOption(b.slug);
    await page.getByLabel('Potti 2 (€)').fill('50000');
    // A third row, removed again.
    await page.getByRole('button', { name: 'Lisää toimiala' }).click();
    expect(await rows.count()).toBe(3);
    await page.getByRole('button', { name: 'Poista rivi 3' }).click();
    expect(await rows.count()).toBe(2);
    // The approval ballot is offered, with its number of choices.
    await page.getByLabel('Äänestystapa').selectOption('approval');
    await page.getByLabel('Enintään montako suunnitelmaa').fill('2');
    for (const [phase, day] of Object.entries(PHASE_DAYS)) {
      await page.locator(`#budgeting-round-phase-${phase}`).fill(`${day.replace('2031', '2032')}T12:00`);
    }
    await expectNoSeriousViolations(page, '/budgeting/rounds/new (department round)');
    await shots(page, 'budgeting-new-department-round');

    // 60 000 + 50 000 is more than the total: the server says so, at the pots.
    await page.getByRole('button', { name: 'Avaa kierros' }).click();
    const error = page.locator('#budgeting-round-allocation-error');
    await error.getByText(/the pots total 110 000 €, more than the round's total budget of 100 000 €/).waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('#budgeting-round-allocation') != null);
    await page.getByLabel('Potti 2 (€)').fill('40000');
    expect(await error.count()).toBe(0);
    await page.getByRole('button', { name: 'Avaa kierros' }).click();

    await page.waitForURL(/\/budgeting\/rounds\/\d+$/);
    await page.getByRole('heading', { name: 'Osastojen budjetti 2032' }).waitFor();
    const pots = page.getByTestId('budgeting-pots');
    expect(await pots.locator('li').count()).toBe(2);
    await pots.locator('li', { hasText: a.nameFi }).filter({ hasText: '60 000 €' }).waitFor();
    await pots.locator('li', { hasText: b.nameFi }).filter({ hasText: '40 000 €' }).waitFor();
    await page.getByText('Toimialoittain').waitFor();
    await page.getByText('Valitse enintään 2 suunnitelmaa').waitFor();
    await page.close();
  });

  it('the form makes a budget-line round and shows each line’s pot as it is typed', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await openAs('/budgeting/rounds/new', OFFICIAL);
    await page.getByLabel('Nimi suomeksi').fill('Puistomäärärahasta 2032');
    await page.getByLabel('Kokonaisbudjetti (€)').fill('50000');
    await page.getByLabel('Jakotapa').selectOption('budget_line');
    await page.getByLabel('Talousarviorivi 1').fill('Puistojen kunnossapito');
    await page.getByLabel('Rivin määräraha 1 (€)').fill('1000000');
    await page.getByLabel('Osuus 1 (%)').fill('2,5');
    await page
      .getByTestId('budgeting-round-line-pot')
      .getByText(/Potti: 25\s000\s€/)
      .waitFor();
    for (const [phase, day] of Object.entries(PHASE_DAYS)) {
      await page.locator(`#budgeting-round-phase-${phase}`).fill(`${day.replace('2031', '2033')}T12:00`);
    }
    await page.getByRole('button', { name: 'Avaa kierros' }).click();
    await page.waitForURL(/\/budgeting\/rounds\/\d+$/);
    const pots = page.getByTestId('budgeting-pots');
    await pots.locator('li', { hasText: 'Puistojen kunnossapito' }).filter({ hasText: '25 000 €' }).waitFor();
    await pots.getByText(/2,5|2\.5/).waitFor();
    await page.close();
  });
});
