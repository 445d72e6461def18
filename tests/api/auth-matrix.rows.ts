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

export const MATRIX: MatrixRow[] = [
  // ---- accounts (server/src/auth/auth.routes.ts) ----
  {
    route: 'POST /api/auth/signup',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/auth/signup', body: { email: `m${c.unique()}@example.test`, password: PASSWORD, displayName: 'Matriisi' } }),
  },
  { route: 'POST /api/auth/verify', allowed: 'everyone', request: () => ({ path: '/api/auth/verify', body: { token: 'A'.repeat(43) } }) },
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
    route: 'POST /api/auth/password',
    allowed: 'accounts',
    request: () => ({ path: '/api/auth/password', body: { currentPassword: 'not-the-password', newPassword: PASSWORD } }),
  },

  // ---- admin (server/src/users/admin-users.routes.ts) ----
  {
    route: 'PUT /api/admin/users/:id/roles',
    allowed: ADMINS,
    request: (c) => ({ path: `/api/admin/users/${c.targetUserId}/roles`, body: { roles: ['resident'], departments: [], kehraGroups: [] } }),
  },
  {
    route: 'PATCH /api/admin/users/:id/roles',
    allowed: ADMINS,
    request: (c) => ({ path: `/api/admin/users/${c.targetUserId}/roles`, body: { addRoles: ['moderator'] } }),
  },
  {
    route: 'PATCH /api/admin/users/:id',
    allowed: ADMINS,
    request: (c) => ({ path: `/api/admin/users/${c.targetUserId}`, body: { disabled: false } }),
  },
  {
    route: 'POST /api/admin/kehra-groups',
    allowed: ADMINS,
    request: (c) => ({ path: '/api/admin/kehra-groups', body: { name: `Kehrä ${c.unique()}` } }),
    textFields: ['name'],
  },

  // ---- ideas and participation (server/src/ideas/ideas.routes.ts) ----
  {
    route: 'POST /api/ideas',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/ideas', body: { title: 'Penkki puistoon', description: 'Lisää penkkejä.', themes: ['elderly'], areaId: c.areaId } }),
  },
  {
    route: 'POST /api/reports',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/reports', body: { targetType: 'idea', targetId: c.ideaId, reason: 'Asiaton' } }),
  },
  { route: 'POST /api/ideas/:id/votes', allowed: 'accounts',
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/votes` }) },
  { route: 'DELETE /api/ideas/:id/votes', allowed: 'accounts',
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/votes` }) },
  { route: 'PUT /api/ideas/:id/follow', allowed: 'accounts',
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/follow` }) },
  { route: 'DELETE /api/ideas/:id/follow', allowed: 'accounts',
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/follow` }) },
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
  { route: 'PATCH /api/comments/:id', allowed: 'accounts', request: () => ({ path: '/api/comments/999999', body: { body: 'Muokattu' } }), textFields: ['body'] },
  { route: 'POST /api/notifications/read', allowed: 'accounts',
    request: () => ({ path: '/api/notifications/read' }) },
  {
    route: 'POST /api/ideas/:id/stage',
    allowed: OFFICIALS,
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/stage`, body: { to: 'connected', reason: 'Yhdistetty toimialan hankkeeseen' } }),
    textFields: ['reason'],
  },
  { route: 'POST /api/ideas/:id/responsibility', allowed: OFFICIALS,
    request: (c) => ({ path: `/api/ideas/${c.ideaId}/responsibility` }) },
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
  { route: 'POST /api/moderation/reports/:id/dismiss', allowed: MODERATORS, request: () => ({ path: '/api/moderation/reports/999999/dismiss' }) },

  // ---- activities (server/src/activities/activities.routes.ts) ----
  {
    route: 'POST /api/overlaps',
    allowed: 'everyone',
    request: (c) => ({ path: '/api/overlaps', body: { area: c.areaId } }),
  },
];

export function isAllowed(row: MatrixRow, actor: Actor): boolean {
  if (row.allowed === 'everyone') return true;
  if (row.allowed === 'accounts') return actor !== 'visitor';
  return row.allowed.includes(actor);
}

export { SIGNED_IN };
