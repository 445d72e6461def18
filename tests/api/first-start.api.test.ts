/**
 * First start on an empty database (the template: migrated, with districts) through the same
 * function main.ts calls: the demo story reaches ideas, Kehrä and partnership tables, the shared
 * playparks come in, a second start changes nothing, and `seed:demo:remove` leaves no demo row and
 * nothing pointing at one.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { SHARED_HELSINKI_DIR, SHARED_PLAYPARKS_DIR } from '../../server/src/config.js';
import { DEMO_GROUP_NAME, DEMO_OFFICIAL, DEMO_TABLE_NAME } from '../../server/src/seed/demo-network.js';
import { removeDemo, seedDemo } from '../../server/src/seed/demo-seed.js';
import { firstStart } from '../../server/src/seed/first-start.js';
import { createTestDatabase, type TestDatabase } from '../../server/src/test-support/test-db.js';
import { startTestServer, type TestServer } from '../../server/src/test-support/test-server.js';
import { testAreasSource } from '../../server/src/test-support/test-areas.js';

const playparksPresent = fs.existsSync(SHARED_PLAYPARKS_DIR);
const options = {
  areasSource: testAreasSource().source,
  playparksSource: playparksPresent ? SHARED_PLAYPARKS_DIR : null,
  demo: 'all' as const,
  statisticsSource: path.join(SHARED_HELSINKI_DIR, 'hki-paavo-stats'),
};

let db: TestDatabase;
let server: TestServer;

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 300)}`).toBe(200);
  return text;
};
const getJson = async (path: string) => JSON.parse(await get(path));

/**
 * Every table's content as one fingerprint each. Left out: the runs' own bookkeeping, and the tile
 * revision log, which statement triggers append to on every write statement, even one that changes no row.
 */
async function snapshot(): Promise<Record<string, string>> {
  const { rows } = await db.knex.raw(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('data_imports', 'tile_changes')
      ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { t } of rows as { t: string }[]) {
    const r = await db.knex.raw(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ?? x`,
      [t],
    );
    out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  return out;
}

interface DemoIdeaRow {
  id: number;
  stage: string;
  tracking_code: string;
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
  await firstStart(db.knex, options);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('first start on an empty database', () => {
  it('seeds ideas at four or more stages, each found by its tracking code with its public timeline', async () => {
    const { rows } = await db.knex.raw('SELECT id, stage, tracking_code FROM ideas WHERE is_demo ORDER BY id');
    const ideas = rows as DemoIdeaRow[];
    expect(new Set(ideas.map((i) => i.stage)).size).toBeGreaterThanOrEqual(4);
    for (const stage of ['submitted', 'connected', 'refining', 'decision', 'not_taken_forward'])
      expect(ideas.map((i) => i.stage)).toContain(stage);
    for (const idea of ideas) {
      const detail = await getJson(`/api/ideas/by-code/${idea.tracking_code}`);
      expect(detail.id).toBe(idea.id);
      expect(detail.properties.isDemo).toBe(true);
      // The timeline starts at submission and ends at the idea's stage, oldest first.
      expect(detail.timeline[0].to).toBe('submitted');
      expect(detail.timeline.at(-1).to).toBe(idea.stage);
      const times = detail.timeline.map((e: { at: string }) => e.at);
      expect([...times].sort()).toEqual(times);
      if (idea.stage === 'not_taken_forward') {
        expect(detail.properties.alternativeRoute).toBe('partnership_table');
        expect(detail.timeline.at(-1).reason).toBeTruthy();
      }
    }
    const list = await getJson('/api/ideas');
    expect(list.features.filter((f: { properties: { isDemo: boolean } }) => f.properties.isDemo)).toHaveLength(ideas.length);
  });

  it('seeds a Kehrä group with a drawn development area and a ranked plan of ideas', async () => {
    const groups = await getJson('/api/kehra/groups');
    const group = groups.find((g: { name: string }) => g.name === DEMO_GROUP_NAME);
    expect(group).toMatchObject({ isDemo: true, devAreaCount: 1 });
    const detail = await getJson(`/api/kehra/groups/${group.id}`);
    expect(detail.members.length).toBeGreaterThanOrEqual(3);
    const plan = await getJson(`/api/kehra/groups/${group.id}/plan`);
    expect(plan.goals.length).toBeGreaterThan(0);
    expect(plan.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3]);
  });

  it('seeds a partnership table with themes, a meeting with an agenda, and outcomes', async () => {
    const { rows } = await db.knex.raw('SELECT id FROM partnership_tables WHERE is_demo AND name = ?', [DEMO_TABLE_NAME]);
    const table = await getJson(`/api/partnership-tables/${rows[0].id}`);
    expect(table.isDemo).toBe(true);
    expect(table.themes.length).toBeGreaterThan(0);
    expect(table.meetings.length).toBeGreaterThanOrEqual(1);
    expect(table.meetings[0].agenda).not.toBe('');
    expect(table.outcomes.length).toBeGreaterThanOrEqual(1);
  });

  it.runIf(playparksPresent)('imports the playparks of the shared data', async () => {
    const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM activities WHERE source = 'servicemap'`);
    expect(rows[0].n).toBeGreaterThan(300);
  });

  it('shows no address of the demo official in public answers', async () => {
    const { rows } = await db.knex.raw('SELECT id FROM ideas WHERE is_demo');
    const group = (await getJson('/api/kehra/groups')).find((g: { name: string }) => g.name === DEMO_GROUP_NAME);
    const { rows: t } = await db.knex.raw('SELECT id FROM partnership_tables WHERE is_demo');
    const paths = [
      '/api/ideas',
      '/api/ideas.geojson',
      '/feeds/ideas.atom',
      `/api/kehra/groups/${group.id}`,
      `/api/partnership-tables/${t[0].id}`,
      ...rows.map((r: { id: number }) => `/api/ideas/${r.id}`),
    ];
    for (const p of paths) expect(await get(p), p).not.toContain(DEMO_OFFICIAL.email);
  });

  it('changes nothing when it runs again, nor does seed:demo', async () => {
    const before = await snapshot();
    await firstStart(db.knex, options);
    expect(await snapshot()).toEqual(before);
    expect(await seedDemo(db.knex)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: expect.any(Number),
      ideas: 0,
      kehraGroups: 0,
      partnershipTables: 0,
      spaces: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('removes every demo row, and what pointed at them, and does not come back', async () => {
    const removed = await removeDemo(db.knex);
    expect(removed).toMatchObject({ kehraGroups: 1, partnershipTables: 1, spaces: 8, accounts: 1 });
    expect(removed.ideas).toBeGreaterThanOrEqual(5);
    for (const table of ['activities', 'ideas', 'kehra_groups', 'partnership_tables', 'users']) {
      const { rows } = await db.knex.raw(`SELECT count(*)::int AS n FROM ?? WHERE is_demo`, [table]);
      expect(rows[0].n, table).toBe(0);
    }
    // Rows without a foreign key to what they are about.
    const { rows } = await db.knex.raw(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE actor_email IN ('seed:demo', ?)) AS audit,
              (SELECT count(*)::int FROM content_reports r WHERE r.target_type = 'idea'
                  AND NOT EXISTS (SELECT 1 FROM ideas i WHERE i.id = r.target_id)) AS reports,
              (SELECT count(*)::int FROM ideas) + (SELECT count(*)::int FROM idea_stage_events) AS ideas,
              (SELECT count(*)::int FROM kehra_members) + (SELECT count(*)::int FROM kehra_dev_areas)
                + (SELECT count(*)::int FROM kehra_plan_items) + (SELECT count(*)::int FROM kehra_plan_goals) AS kehra,
              (SELECT count(*)::int FROM partnership_table_meetings) + (SELECT count(*)::int FROM partnership_table_outcomes)
                + (SELECT count(*)::int FROM partnership_table_participants) AS tables,
              (SELECT count(*)::int FROM users WHERE email = ?) AS official`,
      [DEMO_OFFICIAL.email, DEMO_OFFICIAL.email],
    );
    expect(rows[0]).toEqual({ audit: 0, reports: 0, ideas: 0, kehra: 0, tables: 0, official: 0 });
    if (playparksPresent) {
      const { rows: parks } = await db.knex.raw(`SELECT count(*)::int AS n FROM activities WHERE source = 'servicemap'`);
      expect(parks[0].n, 'the playparks are not demo data').toBeGreaterThan(300);
    }
    await firstStart(db.knex, options);
    const { rows: after } = await db.knex.raw('SELECT count(*)::int AS n FROM ideas');
    expect(after[0].n).toBe(0);
  });
});
