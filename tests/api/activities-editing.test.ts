/**
 * Officials manage their own department's activities: create, edit (geometry included) and remove,
 * against the real PostGIS. The areas an activity touches follow its geometry (a trigger keeps
 * them), other departments' officials are refused, bad input changes nothing, and every change
 * is in the audit log with what it was before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, createTestSession, TestAgent } from '../../server/src/auth/testing.js';
import type { ActivityDetail } from '../../server/src/contracts/activities.js';
import type { AuditResponse } from '../../server/src/contracts/users.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';

/** Helsinki Cathedral (Vironniemi) and Kallio church (Kallio). */
const CATHEDRAL = { type: 'Point', coordinates: [24.9522, 60.1704] };
const KALLIO_CHURCH = { type: 'Point', coordinates: [24.9497, 60.1841] };

let db: TestDatabase;
let server: TestServer;
let official: TestAgent;
let otherOfficial: TestAgent;
let admin: TestAgent;
let resident: TestAgent;
let visitor: TestAgent;
let vironniemi: number;
let kallio: number;
let activityId: number;

const json = async (res: Response, status: number) => {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : null;
};
const areaId = async (level: string, name: string) => {
  const { rows } = await db.knex.raw('SELECT id FROM areas WHERE level = ? AND lower(name_fi) = lower(?)', [level, name]);
  expect(rows).toHaveLength(1);
  return rows[0].id as number;
};
const detail = async (id: number): Promise<ActivityDetail> => json(await visitor.get(`/api/activities/${id}`), 200);
const areaNames = (d: ActivityDetail) => d.properties.areas.map((a) => a.nameFi);
/** Ids of the activities GET /api/activities lists for a query. */
const listed = async (query: string) =>
  ((await json(await visitor.get(`/api/activities?${query}`), 200)).features as { id: number }[]).map((f) => f.id);
const activityCount = async () => (await db.knex.raw('SELECT count(*)::int AS n FROM activities')).rows[0].n as number;
const auditOf = async (id: number) =>
  ((await json(await admin.get(`/api/admin/audit?targetType=activity&targetId=${id}`), 200)) as AuditResponse).entries;

const newActivity = {
  department: 'kymp',
  kind: 'construction',
  status: 'planned',
  titleFi: 'Unioninkadun katutyöt',
  titleSv: 'Gatuarbeten på Unionsgatan',
  descriptionFi: 'Kadun pinta uusitaan.',
  startsAt: '2030-05-01',
  endsAt: '2030-09-30',
  themes: ['traffic-streets', 'safety'],
  contact: 'Kaupunkiympäristön asiakaspalvelu',
  url: 'https://www.hel.fi/katutyot',
  geometry: CATHEDRAL,
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db, { auth: { scryptLogN: 12 } });
  vironniemi = await areaId('peruspiiri', 'Vironniemi');
  kallio = await areaId('peruspiiri', 'Kallio');
  const agent = async (input: Parameters<typeof createTestAccount>[1]) =>
    new TestAgent(server.url, await createTestSession(db.knex, await createTestAccount(db.knex, input)));
  official = await agent({ roles: ['official'], departments: ['kymp'] });
  otherOfficial = await agent({ roles: ['official'], departments: ['kasko'] });
  admin = await agent({ roles: ['admin'] });
  resident = await agent({ roles: ['resident'] });
  visitor = new TestAgent(server.url);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('an official creates an activity of their department', () => {
  it('is stored with source official and a generated id, listed, and placed in its areas', async () => {
    const created = (await json(await official.post('/api/activities', newActivity), 201)) as ActivityDetail;
    activityId = created.id;
    const p = created.properties;
    expect(p).toMatchObject({
      department: 'kymp',
      kind: 'construction',
      status: 'planned',
      titleFi: newActivity.titleFi,
      titleSv: newActivity.titleSv,
      titleEn: null,
      startsAt: '2030-05-01T00:00:00Z',
      endsAt: '2030-09-30T00:00:00Z',
      themes: ['traffic-streets', 'safety'],
      url: newActivity.url,
      source: 'official',
    });
    expect(p.sourceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(areaNames(created)).toEqual(expect.arrayContaining(['Vironniemi', 'Eteläinen']));
    expect(areaNames(created)).not.toContain('Kallio');

    expect(await listed(`area=${vironniemi}`)).toContain(activityId);
    expect(await listed('department=kymp&theme=safety')).toContain(activityId);
    expect(await listed(`area=${kallio}`)).not.toContain(activityId);
  });

  it('refuses a department the official does not belong to, visitors and residents', async () => {
    const before = await activityCount();
    const other = await json(await official.post('/api/activities', { ...newActivity, department: 'kasko' }), 403);
    expect(other.error.code).toBe('out_of_scope');
    expect((await resident.post('/api/activities', newActivity)).status).toBe(403);
    expect((await visitor.post('/api/activities', newActivity)).status).toBe(401);
    const unknown = await json(await official.post('/api/activities', { ...newActivity, department: 'nosuch' }), 400);
    expect(unknown.error.message).toMatch(/^department:/);
    expect(await activityCount()).toBe(before);
  });

  it('refuses bad geometry, unknown themes and an end before the start with 400 naming the field', async () => {
    const before = await activityCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ geometry: { type: 'Point', coordinates: [18.07, 59.33] } }, 'geometry', /outside the city/],
      [
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [24.95, 60.17],
                [24.96, 60.18],
                [24.96, 60.17],
                [24.95, 60.18],
                [24.95, 60.17],
              ],
            ],
          },
        },
        'geometry',
        /not valid/,
      ],
      [
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [24.8, 60.15],
                [25.1, 60.15],
                [25.1, 60.3],
                [24.8, 60.3],
                [24.8, 60.15],
              ],
            ],
          },
        },
        'geometry',
        /km²/,
      ],
      [{ themes: ['culture', 'no-such-theme'] }, 'themes', /unknown theme\(s\): no-such-theme/],
      [{ startsAt: '2030-05-01', endsAt: '2030-04-30' }, 'endsAt', /endsAt must not be before startsAt/],
      [{ titleFi: '<b>Katutyöt</b>' }, 'titleFi', /plain text/],
      [{ url: 'javascript:alert(1)' }, 'url', /web address/],
    ];
    for (const [change, field, message] of cases) {
      const body = await json(await official.post('/api/activities', { ...newActivity, ...change }), 400);
      expect(body.error.message, field).toMatch(message);
      expect(
        body.error.details.map((d: { path: string[] }) => d.path[0]),
        field,
      ).toContain(field);
    }
    expect(await activityCount()).toBe(before);
  });
});

describe('editing an activity', () => {
  it('moves its areas with its geometry, and the area filter follows', async () => {
    const edited = (await json(
      await official.patch(`/api/activities/${activityId}`, { geometry: KALLIO_CHURCH, status: 'ongoing' }),
      200,
    )) as ActivityDetail;
    expect(edited.geometry).toEqual(KALLIO_CHURCH);
    expect(edited.properties.status).toBe('ongoing');
    expect(edited.properties.titleFi).toBe(newActivity.titleFi);
    expect(areaNames(edited)).toContain('Kallio');
    expect(areaNames(edited)).not.toContain('Vironniemi');
    expect(await listed(`area=${kallio}`)).toContain(activityId);
    expect(await listed(`area=${vironniemi}`)).not.toContain(activityId);
  });

  it('refuses an official of another department and changes nothing', async () => {
    const before = await detail(activityId);
    const patch = await json(await otherOfficial.patch(`/api/activities/${activityId}`, { titleFi: 'Kaapattu' }), 403);
    expect(patch.error.code).toBe('out_of_scope');
    expect((await json(await otherOfficial.request('DELETE', `/api/activities/${activityId}`), 403)).error.code).toBe(
      'out_of_scope',
    );
    expect((await resident.patch(`/api/activities/${activityId}`, { titleFi: 'Kaapattu' })).status).toBe(403);
    // Nor may the own official hand the activity to a department they do not belong to.
    expect((await json(await official.patch(`/api/activities/${activityId}`, { department: 'kasko' }), 403)).error.code).toBe(
      'out_of_scope',
    );
    expect(await detail(activityId)).toEqual(before);
  });

  it('refuses bad geometry, unknown themes and an end before the (stored) start, changing nothing', async () => {
    const before = await detail(activityId);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        {
          geometry: {
            type: 'LineString',
            coordinates: [
              [24.95, 60.17],
              [24.96, 60.18],
              [24.96, 60.17],
              [24.95, 60.18],
            ],
          },
        },
        'geometry',
        /crosses itself/,
      ],
      [{ geometry: { type: 'Point', coordinates: [18.07, 59.33] } }, 'geometry', /outside the city/],
      [{ themes: ['nope'] }, 'themes', /unknown theme/],
      [{ endsAt: '2030-01-01' }, 'endsAt', /endsAt must not be before startsAt/],
      [{ startsAt: '2031-01-01' }, 'endsAt', /endsAt must not be before startsAt/],
      [{}, 'request', /at least one field/],
    ];
    for (const [change, field, message] of cases) {
      const body = await json(await official.patch(`/api/activities/${activityId}`, change), 400);
      expect(body.error.message, field).toMatch(message);
    }
    expect((await official.patch('/api/activities/999999', { titleFi: 'Ei ole' })).status).toBe(404);
    expect(await detail(activityId)).toEqual(before);
  });

  it('lets an admin edit any department’s activity; null empties an optional field', async () => {
    const edited = (await json(
      await admin.patch(`/api/activities/${activityId}`, {
        titleFi: 'Unioninkadun ja Kallion katutyöt',
        titleSv: null,
        themes: ['traffic-streets'],
        endsAt: null,
      }),
      200,
    )) as ActivityDetail;
    expect(edited.properties).toMatchObject({
      titleFi: 'Unioninkadun ja Kallion katutyöt',
      titleSv: null,
      themes: ['traffic-streets'],
      endsAt: null,
    });
    expect(await listed('theme=safety')).not.toContain(activityId);
  });
});

describe('removing an activity', () => {
  it('deletes it for everyone, and the audit log has the whole story', async () => {
    expect((await official.request('DELETE', `/api/activities/${activityId}`)).status).toBe(204);
    expect((await visitor.get(`/api/activities/${activityId}`)).status).toBe(404);
    expect(await listed(`area=${kallio}`)).not.toContain(activityId);
    expect((await official.request('DELETE', `/api/activities/${activityId}`)).status).toBe(404);

    const entries = await auditOf(activityId);
    // Newest first: delete, the admin's edit, the official's edit, the creation (refused ones left no entry).
    expect(entries.map((e) => e.action)).toEqual(['activity.delete', 'activity.update', 'activity.update', 'activity.create']);
    const [deleted, adminEdit, geometryEdit, created] = entries;
    expect(created.after).toMatchObject({ titleFi: newActivity.titleFi, geometry: CATHEDRAL, source: 'official' });
    expect(created.before).toBeNull();
    expect(geometryEdit.before).toMatchObject({ geometry: CATHEDRAL, status: 'planned' });
    expect(geometryEdit.after).toMatchObject({ geometry: KALLIO_CHURCH, status: 'ongoing' });
    expect(adminEdit.before).toMatchObject({ titleSv: newActivity.titleSv });
    expect(adminEdit.after).toMatchObject({ titleSv: null, titleFi: 'Unioninkadun ja Kallion katutyöt' });
    expect(deleted.before).toMatchObject({ titleFi: 'Unioninkadun ja Kallion katutyöt', geometry: KALLIO_CHURCH });
    expect(deleted.after).toBeNull();
  });
});
