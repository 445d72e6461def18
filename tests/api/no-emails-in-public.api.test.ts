/**
 * No public response, export, feed or OGC item carries an account's e-mail address. A database
 * with every kind of account (officials, admins, moderators and Kehrä members without a display
 * name, as user:create used to make them) acting on every dataset is read through every public GET
 * route as a visitor, and each answer is searched for each account's address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../../server/src/auth/policy.js';
import { up as nameAccounts } from '../../server/src/db/migrations/20261202110000_display_names.js';
import { createTestAccount, createTestKehraGroup, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import { upsertSpaces } from '../../server/src/spaces/spaces.import.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startAuthServer, type AuthTestServer } from './auth-harness.js';

const CATHEDRAL = [24.9522, 60.1704];
const NEAR_CATHEDRAL = [24.9525, 60.1706];
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [24.95, 60.169],
      [24.955, 60.169],
      [24.955, 60.172],
      [24.95, 60.172],
      [24.95, 60.169],
    ],
  ],
};

let db: TestDatabase;
let server: AuthTestServer;
let visitor: TestAgent;
const ids: Record<string, number | string> = {};

const ok = async (res: Response, status = 200) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startAuthServer(db, { rateLimits: 'idea.ip=1000/1h' });
  const agent = async (email: string, input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { email, ...input })));
  const group = await createTestKehraGroup(db.knex, 'Sähköpostitestin Kehrä');
  const official = await agent('vuokko.virkailija@hel.example', { roles: ['official'], departments: ['kymp'] });
  const moderator = await agent('mikko.moderaattori@hel.example', { roles: ['moderator'] });
  await agent('aada.admin@hel.example', { roles: ['admin'] });
  const kehra = await agent('kerttu.kehra@hel.example', { roles: ['kehra'], kehraGroups: [group] });
  const resident = await agent('risto.asukas@example.test', { roles: ['resident'] });
  visitor = new TestAgent(server.url);

  const activity = await ok(
    await official.post('/api/activities', {
      department: 'kymp',
      kind: 'construction',
      status: 'planned',
      titleFi: 'Katutyö',
      startsAt: '2030-05-01',
      endsAt: '2030-06-01',
      geometry: { type: 'Point', coordinates: CATHEDRAL },
    }),
    201,
  );
  ids.activity = activity.id;

  const idea = (title: string, coordinates: number[]) =>
    resident.post('/api/ideas', {
      title,
      description: 'Kuvaus',
      themes: ['environment-climate'],
      geometry: { type: 'Point', coordinates },
    });
  const a = await ok(await idea('Penkki aukiolle', CATHEDRAL), 201);
  const b = await ok(await idea('Puu aukiolle', NEAR_CATHEDRAL), 201);
  const hidden = await ok(await idea('Piilotettava idea', NEAR_CATHEDRAL), 201);
  ids.idea = a.id;
  ids.code = a.trackingCode;
  ids.relatedIdea = b.id;
  ids.hiddenIdea = hidden.id;
  // The official takes the neighbouring ideas: the "active people" of idea a then name them.
  await ok(await official.post(`/api/ideas/${b.id}/responsibility`));
  await ok(await official.post(`/api/ideas/${hidden.id}/stage`, { to: 'connected', reason: 'Yhdistetty' }));
  await ok(await resident.post(`/api/ideas/${a.id}/comments`, { body: 'Hyvä idea' }), 201);
  await ok(await resident.post(`/api/ideas/${a.id}/participants`, { message: 'Mukana' }), 204);
  await ok(await resident.post('/api/reports', { targetType: 'idea', targetId: hidden.id, reason: 'Kaksoiskappale' }), 201);
  await ok(await moderator.post(`/api/moderation/ideas/${hidden.id}/hide`, { reason: 'Kaksoiskappale' }), 204);

  ids.group = group;
  const area = await ok(
    await kehra.post(`/api/kehra/groups/${group}/areas`, { name: 'Aukion kehitys', status: 'idea', geometry: SQUARE }),
    201,
  );
  ids.devArea = area.id ?? area.properties?.id;
  await ok(await kehra.patch(`/api/kehra/areas/${ids.devArea}`, { status: 'planning' }));
  await ok(await kehra.post(`/api/kehra/groups/${group}/plan/items`, { ideaId: a.id }), 201);

  const { rows } = await db.knex.raw(`SELECT id FROM areas WHERE level = 'peruspiiri' AND name_fi = 'Vironniemi'`);
  ids.area = rows[0].id;
  const table = await ok(
    await official.post('/api/partnership-tables', { name: 'Vironniemen pöytä', convener: 'Kymp', areaId: ids.area }),
    201,
  );
  ids.table = table.id;
  await ok(
    await official.post(`/api/partnership-tables/${table.id}/participants`, { name: 'Julkinen', sector: 'city', public: true }),
    201,
  );
  await ok(
    await official.post(`/api/partnership-tables/${table.id}/meetings`, { startsAt: '2030-01-15T17:00:00Z', place: 'Kirjasto' }),
    201,
  );
  // A budgeting round open for proposals now, with the idea entered by the official.
  const day = 86_400_000;
  const phase = (i: number) => new Date(Date.now() + (i - 0.5) * 30 * day).toISOString();
  const round = await ok(
    await official.post('/api/budgeting/rounds', {
      nameFi: 'Julkinen kierros',
      purpose: 'allocating_funds',
      totalEur: 10_000,
      ballot: { type: 'knapsack' },
      allocation: { way: 'project', projects: [{ nameFi: 'Hanke', amountEur: 10_000 }] },
      phases: Object.fromEntries(
        ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'].map((p, i) => [p, phase(i)]),
      ),
    }),
    201,
  );
  ids.round = round.id;
  // A shared space with a booking a resident asked for and an official confirmed: the calendar shows neither of them.
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' }));
  [ids.space] = await upsertSpaces(db.knex, 'test', [
    {
      sourceId: 'mail-test',
      nameFi: 'Sähköpostitestin tila',
      kind: 'meeting_room',
      lon: CATHEDRAL[0],
      lat: CATHEDRAL[1],
      address: 'Testikatu 1',
      capacity: 20,
      openHours: everyDay,
      department: 'kymp',
    },
  ]);
  const start = Math.floor(Date.now() / day + 3) * day + 12 * 3_600_000;
  const booking = await ok(
    await resident.post(`/api/spaces/${ids.space}/bookings`, {
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
      purpose: 'Kerhon kokous',
      attendees: 8,
    }),
    201,
  );
  await ok(await official.post(`/api/spaces/${ids.space}/bookings/${booking.id}/decision`, { decision: 'confirm' }));
  await ok(await official.post(`/api/budgeting/rounds/${round.id}/proposals`, { ideaId: a.id }), 201);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** Every public GET route, with the concrete requests that read it. */
const PUBLIC_READS: Record<string, () => string[]> = {
  '/api/health': () => ['/api/health'],
  '/api/config': () => ['/api/config'],
  '/api/auth/me': () => ['/api/auth/me'],
  '/api/departments': () => ['/api/departments'],
  '/api/themes': () => ['/api/themes'],
  '/api/areas': () => ['/api/areas?level=peruspiiri'],
  '/api/areas.csv': () => ['/api/areas.csv?level=suurpiiri'],
  '/api/areas.geojson': () => ['/api/areas.geojson?level=suurpiiri'],
  '/api/areas/statistics': () => ['/api/areas/statistics?level=peruspiiri&figure=population'],
  '/api/areas/statistics.csv': () => ['/api/areas/statistics.csv?level=suurpiiri'],
  '/api/areas/:id/statistics': () => [`/api/areas/${ids.area}/statistics`],
  '/api/areas/locate': () => [`/api/areas/locate?lon=${CATHEDRAL[0]}&lat=${CATHEDRAL[1]}`],
  '/api/search': () => ['/api/search?q=ka', '/api/search?q=virkailija', '/api/search?q=hel.example'],
  '/api/basemap/land': () => ['/api/basemap/land'],
  '/api/activities': () => ['/api/activities'],
  '/api/activities.csv': () => ['/api/activities.csv'],
  '/api/activities.geojson': () => ['/api/activities.geojson'],
  '/api/activities/clusters': () => ['/api/activities/clusters?bbox=24.9,60.1,25,60.2&zoom=10'],
  '/api/activities/:id': () => [`/api/activities/${ids.activity}`],
  '/api/overlaps': () => [`/api/overlaps?area=${ids.area}`],
  '/api/ideas': () => ['/api/ideas', '/api/ideas?format=csv'],
  '/api/ideas.csv': () => ['/api/ideas.csv'],
  '/api/ideas.geojson': () => ['/api/ideas.geojson'],
  '/api/ideas/:id': () => [ids.idea, ids.relatedIdea, ids.hiddenIdea].map((id) => `/api/ideas/${id}`),
  '/api/ideas/by-code/:code': () => [`/api/ideas/by-code/${ids.code}`],
  '/api/ideas/:id/comments': () => [`/api/ideas/${ids.idea}/comments`],
  '/api/ideas/:id/participation': () => [`/api/ideas/${ids.idea}/participation`],
  '/api/kehra': () => ['/api/kehra'],
  '/api/kehra.csv': () => ['/api/kehra.csv'],
  '/api/kehra.geojson': () => ['/api/kehra.geojson'],
  '/api/kehra/groups': () => ['/api/kehra/groups'],
  '/api/kehra/groups/:id': () => [`/api/kehra/groups/${ids.group}`],
  '/api/kehra/groups/:id/plan': () => [`/api/kehra/groups/${ids.group}/plan`],
  '/api/kehra/groups/:id/plan/candidates': () => [`/api/kehra/groups/${ids.group}/plan/candidates`],
  '/api/kehra/areas/:id': () => [`/api/kehra/areas/${ids.devArea}`],
  '/api/kehra/areas/:id/versions': () => [`/api/kehra/areas/${ids.devArea}/versions`],
  '/api/who-is-active': () => [`/api/who-is-active?lon=${CATHEDRAL[0]}&lat=${CATHEDRAL[1]}`],
  '/api/partnership-tables': () => ['/api/partnership-tables'],
  '/api/partnership-tables.csv': () => ['/api/partnership-tables.csv'],
  '/api/partnership-tables.geojson': () => ['/api/partnership-tables.geojson'],
  '/api/partnership-tables/meetings': () => ['/api/partnership-tables/meetings?from=2029-01-01'],
  '/api/partnership-tables/:id': () => [`/api/partnership-tables/${ids.table}`],
  '/api/budgeting/plans': () => ['/api/budgeting/plans', '/api/budgeting/plans?format=csv'],
  '/api/budgeting/plans.csv': () => ['/api/budgeting/plans.csv'],
  '/api/budgeting/plans.geojson': () => ['/api/budgeting/plans.geojson'],
  '/api/budgeting/results': () => ['/api/budgeting/results', '/api/budgeting/results?format=csv'],
  '/api/budgeting/results.csv': () => ['/api/budgeting/results.csv'],
  '/api/budgeting/results.geojson': () => ['/api/budgeting/results.geojson'],
  '/api/budgeting/rounds': () => ['/api/budgeting/rounds'],
  '/api/budgeting/rounds/:id': () => [`/api/budgeting/rounds/${ids.round}`],
  '/api/budgeting/rounds/:id/proposals': () => [`/api/budgeting/rounds/${ids.round}/proposals`],
  '/api/budgeting/rounds/:id/plans': () => [`/api/budgeting/rounds/${ids.round}/plans`],
  '/api/budgeting/rounds/:id/results': () => [`/api/budgeting/rounds/${ids.round}/results`],
  '/api/spaces': () => ['/api/spaces', '/api/spaces?format=csv'],
  '/api/spaces.csv': () => ['/api/spaces.csv'],
  '/api/spaces.geojson': () => ['/api/spaces.geojson'],
  '/api/spaces/:id': () => [`/api/spaces/${ids.space}`],
  '/api/spaces/:id/calendar.ics': () => [`/api/spaces/${ids.space}/calendar.ics`],
  '/tiles/:dataset.json': () => ['/tiles/activities.json', '/tiles/ideas.json'],
  // z14 around the cathedral: labels are in the tile from there on.
  '/tiles/:dataset/:z/:x/:y.mvt': () => ['/tiles/activities/14/9327/4742.mvt', '/tiles/ideas/14/9327/4742.mvt'],
  '/feeds/ideas.atom': () => ['/feeds/ideas.atom', `/feeds/ideas.atom?area=${ids.area}`],
  '/feeds/activities.atom': () => ['/feeds/activities.atom'],
  '/feeds/events.ics': () => ['/feeds/events.ics', '/feeds/events.ics?from=2029-01-01'],
  '/ogc/': () => ['/ogc/'],
  '/ogc/conformance': () => ['/ogc/conformance'],
  '/ogc/api': () => ['/ogc/api'],
  '/ogc/collections': () => ['/ogc/collections'],
  '/ogc/collections/:cid': () =>
    ['activities', 'ideas', 'kehra', 'partnership-tables', 'budgeting-plans', 'budgeting-results', 'spaces'].map(
      (c) => `/ogc/collections/${c}`,
    ),
  '/ogc/collections/:cid/items': () =>
    ['activities', 'ideas', 'kehra', 'partnership-tables', 'budgeting-plans', 'budgeting-results', 'spaces'].map(
      (c) => `/ogc/collections/${c}/items`,
    ),
  '/ogc/collections/:cid/queryables': () =>
    ['activities', 'ideas', 'kehra', 'partnership-tables', 'budgeting-plans', 'budgeting-results', 'spaces'].map(
      (c) => `/ogc/collections/${c}/queryables`,
    ),
  '/ogc/collections/:cid/items/:fid': () => [
    `/ogc/collections/activities/items/${ids.activity}`,
    `/ogc/collections/ideas/items/${ids.idea}`,
    `/ogc/collections/kehra/items/${ids.devArea}`,
    `/ogc/collections/partnership-tables/items/${ids.table}`,
    `/ogc/collections/spaces/items/${ids.space}`,
  ],
};
/** GET routes that are not public (signed-in roles only) or only redirect. */
const NOT_PUBLIC = new Set([
  '/api/admin/users',
  '/api/admin/users/:id',
  '/api/admin/audit',
  '/api/admin/departments',
  '/api/admin/kehra-groups',
  '/api/admin/reference-data',
  '/api/moderation/reports',
  '/api/notifications',
  // The signed-in voter's own ballot (private, no-store): never a visitor's read.
  '/api/budgeting/rounds/:id/pots/:potId/ballot',
  // A person's own bookings and the requests an official decides (these name the requester).
  '/api/spaces/bookings/mine',
  '/api/spaces/bookings/requests',
  '/api/spaces/:id/bookings',
  '/api/auth/oidc/login',
  '/api/auth/oidc/callback',
]);

describe('account e-mail addresses', () => {
  it('appear in no public response, export, feed or OGC item', async () => {
    const emails = ((await db.knex.raw('SELECT email FROM users')).rows as { email: string }[]).map((r) => r.email.toLowerCase());
    expect(emails.length).toBeGreaterThanOrEqual(5);

    const gets = listRoutes(server.app)
      .filter(
        (r) =>
          r.method === 'GET' &&
          !NOT_PUBLIC.has(r.path) &&
          !r.path.startsWith('/assets') &&
          r.path !== '/' &&
          !r.path.includes('*'),
      )
      .map((r) => r.path);
    const uncovered = gets.filter((p) => !PUBLIC_READS[p]);
    expect(uncovered, 'a public GET route this test does not read: add it to PUBLIC_READS').toEqual([]);

    const leaks: string[] = [];
    for (const path of gets) {
      for (const url of PUBLIC_READS[path]()) {
        const res = await visitor.get(url);
        const text = (await res.text()).toLowerCase();
        expect([200, 404], `${url}: ${text.slice(0, 200)}`).toContain(res.status);
        for (const e of emails) if (text.includes(e)) leaks.push(`${url} carries ${e}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the ideas an official is responsible for show them by a name, not the address', async () => {
    const detail = await ok(await visitor.get(`/api/ideas/${ids.idea}`));
    const text = JSON.stringify(detail);
    expect(text).not.toContain('vuokko.virkailija');
    expect(text).toContain('Helsingin kaupunki');
  });

  it('are not how the display-name migration names existing accounts, and no display name can be one', async () => {
    // As before the migration: no check yet, accounts of public roles without a name or named by their address.
    await db.knex.raw('ALTER TABLE users DROP CONSTRAINT users_display_name_not_email');
    const nameless = await createTestAccount(db.knex, {
      email: 'ville.virkailija@hel.example',
      roles: ['official'],
      departments: ['kymp'],
    });
    const byAddress = await createTestAccount(db.knex, {
      email: 'maija.mod@hel.example',
      roles: ['moderator'],
      displayName: 'maija.mod@hel.example',
    });
    const resident = await createTestAccount(db.knex, {
      email: 'rami@example.test',
      roles: ['resident'],
      displayName: 'rami@example.test',
    });
    const named = await createTestAccount(db.knex, {
      email: 'kaisa@hel.example',
      roles: ['official'],
      departments: ['kymp'],
      displayName: 'Kaisa K',
    });
    await nameAccounts(db.knex);

    const { rows } = await db.knex.raw('SELECT id, email, display_name FROM users WHERE id = ANY(?) ORDER BY id', [
      [nameless, byAddress, resident, named],
    ]);
    const names = Object.fromEntries((rows as { id: number; display_name: string | null }[]).map((r) => [r.id, r.display_name]));
    expect(names[nameless]).toBe(`Virkailija ${nameless}`);
    expect(names[byAddress]).toBe(`Käyttäjä ${byAddress}`);
    expect(names[resident]).toBeNull();
    expect(names[named]).toBe('Kaisa K');
    // The names given reveal nothing of the address.
    for (const r of (rows as { id: number; email: string; display_name: string | null }[]).filter((r) => r.id !== named)) {
      expect((r.display_name ?? '').toLowerCase()).not.toContain(r.email.split('@')[0].split('.')[0]);
    }
    await expect(db.knex.raw('UPDATE users SET display_name = ? WHERE id = ?', ['kaisa@hel.example', named])).rejects.toThrow(
      /users_display_name_not_email/,
    );
  });
});
