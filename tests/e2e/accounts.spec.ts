/**
 * Accounts against the built app: sign up, the mailed verification link (read from the console
 * mailer's output), sign in, profile, sign out; an admin granting a role, seen in the user table
 * and the audit log; and an axe pass on the account pages. Waits on elements and URLs only.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config.js';
import { expectNoSeriousViolations, screenshot, seriousViolations, withPatience, type Page } from './support/app.js';
import { e2eApp } from './support/session.js';

const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-e2e' };
const RESIDENT = { email: `resident-${process.pid}@e2e.test`, name: 'Riikka Asukas', password: 'resident-password-e2e' };

/** The first admin, made as operators do: `npm run user:create -- --role admin --password-stdin`. */
function createAdmin(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repoRoot, 'scripts/user-create.ts'),
        '--email',
        ADMIN.email,
        '--role',
        'admin',
        '--name',
        'Aino Admin',
        '--password-stdin',
      ],
      { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`user:create failed (${code}):\n${output}`))));
    child.stdin.end(`${ADMIN.password}\n`);
  });
}

const e2e = e2eApp({ start: { beforeStart: createAdmin } });

async function newPage(): Promise<Page> {
  const context = await e2e.browser.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fi-FI' });
  const page = withPatience(await context.newPage());
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  return page;
}

/** The newest link to `page` mailed to `to`, from the console mailer's lines in the app's output. */
async function mailedLink(to: string, pagePath: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+/${pagePath}\\?token=[A-Za-z0-9_%-]+`);
  for (let i = 0; ; i++) {
    const lines = e2e.app.logs();
    const from = lines.map((l) => l.includes(`[mail] to ${to}`)).lastIndexOf(true);
    const link =
      from >= 0
        ? lines
            .slice(from)
            .find((l) => pattern.test(l))
            ?.match(pattern)?.[0]
        : undefined;
    // On this origin: the mail says localhost, the harness serves 127.0.0.1 (cookies differ per host).
    if (link) return `${e2e.app.url}${new URL(link).pathname}${new URL(link).search}`;
    if (i > 100) throw new Error(`No ${pagePath} link mailed to ${to}:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100)); // polling the log is the readiness signal here
  }
}

async function signIn(page: Page, who: { email: string; password: string }, returnTo = '') {
  await page.goto(`${e2e.app.url}/signin${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
  await page.getByLabel('Sähköpostiosoite').fill(who.email);
  await page.getByLabel(/^Salasana/).fill(who.password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
}

describe('accounts', () => {
  it('signs up, verifies the e-mail address, signs in, shows the profile and signs out', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage();
    await page.goto(`${e2e.app.url}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Kirjaudu' }).click();
    await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
    await page.getByRole('link', { name: /Luo tili/ }).click();
    await page.waitForURL(/\/signup/);

    await page.getByLabel('Sähköpostiosoite').fill(RESIDENT.email);
    await page.getByLabel(/^Nimi/).fill(RESIDENT.name);
    await page.getByLabel(/^Uusi salasana\W*$/).fill('too-short');
    await page.getByLabel(/^Uusi salasana uudelleen/).fill('too-short');
    await page.getByRole('button', { name: 'Luo tili' }).click();
    // Checked before sending, in the reader's language, tied to the field and focused.
    const password = page.getByLabel(/^Uusi salasana\W*$/);
    await page.getByText('Salasanassa on oltava vähintään 10 merkkiä.').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);

    await password.fill(RESIDENT.password);
    await page.getByLabel(/^Uusi salasana uudelleen/).fill(RESIDENT.password);
    await page.getByRole('button', { name: 'Luo tili' }).click();
    await page.getByTestId('signup-done').getByText(RESIDENT.email).waitFor();

    // Not verified yet: the server says so, and the page offers a new link.
    await signIn(page, RESIDENT);
    await page
      .getByTestId('signin-error')
      .getByText(/ei ole vielä vahvistettu/)
      .waitFor();
    await page.getByRole('button', { name: 'Lähetä vahvistuslinkki uudelleen' }).waitFor();

    await page.goto(await mailedLink(RESIDENT.email, 'verify-email'));
    await page.getByTestId('verify-result').getByText('Sähköpostiosoite on vahvistettu').waitFor();

    await signIn(page, RESIDENT);
    await page.waitForURL(/\/profile$/);
    const facts = page.getByTestId('profile-facts');
    await facts.getByText(RESIDENT.email).waitFor();
    expect(await facts.innerText()).toContain(RESIDENT.name);
    expect(await facts.innerText()).toContain('Asukas');
    const account = page.getByRole('banner').getByRole('button', { name: new RegExp(RESIDENT.name) });
    await account.waitFor();

    // The header's menu: profile, no admin entry for a resident, sign out.
    await account.click();
    await page.getByRole('banner').getByRole('link', { name: 'Oma profiili' }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Käyttäjähallinta' }).count()).toBe(0);
    await page.getByRole('banner').getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByRole('banner').getByRole('link', { name: 'Kirjaudu' }).waitFor();
    await page.goto(`${e2e.app.url}/profile`);
    await page.getByText('Et ole kirjautunut sisään.').waitFor();
    await page.close();
  });

  it('tells a wrong password apart, and keeps non-admins out of /admin', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage();
    await signIn(page, { email: RESIDENT.email, password: 'not-the-password' });
    await page.getByTestId('signin-error').getByText('Sähköpostiosoite tai salasana on väärin.').waitFor();

    await signIn(page, RESIDENT, '/admin');
    await page.waitForURL(/\/admin$/);
    await page.getByTestId('admin-not-allowed').getByText('Käyttäjähallinta on vain ylläpitäjille.').waitFor();
    await page.close();
  });

  it('an admin grants the official role for a department; the table and the audit log show it', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.waitForURL(/\/profile$/);
    await page.getByTestId('profile-facts').getByText(ADMIN.email).waitFor();
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Aino Admin/ })
      .click();
    await page.getByRole('banner').getByRole('link', { name: 'Käyttäjähallinta' }).click();
    await page.getByRole('heading', { name: 'Käyttäjät ja roolit' }).waitFor();

    await page.getByLabel(/^Hae käyttäjää/).fill('resident-');
    await page.getByRole('button', { name: 'Hae', exact: true }).click();
    const users = page.getByTestId('admin-users');
    await users.getByText(/1 käyttäjä haulla/).waitFor();
    const row = users.getByRole('row').filter({ hasText: RESIDENT.email });
    expect(await row.innerText()).not.toContain('Virkailija');

    await row.getByRole('button', { name: `Muokkaa käyttäjää ${RESIDENT.email}` }).click();
    const editor = page.getByTestId('admin-editor');
    await editor.getByRole('heading', { name: `Muokkaa käyttäjää ${RESIDENT.email}` }).waitFor();
    // Choosing a department picks the official role too (the server requires both together).
    await editor.getByLabel('Kaupunkiympäristön toimiala').check();
    expect(await editor.getByLabel('Virkailija').isChecked()).toBe(true);
    await editor.getByRole('button', { name: 'Tallenna muutokset' }).click();
    await page.getByTestId('admin-editor-saved').waitFor();

    await row.filter({ hasText: 'Virkailija' }).filter({ hasText: 'Kaupunkiympäristön toimiala' }).waitFor();
    const entry = page
      .getByTestId('admin-audit')
      .getByRole('row')
      .filter({ hasText: 'Roolit muutettu' })
      .filter({ hasText: ADMIN.email })
      .first();
    await entry.waitFor();
    const cells = await entry.getByRole('cell').allInnerTexts();
    expect(cells[3]).toMatch(/Roolit: Asukas/); // before
    expect(cells[4]).toMatch(/Roolit: .*Virkailija/); // after
    expect(cells[4]).toMatch(/Toimialat: kymp/);

    // The resident sees the new role on the profile at the next sign-in.
    const resident = await newPage();
    await signIn(resident, RESIDENT);
    await resident.getByTestId('profile-facts').getByText('Kaupunkiympäristön toimiala').waitFor();
    await resident.close();
    await page.close();
  });

  it('an admin invites an official by e-mail; the invitee sets a password and signs in as the official', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const invitee = { email: `kutsuttu-${process.pid}@e2e.test`, name: 'Kaisa Kutsuttu', password: 'kutsuttu-password-e2e' };
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.waitForURL(/\/profile$/);
    await page.goto(`${e2e.app.url}/admin`);
    const form = page.getByTestId('admin-invite');
    await form.getByRole('heading', { name: 'Kutsu virkailija tai muu käyttäjä' }).waitFor();
    // Nothing filled: the form says what is missing, in Finnish, and sends nothing.
    await form.getByRole('button', { name: 'Lähetä kutsu' }).click();
    await form.getByText('Anna sähköpostiosoite muodossa').waitFor();
    await form.getByText('Valitse vähintään yksi rooli.').waitFor();

    await form.getByLabel(/^Sähköpostiosoite/).fill(invitee.email);
    await form.getByLabel(/^Näyttönimi/).fill(invitee.name);
    await form.getByLabel('Kaupunkiympäristön toimiala').check();
    expect(await form.getByLabel('Virkailija').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Lähetä kutsu' }).click();
    await form.getByText(`${invitee.name} (${invitee.email}) sai linkin`).waitFor();
    await page
      .getByTestId('admin-users')
      .getByRole('row')
      .filter({ hasText: invitee.email })
      .filter({ hasText: 'Virkailija' })
      .waitFor();
    await expectNoSeriousViolations(page, 'admin with the invitation sent');
    await screenshot(page, 'admin-invite');

    const welcome = await newPage();
    await welcome.goto(await mailedLink(invitee.email, 'accept-invitation'));
    await welcome.getByRole('heading', { name: 'Tervetuloa: aseta salasanasi' }).waitFor();
    await welcome
      .getByLabel(/^Uusi salasana/)
      .first()
      .fill(invitee.password);
    await welcome.getByLabel(/^Uusi salasana uudelleen/).fill(invitee.password);
    await welcome.getByRole('button', { name: 'Tallenna salasana' }).click();
    await welcome.getByText('Salasana asetettu').waitFor();
    await signIn(welcome, invitee);
    await welcome.waitForURL(/\/profile$/);
    const facts = welcome.getByTestId('profile-facts');
    await facts.getByText('Kaupunkiympäristön toimiala').waitFor();
    expect(await facts.innerText()).toContain(invitee.name);
    await welcome.close();
    await page.close();
  });

  it('has no serious or critical axe violations on sign-in, profile and admin', async (ctx) => {
    if (!e2e.ready) return ctx.skip();
    const page = await newPage();
    await page.goto(`${e2e.app.url}/signin`);
    await page.getByRole('heading', { name: 'Kirjaudu sisään' }).waitFor();
    expect(await seriousViolations(page), 'sign-in').toEqual([]);

    await signIn(page, ADMIN);
    await page.waitForURL(/\/profile$/);
    await page.getByTestId('profile-facts').getByText(ADMIN.email).waitFor();
    expect(await seriousViolations(page), 'profile').toEqual([]);

    await page.goto(`${e2e.app.url}/admin`);
    await page.getByTestId('admin-users').getByText(ADMIN.email).waitFor();
    await page.getByTestId('admin-audit').getByRole('row').nth(1).waitFor();
    await page
      .getByTestId('admin-users')
      .getByRole('button', { name: `Muokkaa käyttäjää ${RESIDENT.email}` })
      .click();
    await page.getByTestId('admin-editor').waitFor();
    expect(await seriousViolations(page), 'admin').toEqual([]);
    await page.close();
  });
});
