/**
 * Departments and themes as data: an admin adds, renames, recolours and deletes them, and the rest
 * of the app (public lists, activity filters, idea submission) takes a new row at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertActivity } from '../../server/src/activities/activities.repository.js';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import type { Department, Theme } from '../../server/src/contracts/activities.js';
import type { AuditResponse } from '../../server/src/contracts/users.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

let db: TestDatabase;
let server: TestServer;
let admin: TestAgent;
let official: TestAgent;
let visitor: TestAgent;
let areaId: number;

const HARBOUR = { slug: 'satama', nameFi: 'Satamatoimiala', nameSv: 'Hamnsektorn', nameEn: 'Harbour Division', color: '#00aa88' };
const SEASIDE = { slug: 'meren-aari', nameFi: 'Meren ääri', nameSv: 'Vid havet', nameEn: 'By the sea' };
const FILTER = `/api/activities?department=${HARBOUR.slug}&theme=${SEASIDE.slug}`;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const departments = async (): Promise<Department[]> => json(await visitor.get('/api/departments'), 200);
const themes = async (): Promise<Theme[]> => json(await visitor.get('/api/themes'), 200);
const del = (agent: TestAgent, path: string) => agent.request('DELETE', path);
const idea = (themeSlugs: string[]) =>
  visitor.post('/api/ideas', { title: 'Laituri uimareille', description: 'Uimalaituri rantaan.', themes: themeSlugs, areaId });

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12, rateLimits: 'idea.ip=1000/1h' } });
  admin = new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['admin'] })));
  official = new TestAgent(
    server.url,
    await createTestSession(db.knex, await createTestAccount(db.knex, { roles: ['official'], departments: ['kymp'] })),
  );
  visitor = new TestAgent(server.url);
  const { rows } = await db.knex.raw(`SELECT id FROM areas WHERE level = 'osa_alue' ORDER BY id LIMIT 1`);
  areaId = rows[0].id;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('departments and themes managed by admins', () => {
  it('adds a department and a theme that the public lists, the filters and idea submission take at once', async () => {
    // Before the rows exist the same filter and the same idea are refused, naming what is unknown.
    const unknown = await json(await visitor.get(FILTER), 400);
    expect(unknown.error.message).toMatch(/theme: unknown theme\(s\): meren-aari/);
    expect((await json(await idea([SEASIDE.slug]), 400)).error.message).toMatch(/unknown theme\(s\): meren-aari/);
    const lastThemeOrder = Math.max(
      ...(await json(await admin.get('/api/admin/reference-data'), 200)).themes.map((t: { sortOrder: number }) => t.sortOrder),
    );

    const dept = await json(await admin.post('/api/admin/departments', HARBOUR), 201);
    expect(dept).toMatchObject({ ...HARBOUR, color: '#00AA88', uses: { activities: 0, ideas: 0, officials: 0 } });
    const theme = await json(await admin.post('/api/admin/themes', SEASIDE), 201);
    expect(theme).toMatchObject(SEASIDE);
    expect(theme.sortOrder).toBeGreaterThan(lastThemeOrder); // without an order, last

    expect((await departments()).find((d) => d.slug === HARBOUR.slug)).toEqual({
      id: dept.id,
      slug: 'satama',
      nameFi: 'Satamatoimiala',
      nameSv: 'Hamnsektorn',
      nameEn: 'Harbour Division',
      color: '#00AA88',
    });
    expect((await themes()).at(-1)).toEqual({
      id: theme.id,
      slug: 'meren-aari',
      nameFi: 'Meren ääri',
      nameSv: 'Vid havet',
      nameEn: 'By the sea',
    });

    const { id } = await upsertActivity(db.knex, {
      department: HARBOUR.slug,
      kind: 'project',
      status: 'ongoing',
      titleFi: 'Uusi uimalaituri',
      themes: [SEASIDE.slug],
      source: 'reference-data-test',
      sourceId: 'laituri',
      geometry: { type: 'Point', coordinates: [24.956, 60.158] },
    });
    const found = await json(await visitor.get(FILTER), 200);
    expect(found.features.map((f: { id: number }) => f.id)).toEqual([id]);
    expect(found.features[0].properties).toMatchObject({
      department: 'satama',
      departmentColor: '#00AA88',
      themes: ['meren-aari'],
    });
    const submitted = await json(await idea([SEASIDE.slug]), 201);
    expect((await json(await visitor.get(`/api/ideas/${submitted.id}`), 200)).properties.themes).toEqual([SEASIDE.slug]);
  });

  it('shows a rename and a new colour in the public lists, and empties a name with null', async () => {
    const dept = await json(
      await admin.patch(`/api/admin/departments/${HARBOUR.slug}`, {
        nameFi: 'Satamien toimiala',
        color: '#112233',
        nameEn: null,
      }),
      200,
    );
    expect(dept).toMatchObject({
      slug: 'satama',
      nameFi: 'Satamien toimiala',
      nameSv: 'Hamnsektorn',
      nameEn: null,
      color: '#112233',
    });
    expect((await departments()).find((d) => d.slug === HARBOUR.slug)).toMatchObject({
      nameFi: 'Satamien toimiala',
      nameEn: null,
      color: '#112233',
    });
    expect((await json(await visitor.get(FILTER), 200)).features[0].properties.departmentColor).toBe('#112233');

    await json(await admin.patch(`/api/admin/themes/${SEASIDE.slug}`, { nameSv: 'Vid havsbandet', sortOrder: 0 }), 200);
    expect((await themes())[0]).toMatchObject({
      slug: 'meren-aari',
      nameFi: 'Meren ääri',
      nameSv: 'Vid havsbandet',
      nameEn: 'By the sea',
    });
    expect((await json(await admin.patch('/api/admin/themes/ei-ole', { nameFi: 'X' }), 404)).error.code).toBe('not_found');
  });

  it('refuses a taken slug (409), a bad colour, slug or missing Finnish name (400), and changes nothing', async () => {
    const before = [await departments(), await themes()];
    const taken = await json(await admin.post('/api/admin/departments', { ...HARBOUR, nameFi: 'Toinen' }), 409);
    expect(taken.error).toMatchObject({ code: 'already_exists', details: [{ path: ['slug'] }] });
    expect(taken.error.message).toMatch(/slug: a department with slug satama already exists/);
    expect((await json(await admin.post('/api/admin/themes', { slug: 'culture', nameFi: 'Kulttuuri 2' }), 409)).error.code).toBe(
      'already_exists',
    );

    for (const color of ['#12345', 'red', '#GGGGGG', '112233', '#1122334']) {
      const bad = await json(await admin.post('/api/admin/departments', { ...HARBOUR, slug: 'vari', color }), 400);
      expect(
        bad.error.details.map((d: { path: string[] }) => d.path[0]),
        color,
      ).toEqual(['color']);
      expect(bad.error.message).toMatch(/color must be a colour as #RRGGBB/);
    }
    expect(
      (await json(await admin.patch(`/api/admin/departments/${HARBOUR.slug}`, { color: 'blue' }), 400)).error.message,
    ).toMatch(/color/);
    expect(
      (await json(await admin.post('/api/admin/themes', { slug: 'Iso Kirjain', nameFi: 'Iso' }), 400)).error.message,
    ).toMatch(/^slug: /);
    expect(
      (await json(await admin.post('/api/admin/themes', { slug: 'nimeton', nameSv: 'Namnlös' }), 400)).error.message,
    ).toMatch(/nameFi/);
    expect(
      (await json(await admin.post('/api/admin/themes', { slug: 'html', nameFi: '<b>lihava</b>' }), 400)).error.message,
    ).toMatch(/nameFi: .*plain text/);
    expect((await json(await admin.patch(`/api/admin/themes/${SEASIDE.slug}`, { nameFi: null }), 400)).error.message).toMatch(
      /nameFi/,
    );
    expect(
      (await json(await admin.patch(`/api/admin/themes/${SEASIDE.slug}`, { slug: 'Uusi Nimi' }), 400)).error.message,
    ).toMatch(/^slug: /);
    expect(
      (await json(await admin.patch(`/api/admin/departments/${HARBOUR.slug}`, { slug: 'uusi' }), 400)).error.message,
    ).toMatch(/slug/);
    expect(
      (await json(await official.post('/api/admin/themes', { slug: 'virkailijan', nameFi: 'Virkailijan' }), 403)).error.code,
    ).toBe('forbidden');
    expect([await departments(), await themes()]).toEqual(before);
  });

  it('deletes only what nothing uses; a used one gets 409 saying what uses it', async () => {
    const usedTheme = await json(await del(admin, `/api/admin/themes/${SEASIDE.slug}`), 409);
    expect(usedTheme.error.code).toBe('in_use');
    expect(usedTheme.error.message).toMatch(/Theme meren-aari is in use by 1 activity, 1 idea/);
    expect(usedTheme.error.details.uses).toMatchObject({ activities: 1, ideas: 1 });
    const usedDept = await json(await del(admin, `/api/admin/departments/${HARBOUR.slug}`), 409);
    expect(usedDept.error.message).toMatch(/Department satama is in use by 1 activity/);

    // Uses by other datasets: a partnership table's themes and an official's membership.
    await json(await admin.post('/api/admin/themes', { slug: 'poytateema', nameFi: 'Pöytäteema' }), 201);
    await db.knex.raw(
      `WITH t AS (INSERT INTO partnership_tables (name, convener, geom) SELECT 'Rantapöytä', 'Kanslia', geom FROM areas WHERE id = ? RETURNING id)
       INSERT INTO partnership_table_themes (partnership_table_id, theme_id) SELECT t.id, th.id FROM t, themes th WHERE th.slug = 'poytateema'`,
      [areaId],
    );
    expect((await json(await del(admin, '/api/admin/themes/poytateema'), 409)).error.message).toMatch(
      /in use by 1 partnership table/,
    );
    await json(await admin.post('/api/admin/departments', { slug: 'laiturit', nameFi: 'Laiturit', color: '#445566' }), 201);
    await createTestAccount(db.knex, { roles: ['official'], departments: ['laiturit'] });
    expect((await json(await del(admin, '/api/admin/departments/laiturit'), 409)).error.message).toMatch(/in use by 1 official/);
    expect((await departments()).some((d) => d.slug === 'laiturit')).toBe(true);

    await json(await admin.post('/api/admin/themes', { slug: 'kertakaytto', nameFi: 'Kertakäyttö' }), 201);
    await json(
      await admin.post('/api/admin/departments', { slug: 'valiaikainen', nameFi: 'Väliaikainen', color: '#778899' }),
      201,
    );
    expect((await del(admin, '/api/admin/themes/kertakaytto')).status).toBe(204);
    expect((await del(admin, '/api/admin/departments/valiaikainen')).status).toBe(204);
    expect((await themes()).some((t) => t.slug === 'kertakaytto')).toBe(false);
    expect((await departments()).some((d) => d.slug === 'valiaikainen')).toBe(false);
    expect((await json(await visitor.get('/api/activities?theme=kertakaytto'), 400)).error.message).toMatch(/unknown theme/);
    expect((await del(admin, '/api/admin/themes/kertakaytto')).status).toBe(404);
  });

  it('records every change in the audit log with the values before and after', async () => {
    const log = async (q: string): Promise<AuditResponse> => json(await admin.get(`/api/admin/audit?${q}`), 200);
    const harbour = (await log('targetType=department&targetId=satama')).entries;
    expect(harbour.map((e) => e.action)).toEqual(['department.update', 'department.create']);
    expect(harbour[1].after).toEqual({
      slug: 'satama',
      nameFi: 'Satamatoimiala',
      nameSv: 'Hamnsektorn',
      nameEn: 'Harbour Division',
      color: '#00AA88',
      sortOrder: expect.any(Number),
    });
    expect(harbour[0].before).toMatchObject({ nameFi: 'Satamatoimiala', color: '#00AA88', nameEn: 'Harbour Division' });
    expect(harbour[0].after).toMatchObject({ nameFi: 'Satamien toimiala', color: '#112233', nameEn: null });
    const seaside = (await log('targetType=theme&targetId=meren-aari')).entries;
    expect(seaside.map((e) => e.action)).toEqual(['theme.update', 'theme.create']);
    expect(seaside[0].after).toMatchObject({ nameSv: 'Vid havsbandet', sortOrder: 0 });
    const deleted = (await log('action=theme.delete')).entries;
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({
      target: { type: 'theme', id: 'kertakaytto' },
      before: { nameFi: 'Kertakäyttö' },
      after: null,
    });
    expect((await log('action=department.delete')).entries.map((e) => e.target.id)).toEqual(['valiaikainen']);
  });
});
