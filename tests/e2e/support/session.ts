import type { Knex } from 'knex';
import { afterAll, beforeAll } from 'vitest';
import { systemActor } from '../../../server/src/audit/audit.service.js';
import { hashPassword } from '../../../server/src/auth/passwords.js';
import type { Role } from '../../../server/src/contracts/auth.js';
import { createOrGrant } from '../../../server/src/users/users.service.js';
import { appDatabase } from './app-database.js';
import { openBrowser, startApp, type Page } from './app.js';
import { MAP, openMapPage } from './map.js';

type App = Awaited<ReturnType<typeof startApp>>;
type BrowserHandle = NonNullable<Awaited<ReturnType<typeof openBrowser>>>;

export interface E2eApp {
  /** False when there is no Chromium: the spec's tests skip. */
  readonly ready: boolean;
  readonly app: App;
  readonly browser: BrowserHandle;
  /** A new page at the app's `pathname`, once the map has drawn its layers. */
  open(pathname: string): Promise<Page>;
}

/**
 * One spec's app and browser, started in beforeAll and stopped in afterAll. With `database`, the
 * app gets a database of its own that `seed` fills before it starts (PGlite allows one process).
 */
export function e2eApp(
  opts: {
    database?: { prefix: string; seed: (knex: Knex) => Promise<unknown> };
    start?: Parameters<typeof startApp>[0];
    /** For a big seed: how long start-up may take (ms), beyond the config's hookTimeout. */
    startTimeout?: number;
  } = {},
): E2eApp {
  let app: App | undefined;
  let browser: BrowserHandle | null = null;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    if (!browser) return;
    const start = { ...opts.start };
    if (opts.database) {
      const database = await appDatabase(opts.database.prefix, opts.database.seed);
      cleanups.push(database.cleanup);
      start.env = { ...database.env, ...start.env };
    }
    app = await startApp(start);
  }, opts.startTimeout);

  afterAll(async () => {
    await browser?.browser.close();
    await app?.stop();
    for (const c of cleanups.reverse()) await c();
  });

  return {
    get ready() {
      return !!browser && !!app;
    },
    get app() {
      if (!app) throw new Error('The app is not running');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('No browser');
      return browser;
    },
    open(pathname: string) {
      return openMapPage(() => this.browser.newPage(), `${this.app.url}${pathname}`);
    },
  };
}

export interface Credentials {
  email: string;
  password: string;
}

/** An account with a password, written into a spec's database before the app starts. Returns its id. */
export async function seedAccount(
  knex: Knex,
  who: Credentials & { name: string },
  grants: { roles: Role[]; departments?: string[]; kehraGroups?: number[] },
): Promise<number> {
  const { user } = await createOrGrant(knex, systemActor('e2e'), {
    email: who.email,
    displayName: who.name,
    // Low cost: hashing is not what these tests are about.
    passwordHash: await hashPassword(who.password, 15),
    roles: grants.roles,
    departments: grants.departments ?? [],
    kehraGroups: grants.kehraGroups ?? [],
  });
  return user.id;
}

/** Signs the page in with the session cookie, as the sign-in page would, and reloads it as that account. */
export async function signIn(page: Page, who: Credentials): Promise<void> {
  const status = await page.evaluate(async ({ email, password }) => {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return res.status;
  }, who);
  if (status !== 200) throw new Error(`Signing in as ${who.email} answered HTTP ${status}`);
  await page.reload();
  await page.locator(`${MAP}[data-map-ready="true"]`).waitFor({ timeout: 60_000 });
}
