/**
 * THE ROLE × ROUTE TABLE. Every write route of the app (POST/PUT/PATCH/DELETE, declared with
 * writeRoute() from server/src/auth/policy.ts) needs one row here; auth-matrix.test.ts fails
 * for a route without a row, for a row without a route, and for a write route declared without
 * a policy. A row says which actors the route lets through (everyone else must get 401 as a
 * visitor or 403) and how to make a concrete request: path parameters filled in and a sample body
 * whose fields the hostile-input test overwrites. Scoped routes put their resource in the "own"
 * department/Kehrä group, so `official`/`kehra` pass and `officialOtherDepartment`/
 * `kehraOtherGroup` must get 403.
 */
import type { Knex } from 'knex';

export const ACTORS = [
  'visitor',
  'resident',
  'official',
  'officialOtherDepartment',
  'kehra',
  'kehraOtherGroup',
  'moderator',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

export interface MatrixContext {
  knex: Knex;
  /** Department slugs: officials belong to `own`, the other official to `other`. */
  departments: { own: string; other: string };
  kehraGroups: { own: number; other: number };
  /** A plain resident whom admin routes act on. */
  targetUserId: number;
  /** A submitted idea nobody has taken yet. */
  ideaId: number;
  /** Some area id. */
  areaId: number;
  /** A unique suffix per request, for e-mail addresses and names. */
  unique(): string;
}

export interface MatrixRequest {
  path: string;
  /** Sample body; its fields are the ones the hostile test fills with hostile values. */
  body?: Record<string, unknown>;
}

export interface MatrixRow {
  /** "METHOD /api/path" exactly as declared with writeRoute (path parameters as :name). */
  route: string;
  allowed: readonly Actor[] | 'everyone' | 'accounts';
  request(ctx: MatrixContext): MatrixRequest | Promise<MatrixRequest>;
  /**
   * Fields of free text, stored as given (an SQL-looking comment is a valid comment): the hostile
   * test leaves them valid and attacks the rest of the request instead.
   */
  textFields?: string[];
  /** A known hole the owning feature must fix; its hostile-input test is skipped and listed. */
  knownGap?: string;
}

const PASSWORD = 'matriisi-salasana-1';
const SIGNED_IN: readonly Actor[] = ACTORS.filter((a) => a !== 'visitor');
const MODERATORS: readonly Actor[] = ['moderator', 'admin'];
const ADMINS: readonly Actor[] = ['admin'];
/** Idea stage and responsibility: the idea belongs to the own department (taken in the test's setup). */
const OFFICIALS: readonly Actor[] = ['official'];
/** Kehrä routes: members of the own group (the other group's get out_of_scope) and admins. */
const KEHRA: readonly Actor[] = ['kehra', 'admin'];
/** Setting up a partnership table: any official (for their own department) and admins. */
const TABLE_CONVENERS: readonly Actor[] = ['official', 'officialOtherDepartment', 'admin'];
/**
 * Editing one: officials of its convening (own) department, its organiser (the official who set it
 * up; the fixture has none) and admins; the other department's official gets out_of_scope.
 */
const TABLE_KEEPERS: readonly Actor[] = ['official', 'admin'];
/** Participatory budgeting is the city's work across departments: any official and admins. */
const BUDGETING_OFFICIALS: readonly Actor[] = ['official', 'officialOtherDepartment', 'admin'];
/** Activities: officials of the activity's (own) department and admins. */
const ACTIVITY_KEEPERS: readonly Actor[] = ['official', 'admin'];
/** A space's requests: officials of its (own) department and admins. */
const SPACE_OFFICIALS: readonly Actor[] = ['official', 'admin'];

export const MATRIX: MatrixRow[] = [
  // ---- accounts (server/src/auth/auth.routes.ts) ----
  {
    route: 'POST /api/auth/signup',
    allowed: 'everyone',
    request: (c) => ({
      path: '/api/auth/signup',
      body: { email: `m${c.unique()}@example.test`, password: PASSWORD, displayName: 'Matriisi' },
    }),
  },
  {
    route: 'POST /api/auth/verify',
    allowed: 'everyone',
    request: () => ({ path: '/api/auth/verify', body: { token: 'A'.repeat(43) } }),
  },
  {
    route: 'POST /api/auth/verify/resend',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/auth/verify/resend', body: { email: `m${c.unique()}@example.test` } }),
  },
  {
    route: 'POST /api/auth/login',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/auth/login', body: { email: `m${c.unique()}@example.test`, password: PASSWORD } }),
  },
  { route: 'POST /api/auth/logout', allowed: 'everyone', request: () => ({ path: '/api/auth/logout' }) },
  { route: 'POST /api/auth/logout-all', allowed: 'accounts', request: () => ({ path: '/api/auth/logout-all' }) },
  {
    route: 'POST /api/auth/password-reset/request',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/auth/password-reset/request', body: { email: `m${c.unique()}@example.test` } }),
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    allowed: 'everyone',
    request: () => ({ path: '/api/auth/password-reset/confirm', body: { token: 'A'.repeat(43), password: PASSWORD } }),
  },
  {
    route: 'POST /api/auth/invitation/accept',
    allowed: 'everyone',
    request: () => ({ path: '/api/auth/invitation/accept', body: { token: 'A'.repeat(43), password: PASSWORD } }),
  },
  {
    route: 'POST /api/auth/password',
    allowed: 'accounts',
    request: () => ({ path: '/api/auth/password', body: { currentPassword: 'not-the-password', newPassword: PASSWORD } }),
  },
  {
    route: 'PUT /api/auth/language',
    allowed: 'accounts',
    request: () => ({ path: '/api/auth/language', body: { language: 'fi' } }),
  },

  // ---- admin (server/src/users/admin-users.routes.ts) ----
  {
    route: 'PUT /api/admin/users/:id/roles',
    allowed: ADMINS,
    request: (c) => ({
      path: `/api/admin/users/${c.targetUserId}/roles`,
      body: { roles: ['resident'], departments: [], kehraGroups: [] },
    }),
  },
  {
    route: 'PATCH /api/admin/users/:id/roles',
    allowed: ADMINS,
    request: (c) => ({
      path: `/api/admin/users/${c.targetUserId}/roles`,
      body: { addRoles: ['moderator'], displayName: 'Matriisin moderaattori' },
    }),
  },
  {
    route: 'PATCH /api/admin/users/:id',
    allowed: ADMINS,
    request: (c) => ({ path: `/api/admin/users/${c.targetUserId}`, body: { disabled: false } }),
  },
  {
    route: 'POST /api/admin/users/invitations',
    allowed: ADMINS,
    request: (c) => ({
      path: '/api/admin/users/invitations',
      body: { email: `kutsu${c.unique()}@example.test`, displayName: `Kutsuttu ${c.unique()}`, roles: ['moderator'] },
    }),
    textFields: ['displayName'],
  },
  {
    route: 'POST /api/admin/kehra-groups',
    allowed: ADMINS,
    request: (c) => ({ path: '/api/admin/kehra-groups', body: { name: `Kehrä ${c.unique()}` } }),
    textFields: ['name'],
  },

  // ---- departments and themes (server/src/reference-data/reference-data.routes.ts) ----
  {
    route: 'POST /api/admin/departments',
    allowed: ADMINS,
    request: (c) => ({
      path: '/api/admin/departments',
      body: { slug: `m-${c.unique()}`, nameFi: 'Matriisin toimiala', color: '#336699', sortOrder: 500 },
    }),
    textFields: ['nameFi'],
  },
  {
    route: 'PATCH /api/admin/departments/:slug',
    allowed: ADMINS,
    request: async (c) => ({
      path: `/api/admin/departments/${await referenceRow(c, 'departments')}`,
      body: { color: '#663399', sortOrder: 510 },
    }),
  },
  {
    route: 'DELETE /api/admin/departments/:slug',
    allowed: ADMINS,
    request: async (c) => ({ path: `/api/admin/departments/${await referenceRow(c, 'departments', c.unique())}` }),
  },
  {
    route: 'POST /api/admin/themes',
    allowed: ADMINS,
    request: (c) => ({ path: '/api/admin/themes', body: { slug: `m-${c.unique()}`, nameFi: 'Matriisin teema', sortOrder: 500 } }),
    textFields: ['nameFi'],
  },
  {
    route: 'PATCH /api/admin/themes/:slug',
    allowed: ADMINS,
    request: async (c) => ({
      path: `/api/admin/themes/${await referenceRow(c, 'themes')}`,
      body: { nameFi: 'Matriisin teema', sortOrder: 510 },
    }),
    textFields: ['nameFi'],
  },
  {
    route: 'DELETE /api/admin/themes/:slug',
    allowed: ADMINS,
    request: async (c) => ({ path: `/api/admin/themes/${await referenceRow(c, 'themes', c.unique())}` }),
  },

  // ---- ideas and participation (server/src/ideas/ideas.routes.ts) ----
  {
    route: 'POST /api/ideas',
    allowed: 'everyone',
    request: (c) => ({
      path: '/api/ideas',
      body: { title: 'Penkki puistoon', description: 'Lisää penkkejä.', themes: ['elderly'], areaId: c.areaId },
    }),
  },
  {
    route: 'POST /api/reports',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/reports', body: { targetType: 'idea', targetId: c.ideaId, reason: 'Asiaton' } }),
  },
  { route: 'POST /api/ideas/:id/votes', allowed: 'accounts', request: (c) => ({ path: `/api/ideas/${c.ideaId}/votes` }) },
  { route: 'DELETE /api/ideas/:id/votes', allowed: 'accounts', request: (c) => ({ path: `/api/ideas/${c.ideaId}/votes` }) },
  { route: 'PUT /api/ideas/:id/follow', allowed: 'accounts', request: (c) => ({ path: `/api/ideas/${c.ideaId}/follow` }) },
  { route: 'DELETE /api/ideas/:id/follow', allowed: 'accounts', request: (c) => ({ path: `/api/ideas/${c.ideaId}/follow` }) },
  {
    route: 'POST /api/ideas/:id/participants',
    allowed: 'accounts',
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/participants`, body: { message: 'Tulen mukaan' } }),
    textFields: ['message'],
  },
  {
    route: 'POST /api/ideas/:id/comments',
    allowed: 'accounts',
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/comments`, body: { body: 'Hyvä idea' } }),
    textFields: ['body'],
  },
  {
    route: 'PATCH /api/comments/:id',
    allowed: 'accounts',
    request: () => ({ path: '/api/comments/999999', body: { body: 'Muokattu' } }),
    textFields: ['body'],
  },
  { route: 'POST /api/notifications/read', allowed: 'accounts', request: () => ({ path: '/api/notifications/read' }) },
  {
    route: 'POST /api/ideas/:id/stage',
    allowed: OFFICIALS,
    request: (c) => ({
      path: `/api/ideas/${c.ideaId}/stage`,
      body: { to: 'connected', reason: 'Yhdistetty toimialan hankkeeseen' },
    }),
    textFields: ['reason'],
  },
  {
    route: 'POST /api/ideas/:id/responsibility',
    allowed: OFFICIALS,
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/responsibility` }),
  },
  {
    route: 'POST /api/moderation/ideas/:id/hide',
    allowed: MODERATORS,
    request: () => ({ path: '/api/moderation/ideas/999999/hide', body: { reason: 'Asiaton sisältö' } }),
  },
  {
    route: 'POST /api/moderation/comments/:id/hide',
    allowed: MODERATORS,
    request: () => ({ path: '/api/moderation/comments/999999/hide', body: { reason: 'Asiaton sisältö' } }),
  },
  {
    route: 'POST /api/moderation/reports/:id/dismiss',
    allowed: MODERATORS,
    request: () => ({ path: '/api/moderation/reports/999999/dismiss', body: {} }),
  },

  // ---- activities (server/src/activities/activities.routes.ts) ----
  {
    route: 'POST /api/overlaps',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/overlaps', body: { area: c.areaId } }),
  },
  {
    route: 'POST /api/activities',
    allowed: ACTIVITY_KEEPERS,
    request: (c) => ({
      path: '/api/activities',
      body: {
        department: c.departments.own,
        kind: 'event',
        status: 'planned',
        titleFi: 'Matriisin tapahtuma',
        themes: ['culture'],
        startsAt: '2030-01-01',
        geometry: POINT,
      },
    }),
    textFields: ['titleFi'],
  },
  {
    route: 'PATCH /api/activities/:id',
    allowed: ACTIVITY_KEEPERS,
    request: async (c) => ({
      path: `/api/activities/${await ownActivity(c, 'kept')}`,
      body: { status: 'ongoing', endsAt: '2031-01-01' },
    }),
  },
  {
    route: 'DELETE /api/activities/:id',
    allowed: ACTIVITY_KEEPERS,
    // A fresh activity each time: one removed by an actor must not turn the next one's 403 into 404.
    request: async (c) => ({ path: `/api/activities/${await ownActivity(c)}` }),
  },

  // ---- Kehrä groups (server/src/kehra/kehra.routes.ts): resources in the own group ----
  {
    route: 'POST /api/kehra/groups',
    allowed: ADMINS,
    request: (c) => ({ path: '/api/kehra/groups', body: { name: `Matriisin Kehrä ${c.unique()}` } }),
    textFields: ['name'],
  },
  {
    route: 'PATCH /api/kehra/groups/:id',
    allowed: KEHRA,
    request: (c) => ({ path: `/api/kehra/groups/${c.kehraGroups.own}`, body: { areaIds: [c.areaId] } }),
  },
  {
    route: 'POST /api/kehra/groups/:id/members',
    allowed: KEHRA,
    request: (c) => ({
      path: `/api/kehra/groups/${c.kehraGroups.own}/members`,
      body: { name: 'Matti Matriisi', sector: 'residents' },
    }),
    textFields: ['name'],
  },
  {
    route: 'PATCH /api/kehra/groups/:id/members/:memberId',
    allowed: KEHRA,
    request: async (c) => ({
      path: `/api/kehra/groups/${c.kehraGroups.own}/members/${await kehraMember(c)}`,
      body: { sector: 'city' },
    }),
  },
  {
    route: 'DELETE /api/kehra/groups/:id/members/:memberId',
    allowed: KEHRA,
    request: async (c) => ({ path: `/api/kehra/groups/${c.kehraGroups.own}/members/${await kehraMember(c)}` }),
  },
  {
    route: 'POST /api/kehra/groups/:id/areas',
    allowed: KEHRA,
    request: (c) => ({
      path: `/api/kehra/groups/${c.kehraGroups.own}/areas`,
      body: { name: 'Matriisin alue', status: 'idea', geometry: SQUARE },
    }),
    textFields: ['name'],
  },
  {
    route: 'PATCH /api/kehra/areas/:id',
    allowed: KEHRA,
    request: async (c) => ({ path: `/api/kehra/areas/${await kehraDevArea(c)}`, body: { status: 'active' } }),
  },
  {
    route: 'POST /api/kehra/areas/:id/restore',
    allowed: KEHRA,
    request: async (c) => ({ path: `/api/kehra/areas/${await kehraDevArea(c)}/restore`, body: { version: 1 } }),
  },
  {
    route: 'PUT /api/kehra/groups/:id/plan/goals',
    allowed: KEHRA,
    request: (c) => ({
      path: `/api/kehra/groups/${c.kehraGroups.own}/plan/goals`,
      body: { goals: [{ theme: 'community', goal: 'Kohtaamisia' }] },
    }),
  },
  {
    route: 'POST /api/kehra/groups/:id/plan/items',
    allowed: KEHRA,
    request: async (c) => {
      await kehraWorksInArea(c);
      return { path: `/api/kehra/groups/${c.kehraGroups.own}/plan/items`, body: { ideaId: c.ideaId } };
    },
  },
  {
    route: 'PATCH /api/kehra/groups/:id/plan/items/:ideaId',
    allowed: KEHRA,
    request: async (c) => {
      await kehraPlanItem(c);
      return { path: `/api/kehra/groups/${c.kehraGroups.own}/plan/items/${c.ideaId}`, body: { fundingStatus: 'applied' } };
    },
  },
  {
    route: 'DELETE /api/kehra/groups/:id/plan/items/:ideaId',
    allowed: KEHRA,
    request: async (c) => {
      await kehraPlanItem(c);
      return { path: `/api/kehra/groups/${c.kehraGroups.own}/plan/items/${c.ideaId}` };
    },
  },
  {
    route: 'PUT /api/kehra/groups/:id/plan/order',
    allowed: KEHRA,
    request: async (c) => {
      await kehraPlanItem(c);
      const { rows } = await c.knex.raw('SELECT idea_id FROM kehra_plan_items WHERE kehra_group_id = ? ORDER BY rank', [
        c.kehraGroups.own,
      ]);
      return {
        path: `/api/kehra/groups/${c.kehraGroups.own}/plan/order`,
        body: { ideaIds: rows.map((r: { idea_id: number }) => r.idea_id) },
      };
    },
  },

  // ---- partnership tables (server/src/partnership-tables/partnership-tables.routes.ts) ----
  {
    route: 'POST /api/partnership-tables',
    allowed: TABLE_CONVENERS,
    request: (c) => ({
      path: '/api/partnership-tables',
      body: { name: 'Matriisin pöytä', convener: 'Kanslia', areaId: c.areaId },
    }),
    textFields: ['name', 'convener'],
  },
  {
    route: 'PATCH /api/partnership-tables/:id',
    allowed: TABLE_KEEPERS,
    request: async (c) => ({ path: `/api/partnership-tables/${await partnershipTable(c)}`, body: { themes: ['culture'] } }),
  },
  {
    route: 'POST /api/partnership-tables/:id/participants',
    allowed: TABLE_KEEPERS,
    request: async (c) => ({
      path: `/api/partnership-tables/${await partnershipTable(c)}/participants`,
      body: { name: 'Pirjo', sector: 'city' },
    }),
    textFields: ['name'],
  },
  {
    route: 'DELETE /api/partnership-tables/:id/participants/:participantId',
    allowed: TABLE_KEEPERS,
    request: async (c) => {
      const table = await partnershipTable(c);
      const { rows } = await c.knex.raw(
        `INSERT INTO partnership_table_participants (table_id, name, sector) VALUES (?, 'Poistettava', 'city') RETURNING id`,
        [table],
      );
      return { path: `/api/partnership-tables/${table}/participants/${rows[0].id}` };
    },
  },
  {
    route: 'POST /api/partnership-tables/:id/meetings',
    allowed: TABLE_KEEPERS,
    request: async (c) => ({
      path: `/api/partnership-tables/${await partnershipTable(c)}/meetings`,
      body: { startsAt: '2030-01-15T17:00:00Z', place: 'Kirjasto' },
    }),
    textFields: ['place'],
  },
  {
    route: 'PATCH /api/partnership-tables/:id/meetings/:meetingId',
    allowed: TABLE_KEEPERS,
    request: async (c) => {
      const table = await partnershipTable(c);
      const { rows } = await c.knex.raw('SELECT id FROM partnership_table_meetings WHERE table_id = ? ORDER BY id LIMIT 1', [
        table,
      ]);
      return { path: `/api/partnership-tables/${table}/meetings/${rows[0].id}`, body: { startsAt: '2030-02-01T17:00:00Z' } };
    },
  },
  {
    route: 'POST /api/partnership-tables/:id/outcomes',
    allowed: TABLE_KEEPERS,
    request: async (c) => ({
      path: `/api/partnership-tables/${await partnershipTable(c)}/outcomes`,
      body: { route: 'savings', description: 'Säästö' },
    }),
    textFields: ['description'],
  },
  // ---- participatory budgeting (server/src/budgeting/budgeting.routes.ts) ----
  {
    route: 'POST /api/budgeting/rounds',
    allowed: BUDGETING_OFFICIALS,
    request: () => ({
      path: '/api/budgeting/rounds',
      body: {
        nameFi: 'Matriisin kierros',
        purpose: 'co_planning',
        totalEur: 1000,
        ballot: { type: 'knapsack' },
        allocation: { way: 'project', projects: [{ nameFi: 'Matriisin hanke', amountEur: 1000 }] },
        phases: BUDGETING_PHASES,
      },
    }),
    textFields: ['nameFi'],
  },
  {
    route: 'POST /api/budgeting/rounds/:id/proposals',
    allowed: 'accounts',
    request: async (c) => ({
      path: `/api/budgeting/rounds/${(await budgetingRound(c)).round}/proposals`,
      body: { ideaId: c.ideaId },
    }),
  },
  {
    route: 'POST /api/budgeting/rounds/:id/plans',
    allowed: BUDGETING_OFFICIALS,
    request: async (c) => ({
      path: `/api/budgeting/rounds/${(await budgetingRound(c)).round}/plans`,
      body: { title: 'Matriisin suunnitelma', ideaIds: [c.ideaId] },
    }),
    textFields: ['title'],
  },
  {
    route: 'PATCH /api/budgeting/plans/:planId',
    allowed: BUDGETING_OFFICIALS,
    request: async (c) => ({ path: `/api/budgeting/plans/${(await budgetingRound(c)).plan}`, body: { costEur: 500 } }),
  },
  {
    route: 'PUT /api/budgeting/rounds/:id/pots/:potId/ballot',
    allowed: 'accounts',
    request: async (c) => {
      const b = await budgetingRound(c);
      return {
        path: `/api/budgeting/rounds/${b.round}/pots/${b.pot}/ballot`,
        body: { planIds: [b.plan], declaration: { age: 30, residenceAreaId: c.areaId } },
      };
    },
  },
  {
    route: 'POST /api/budgeting/rounds/:id/pots/:potId/paper-ballots',
    allowed: BUDGETING_OFFICIALS,
    request: async (c) => {
      const b = await budgetingRound(c);
      return {
        path: `/api/budgeting/rounds/${b.round}/pots/${b.pot}/paper-ballots`,
        body: { paperRef: `m-${c.unique()}`, planIds: [b.plan], declaration: { age: 30, residenceAreaId: c.areaId } },
      };
    },
    textFields: ['paperRef'],
  },
  {
    route: 'POST /api/budgeting/rounds/:id/results',
    allowed: BUDGETING_OFFICIALS,
    request: async (c) => ({ path: `/api/budgeting/rounds/${(await budgetingRound(c)).round}/results` }),
  },
  {
    route: 'POST /api/budgeting/rounds/:id/rankings/kehra-groups/:groupId',
    allowed: KEHRA,
    request: async (c) => ({
      path: `/api/budgeting/rounds/${(await budgetingRound(c)).round}/rankings/kehra-groups/${c.kehraGroups.own}`,
    }),
  },
  {
    route: 'POST /api/budgeting/rounds/:id/rankings/partnership-tables/:tableId',
    allowed: TABLE_KEEPERS,
    request: async (c) => ({
      path: `/api/budgeting/rounds/${(await budgetingRound(c)).round}/rankings/partnership-tables/${await partnershipTable(c)}`,
    }),
  },
  {
    route: 'POST /api/budgeting/plans/:planId/implementation',
    allowed: ACTIVITY_KEEPERS,
    request: async (c) => ({
      path: `/api/budgeting/plans/${(await budgetingRound(c)).plan}/implementation`,
      body: { department: c.departments.own },
    }),
  },
  {
    route: 'POST /api/budgeting/plans/:planId/milestones',
    allowed: ACTIVITY_KEEPERS,
    request: async (c) => ({
      path: `/api/budgeting/plans/${(await implementedPlan(c)).plan}/milestones`,
      body: { titleFi: 'Matriisin välitavoite', date: '2045-06-01', done: false },
    }),
    textFields: ['titleFi'],
  },
  {
    route: 'PATCH /api/budgeting/plans/:planId/milestones/:milestoneId',
    allowed: ACTIVITY_KEEPERS,
    request: async (c) => {
      const p = await implementedPlan(c);
      return { path: `/api/budgeting/plans/${p.plan}/milestones/${p.milestone}`, body: { done: true } };
    },
  },
  // Shared city spaces: any account asks for a slot; the space's (own department's) officials and admins decide.
  {
    route: 'POST /api/spaces/:id/bookings',
    allowed: 'accounts',
    request: async (c) => ({ path: `/api/spaces/${await matrixSpace(c)}/bookings`, body: spaceSlot(c) }),
    textFields: ['purpose'],
  },
  {
    route: 'POST /api/spaces/:id/bookings/:bookingId/decision',
    allowed: SPACE_OFFICIALS,
    request: async (c) => {
      const space = await matrixSpace(c);
      return { path: `/api/spaces/${space}/bookings/${await spaceBooking(c, space)}/decision`, body: { decision: 'confirm' } };
    },
  },
  {
    route: 'POST /api/spaces/:id/bookings/:bookingId/cancel',
    allowed: 'accounts',
    request: async (c) => {
      const space = await matrixSpace(c);
      return { path: `/api/spaces/${space}/bookings/${await spaceBooking(c, space)}/cancel` };
    },
  },
];

// ---- fixtures of the Kehrä and partnership-table rows, made straight in the database ----

/** A small square in the middle of the city (inside every district division). */
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [24.9515, 60.1698],
      [24.9529, 60.1698],
      [24.9529, 60.171],
      [24.9515, 60.171],
      [24.9515, 60.1698],
    ],
  ],
};

const POINT = { type: 'Point', coordinates: [24.9522, 60.1704] };

/** An activity of the own department, written straight in the database; `key` reuses one. */
async function ownActivity(c: MatrixContext, key?: string): Promise<number> {
  const make = async () => {
    const { rows } = await c.knex.raw(
      `INSERT INTO activities (department_id, kind, title_fi, source, source_id, geom)
       SELECT id, 'project', 'Matriisin hanke', 'matrix', ?, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) FROM departments WHERE slug = ?
       RETURNING id`,
      [c.unique(), JSON.stringify(POINT), c.departments.own],
    );
    return rows[0].id as number;
  };
  return key ? once(c, `activity:${key}`, make) : make();
}

const fixtures = new WeakMap<Knex, Map<string, Promise<unknown>>>();
function once<T = number>(c: MatrixContext, key: string, make: () => Promise<T>): Promise<T> {
  let m = fixtures.get(c.knex);
  if (!m) fixtures.set(c.knex, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = make()));
  return p;
}

/** A fresh member each time: a member deleted by one actor must not turn the next one's 403 into 404. */
async function kehraMember(c: MatrixContext): Promise<number> {
  const { rows } = await c.knex.raw(
    `INSERT INTO kehra_members (kehra_group_id, name, sector) VALUES (?, 'Matriisin jäsen', 'residents') RETURNING id`,
    [c.kehraGroups.own],
  );
  return rows[0].id;
}

const kehraDevArea = (c: MatrixContext) =>
  once(c, 'devArea', async () => {
    const { rows } = await c.knex.raw(
      `INSERT INTO kehra_dev_areas (kehra_group_id, name, status, geom)
       VALUES (?, 'Matriisin kehittämisalue', 'idea', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))) RETURNING id`,
      [c.kehraGroups.own, JSON.stringify(SQUARE)],
    );
    await c.knex.raw(
      `INSERT INTO kehra_dev_area_versions (dev_area_id, version, action, name, description, status, geom)
       SELECT id, version, 'create', name, description, status, geom FROM kehra_dev_areas WHERE id = ?`,
      [rows[0].id],
    );
    return rows[0].id;
  });

/** The own group works in the matrix idea's district, so the idea may join its plan. */
const kehraWorksInArea = (c: MatrixContext) =>
  once(c, 'groupArea', async () => {
    await c.knex.raw('INSERT INTO kehra_group_areas (kehra_group_id, area_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [
      c.kehraGroups.own,
      c.areaId,
    ]);
    return c.areaId;
  });

async function kehraPlanItem(c: MatrixContext): Promise<void> {
  await kehraWorksInArea(c);
  await c.knex.raw(
    `INSERT INTO kehra_plan_items (kehra_group_id, idea_id, rank)
     SELECT ?, ?, coalesce(max(rank), 0) + 1 FROM kehra_plan_items WHERE kehra_group_id = ?
     ON CONFLICT (kehra_group_id, idea_id) DO NOTHING`,
    [c.kehraGroups.own, c.ideaId, c.kehraGroups.own],
  );
}

const partnershipTable = (c: MatrixContext) =>
  once(c, 'table', async () => {
    const { rows } = await c.knex.raw(
      `INSERT INTO partnership_tables (name, convener, area_id, geom, department_id)
       SELECT 'Matriisin pöytä', 'Kanslia', id, geom, (SELECT id FROM departments WHERE slug = ?) FROM areas WHERE id = ?
       RETURNING id`,
      [c.departments.own, c.areaId],
    );
    await c.knex.raw(
      `INSERT INTO partnership_table_meetings (table_id, starts_at, place) VALUES (?, '2030-01-01T17:00:00Z', 'Kirjasto')`,
      [rows[0].id],
    );
    return rows[0].id;
  });

/** A space of the own department, open round the clock. */
const matrixSpace = (c: MatrixContext) =>
  once(c, 'space', async () => {
    const days = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' }));
    const { rows } = await c.knex.raw(
      `INSERT INTO spaces (name_fi, kind, geom, address, capacity, open_hours, department_id)
       SELECT 'Matriisin tila', 'meeting_room', ST_PointOnSurface(a.geom), 'Matriisikatu 1', 50, ?::jsonb,
              (SELECT id FROM departments WHERE slug = ?) FROM areas a WHERE a.id = ? RETURNING id`,
      [JSON.stringify(days), c.departments.own, c.areaId],
    );
    return rows[0].id as number;
  });
/** A slot of its own per request (noon UTC some day ahead), so requests do not meet each other. */
let spaceSlots = 0;
const spaceSlot = (_c: MatrixContext) => {
  const start = Math.floor(Date.now() / 86_400_000 + 10 + spaceSlots++) * 86_400_000 + 12 * 3_600_000;
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
    purpose: 'Kokous',
    attendees: 5,
  };
};
/** A fresh request for the space by the plain resident. */
async function spaceBooking(c: MatrixContext, space: number): Promise<number> {
  const s = spaceSlot(c);
  const { rows } = await c.knex.raw(
    `INSERT INTO space_bookings (space_id, requester_id, slot, purpose, attendees)
     VALUES (?, ?, tstzrange(?::timestamptz, ?::timestamptz), 'Kokous', 5) RETURNING id`,
    [space, c.targetUserId, s.start, s.end],
  );
  return rows[0].id;
}

/** A round's phases a year ahead (the matrix checks policies, not phases). */
const BUDGETING_PHASES = Object.fromEntries(
  ['proposals', 'co_creation', 'feasibility_review', 'voting', 'results', 'implementation'].map((p, i) => [
    p,
    `${2040 + i}-01-01T00:00:00Z`,
  ]),
);

/** A budgeting round with one pot and one plan, made straight in the database. */
const budgetingRounds = new WeakMap<Knex, Promise<{ round: number; pot: number; plan: number }>>();
function budgetingRound(c: MatrixContext): Promise<{ round: number; pot: number; plan: number }> {
  let p = budgetingRounds.get(c.knex);
  if (!p) {
    p = (async () => {
      const { rows: r } = await c.knex.raw(
        `INSERT INTO budgeting_rounds (name_fi, purpose, allocation, total_eur, ballot_type, proposals_from, co_creation_from,
                                       review_from, voting_from, results_from, implementation_from)
         VALUES ('Matriisin kierros', 'allocating_funds', 'project', 1000, 'knapsack', '2040-01-01', '2041-01-01', '2042-01-01',
                 '2043-01-01', '2044-01-01', '2045-01-01') RETURNING id`,
      );
      const { rows: pot } = await c.knex.raw(
        `INSERT INTO budgeting_pots (round_id, kind, name_fi, amount_eur, sort_order) VALUES (?, 'project', 'Hanke', 1000, 0) RETURNING id`,
        [r[0].id],
      );
      const { rows: plan } = await c.knex.raw(
        `INSERT INTO budgeting_plans (round_id, pot_id, title, geom) SELECT ?, ?, 'Matriisin suunnitelma', ST_PointOnSurface(geom)
           FROM areas WHERE id = ? RETURNING id`,
        [r[0].id, pot[0].id, c.areaId],
      );
      return { round: r[0].id, pot: pot[0].id, plan: plan[0].id };
    })();
    budgetingRounds.set(c.knex, p);
  }
  return p;
}

/** A second plan of the matrix round, in implementation as an activity of the own department, with one milestone. */
const implementedPlan = (c: MatrixContext) =>
  once(c, 'implementedPlan', async () => {
    const b = await budgetingRound(c);
    const activity = await ownActivity(c, 'budgeting');
    const { rows } = await c.knex.raw(
      `INSERT INTO budgeting_plans (round_id, pot_id, title, geom, activity_id)
       SELECT round_id, pot_id, 'Toteutettava', geom, ? FROM budgeting_plans WHERE id = ? RETURNING id`,
      [activity, b.plan],
    );
    const { rows: m } = await c.knex.raw(
      `INSERT INTO activity_milestones (activity_id, title_fi, due_on) VALUES (?, 'Matriisin välitavoite', '2045-06-01') RETURNING id`,
      [activity],
    );
    return { plan: rows[0].id as number, milestone: m[0].id as number };
  });

/**
 * An unused department or theme's slug: one shared row for the PATCH rows, a fresh one per
 * request with `suffix` (the admin's DELETE removes its row).
 */
async function referenceRow(c: MatrixContext, table: 'departments' | 'themes', suffix = 'patch'): Promise<string> {
  const slug = `m-${suffix}`;
  await c.knex.raw(
    table === 'departments'
      ? `INSERT INTO departments (slug, name_fi, color) VALUES (?, 'Matriisin toimiala', '#123456') ON CONFLICT (slug) DO NOTHING`
      : `INSERT INTO themes (slug, name_fi) VALUES (?, 'Matriisin teema') ON CONFLICT (slug) DO NOTHING`,
    [slug],
  );
  return slug;
}

export function isAllowed(row: MatrixRow, actor: Actor): boolean {
  if (row.allowed === 'everyone') return true;
  if (row.allowed === 'accounts') return actor !== 'visitor';
  return row.allowed.includes(actor);
}

export { SIGNED_IN };
