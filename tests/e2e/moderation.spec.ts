/**
 * Moderation against the built app: a visitor and a resident have reported an idea and a comment
 * (written into the app's database before it starts, through the same services the API uses); a
 * moderator opens the queue from the navigation, hides the idea with a public reason and dismisses
 * the other report; anyone else is told the page is for moderators. Also the ideas' time filter.
 * Waits on DOM and URL state — never on time.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { submitIdea } from '../../server/src/ideas/ideas.service.js';
import { addComment, report } from '../../server/src/ideas/participation.service.js';
import { screenshot, seriousViolations } from './support/app.js';
import { e2eApp, seedAccount, signIn } from './support/session.js';

const MODERATOR = { email: 'moderaattori@hel.fi', password: 'moderaattorin-salasana', name: 'Maija Moderaattori' };
const RESIDENT = { email: 'asukas@example.test', password: 'asukkaan-salasana', name: 'Aino Asukas' };

const ADVERT = 'Halpoja aurinkolaseja tästä';
const BENCHES = 'Penkkejä Tuomiokirkon portaille';
const OLD = 'Kirjastoauto Kruununhakaan';
const COMMENT = 'Tämä kommentti on asiaton';
const seeded = { advert: 0, benches: 0 };

async function seed(knex: Knex) {
  await seedAccount(knex, MODERATOR, { roles: ['moderator'] });
  const residentId = await seedAccount(knex, RESIDENT, { roles: ['resident'] });
  const idea = (title: string) =>
    submitIdea(
      knex,
      { title, description: `${title}.`, themes: ['community'], geometry: { type: 'Point', coordinates: [24.9522, 60.1704] } },
      { userId: residentId },
    );
  const old = await idea(OLD);
  await knex.raw(`UPDATE ideas SET submitted_at = '2026-02-15T10:00:00Z' WHERE id = ?`, [old.id]);
  seeded.advert = (await idea(ADVERT)).id;
  seeded.benches = (await idea(BENCHES)).id;
  const comment = await addComment(knex, seeded.benches, residentId, { body: COMMENT });
  // In this order, so the comment's report is the newer one.
  await report(knex, { targetType: 'idea', targetId: seeded.advert, reason: 'Mainos, ei idea' }, null);
  await report(knex, { targetType: 'comment', targetId: comment.id, reason: 'Loukkaava sävy' }, residentId);
}

const e2e = e2eApp({ database: { prefix: 'moderation', seed } });

describe('moderation', () => {
  it('a moderator hides a reported idea and dismisses a report from the queue', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/');
    await signIn(page, MODERATOR);
    await page.getByRole('navigation', { name: 'Osiot' }).getByRole('link', { name: 'Moderointi' }).click();
    await page.waitForURL(/\/moderation/);
    await page.getByRole('heading', { name: 'Ilmoitukset moderoitavaksi' }).waitFor();

    // Newest first, each with what was reported, why, when and by whom.
    const reports = page.getByTestId('moderation-report');
    await reports.nth(1).waitFor();
    expect(await reports.count()).toBe(2);
    const [comment, advert] = [reports.nth(0), reports.nth(1)];
    const commentText = await comment.innerText();
    expect(commentText).toContain(`Kommentti ideassa ${BENCHES}`);
    expect(commentText).toContain(COMMENT);
    expect(commentText).toContain('Loukkaava sävy');
    expect(commentText).toContain(RESIDENT.name);
    const advertText = await advert.innerText();
    expect(advertText).toContain('Mainos, ei idea');
    expect(advertText).toContain('vierailija');
    expect(await advert.getByRole('link', { name: ADVERT }).getAttribute('href')).toBe(`/ideas/${seeded.advert}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'moderation-queue');

    // Hide the idea with a public reason: its report leaves the queue.
    await advert.getByRole('button', { name: 'Piilota idea' }).click();
    await advert.getByLabel('Piilottamisen syy (näytetään julkisesti)').fill('Kaupallinen mainos');
    await advert.getByRole('button', { name: 'Piilota', exact: true }).click();
    await page
      .getByTestId('moderation-handled')
      .filter({ hasText: `Piilotettu: ${ADVERT}.` })
      .waitFor();
    await page.getByRole('link', { name: ADVERT }).waitFor({ state: 'detached' });
    expect(await reports.count()).toBe(1);

    // Dismiss the other: the queue is empty, and stays so when read again from the server.
    await reports.first().getByRole('button', { name: 'Hylkää ilmoitus' }).click();
    await page.getByTestId('moderation-empty').filter({ hasText: 'Ei avoimia ilmoituksia.' }).waitFor();
    expect(await reports.count()).toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.reload();
    await page.getByTestId('moderation-empty').waitFor();
    await page.close();

    // Everyone sees why the idea was hidden; the dismissed comment stays.
    const visitor = await e2e.open(`/ideas/${seeded.advert}`);
    await visitor.getByText('Moderaattori piilotti idean: Kaupallinen mainos').waitFor();
    await visitor.goto(`${e2e.app.url}/ideas/${seeded.benches}`);
    await visitor.getByText(COMMENT).waitFor();
    await visitor.close();
  });

  it('tells a resident and a visitor that the queue is for moderators, and shows them no link to it', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/moderation');
    const notAllowed = page.getByTestId('moderation-not-allowed');
    await notAllowed.getByRole('link', { name: 'Kirjaudu' }).waitFor();
    await signIn(page, RESIDENT);
    await notAllowed.getByText('Moderointi on vain moderaattoreille ja ylläpitäjille.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Osiot' }).getByRole('link', { name: 'Moderointi' }).count()).toBe(0);
    expect(await page.getByTestId('moderation-queue').count()).toBe(0);
    await page.close();
  });

  it('filters ideas by submission date, in the URL and the exports', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await e2e.open('/ideas');
    const list = page.locator('#idea-list');
    await list.getByRole('link', { name: new RegExp(OLD) }).waitFor();
    await list.getByRole('link', { name: new RegExp(BENCHES) }).waitFor();

    await page.getByRole('group', { name: 'Jätetty aikavälillä' }).getByLabel('Alkaen').fill('2026-06-01');
    await page.waitForURL(/[?&]from=2026-06-01/);
    await screenshot(page, 'ideas-time-filter');
    await list.getByRole('link', { name: new RegExp(OLD) }).waitFor({ state: 'detached' });
    await list.getByRole('link', { name: new RegExp(BENCHES) }).waitFor();
    const exportHref = await list.getByRole('link', { name: 'kartan alue (CSV)' }).getAttribute('href');
    expect(new URLSearchParams(exportHref!.split('?')[1]).get('from')).toBe('2026-06-01');

    // Up to the old idea's day only: just that one (the day itself is included).
    await page.getByRole('group', { name: 'Jätetty aikavälillä' }).getByLabel('Alkaen').fill('2026-02-01');
    await page.getByRole('group', { name: 'Jätetty aikavälillä' }).getByLabel('Asti').fill('2026-02-15');
    await page.waitForURL(/[?&]to=2026-02-15/);
    await list.getByRole('link', { name: new RegExp(OLD) }).waitFor();
    await list.getByRole('link', { name: new RegExp(BENCHES) }).waitFor({ state: 'detached' });
    await page.close();
  });
});
