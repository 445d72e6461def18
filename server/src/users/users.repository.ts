import type { Knex } from 'knex';
import type { AccountUser, DepartmentRef, KehraGroupRef, Role } from '../contracts/auth.js';
import type { Language } from '../contracts/common.js';
import type { AdminUser } from '../contracts/users.js';

export interface UserRow {
  id: number;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  email_verified_at: Date | null;
  failed_login_count: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  last_login_at: Date | null;
  language: Language;
  created_at: Date;
}

/** A user with everything that decides what they may do. */
export interface Account {
  user: AccountUser;
  roles: Role[];
  departments: DepartmentRef[];
  kehraGroups: KehraGroupRef[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const toAccountUser = (r: UserRow): AccountUser => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  emailVerified: r.email_verified_at !== null,
  hasPassword: r.password_hash !== null,
  language: r.language,
  createdAt: iso(r.created_at)!,
});

/** Roles and memberships as JSON columns, so one query loads a whole account. */
const membershipColumns = `
  coalesce((SELECT json_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '[]'::json) AS roles,
  coalesce((SELECT json_agg(json_build_object('id', d.id, 'slug', d.slug, 'nameFi', d.name_fi) ORDER BY d.sort_order, d.id)
              FROM user_departments ud JOIN departments d ON d.id = ud.department_id
             WHERE ud.user_id = u.id), '[]'::json) AS departments,
  coalesce((SELECT json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY g.name)
              FROM user_kehra_groups ug JOIN kehra_groups g ON g.id = ug.kehra_group_id
             WHERE ug.user_id = u.id), '[]'::json) AS kehra_groups`;

type MembershipRow = UserRow & { roles: Role[]; departments: DepartmentRef[]; kehra_groups: KehraGroupRef[] };

const toAccount = (r: MembershipRow): Account => ({
  user: toAccountUser(r),
  roles: r.roles,
  departments: r.departments,
  kehraGroups: r.kehra_groups,
});

export async function accountById(knex: Knex, id: number): Promise<Account | null> {
  const { rows } = await knex.raw(`SELECT u.*, ${membershipColumns} FROM users u WHERE u.id = ?`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

/** The account behind a live session (not expired, account not disabled), with its CSRF token. */
export async function accountBySession(
  knex: Knex,
  idHash: string,
): Promise<(Account & { csrfToken: string; lastSeenAt: Date }) | null> {
  const { rows } = await knex.raw(
    `SELECT u.*, s.csrf_token, s.last_seen_at AS session_last_seen_at, ${membershipColumns}
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = ? AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [idHash],
  );
  const r = rows[0];
  return r ? { ...toAccount(r), csrfToken: r.csrf_token, lastSeenAt: new Date(r.session_last_seen_at) } : null;
}

export async function userByEmail(knex: Knex, email: string): Promise<UserRow | null> {
  const { rows } = await knex.raw(`SELECT * FROM users WHERE lower(email) = lower(?)`, [email]);
  return rows[0] ?? null;
}

export async function userById(knex: Knex, id: number): Promise<UserRow | null> {
  const { rows } = await knex.raw(`SELECT * FROM users WHERE id = ?`, [id]);
  return rows[0] ?? null;
}

export async function userByOidcSubject(knex: Knex, issuer: string, subject: string): Promise<UserRow | null> {
  const { rows } = await knex.raw(`SELECT * FROM users WHERE oidc_issuer = ? AND oidc_subject = ?`, [issuer, subject]);
  return rows[0] ?? null;
}

export async function insertUser(
  knex: Knex,
  u: {
    email: string;
    displayName: string | null;
    passwordHash: string | null;
    emailVerified: boolean;
    oidc?: { issuer: string; subject: string };
    language?: Language;
  },
): Promise<number> {
  const { rows } = await knex.raw(
    `INSERT INTO users (email, display_name, password_hash, email_verified_at, oidc_issuer, oidc_subject, language)
     VALUES (?, ?, ?, CASE WHEN ? THEN now() END, ?, ?, ?)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      u.email,
      u.displayName,
      u.passwordHash,
      u.emailVerified,
      u.oidc?.issuer ?? null,
      u.oidc?.subject ?? null,
      u.language ?? 'fi',
    ],
  );
  return rows[0]?.id ?? 0;
}

export async function setLanguage(knex: Knex, userId: number, language: Language): Promise<void> {
  await knex.raw(`UPDATE users SET language = ?, updated_at = now() WHERE id = ?`, [language, userId]);
}

export async function setPasswordHash(knex: Knex, userId: number, hash: string): Promise<void> {
  await knex.raw(`UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ?`, [hash, userId]);
}

export async function markEmailVerified(knex: Knex, userId: number): Promise<void> {
  await knex.raw(`UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = ?`, [
    userId,
  ]);
}

export async function linkOidcSubject(knex: Knex, userId: number, issuer: string, subject: string): Promise<void> {
  await knex.raw(`UPDATE users SET oidc_issuer = ?, oidc_subject = ?, updated_at = now() WHERE id = ?`, [
    issuer,
    subject,
    userId,
  ]);
}

/**
 * Counts a failed login atomically; at the threshold the account locks and the count restarts.
 * Returns the lock's end when this failure locked it.
 */
export async function recordFailedLogin(
  knex: Knex,
  userId: number,
  threshold: number,
  lockSeconds: number,
): Promise<Date | null> {
  const { rows } = await knex.raw(
    `UPDATE users SET
       locked_until = CASE WHEN failed_login_count + 1 >= ? THEN now() + make_interval(secs => ?::int) ELSE locked_until END,
       failed_login_count = CASE WHEN failed_login_count + 1 >= ? THEN 0 ELSE failed_login_count + 1 END
     WHERE id = ?
     RETURNING failed_login_count = 0 AS locked, locked_until`,
    [threshold, lockSeconds, threshold, userId],
  );
  return rows[0]?.locked ? new Date(rows[0].locked_until) : null;
}

export async function recordSuccessfulLogin(knex: Knex, userId: number): Promise<void> {
  await knex.raw(`UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = ?`, [userId]);
}

export async function clearLockout(knex: Knex, userId: number): Promise<void> {
  await knex.raw(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = ?`, [userId]);
}

export async function setDisplayName(knex: Knex, userId: number, displayName: string): Promise<void> {
  await knex.raw('UPDATE users SET display_name = ?, updated_at = now() WHERE id = ?', [displayName, userId]);
}

export async function setDisabled(knex: Knex, userId: number, disabled: boolean): Promise<void> {
  await knex.raw(
    `UPDATE users SET disabled_at = CASE WHEN ? THEN coalesce(disabled_at, now()) END, updated_at = now() WHERE id = ?`,
    [disabled, userId],
  );
}

export async function replaceRoles(knex: Knex, userId: number, roles: Role[], grantedBy: number | null): Promise<void> {
  await knex.raw(`DELETE FROM user_roles WHERE user_id = ? AND role <> ALL(?::text[])`, [userId, roles]);
  for (const role of roles) {
    await knex.raw(`INSERT INTO user_roles (user_id, role, granted_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, [
      userId,
      role,
      grantedBy,
    ]);
  }
}

export async function replaceDepartments(knex: Knex, userId: number, departmentIds: number[]): Promise<void> {
  await knex.raw(`DELETE FROM user_departments WHERE user_id = ? AND department_id <> ALL(?::int[])`, [userId, departmentIds]);
  for (const id of departmentIds) {
    await knex.raw(`INSERT INTO user_departments (user_id, department_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, [userId, id]);
  }
}

export async function replaceKehraGroups(knex: Knex, userId: number, groupIds: number[]): Promise<void> {
  await knex.raw(`DELETE FROM user_kehra_groups WHERE user_id = ? AND kehra_group_id <> ALL(?::int[])`, [userId, groupIds]);
  for (const id of groupIds) {
    await knex.raw(`INSERT INTO user_kehra_groups (user_id, kehra_group_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, [userId, id]);
  }
}

/** Department ids by slug; slugs that do not exist are left out. */
export async function departmentIdsBySlug(knex: Knex, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const { rows } = await knex.raw(`SELECT id, slug FROM departments WHERE slug = ANY(?::text[])`, [slugs]);
  return new Map((rows as { id: number; slug: string }[]).map((r) => [r.slug, r.id]));
}

export async function existingKehraGroupIds(knex: Knex, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await knex.raw(`SELECT id FROM kehra_groups WHERE id = ANY(?::int[])`, [ids]);
  return new Set((rows as { id: number }[]).map((r) => r.id));
}

export async function countActiveAdmins(knex: Knex): Promise<number> {
  const { rows } = await knex.raw(
    `SELECT count(*)::int AS n FROM user_roles r JOIN users u ON u.id = r.user_id
      WHERE r.role = 'admin' AND u.disabled_at IS NULL`,
  );
  return rows[0].n;
}

/** Serialises role changes so two admins cannot remove the last admin at the same moment. */
export async function lockAdminRoles(knex: Knex): Promise<void> {
  await knex.raw(`SELECT pg_advisory_xact_lock(hashtext('kk.user_roles.admin'))`);
}

type AdminUserRow = MembershipRow;

const toAdminUser = (r: AdminUserRow): AdminUser => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  emailVerified: r.email_verified_at !== null,
  roles: r.roles,
  departments: r.departments,
  kehraGroups: r.kehra_groups,
  sso: r.oidc_issuer !== null,
  disabled: r.disabled_at !== null,
  lockedUntil: r.locked_until && new Date(r.locked_until) > new Date() ? iso(r.locked_until) : null,
  lastLoginAt: iso(r.last_login_at),
  createdAt: iso(r.created_at)!,
});

export async function adminUserById(knex: Knex, id: number): Promise<AdminUser | null> {
  const { rows } = await knex.raw(`SELECT u.*, ${membershipColumns} FROM users u WHERE u.id = ?`, [id]);
  return rows[0] ? toAdminUser(rows[0]) : null;
}

export async function listUsers(
  knex: Knex,
  q: { q?: string; role?: Role; limit: number; offset: number },
): Promise<{ users: AdminUser[]; total: number }> {
  // The search text is a bound value; LIKE wildcards in it are escaped so they match literally.
  const pattern = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = `(?::text IS NULL OR u.email ILIKE ? OR u.display_name ILIKE ?)
             AND (?::text IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?))`;
  const params = [pattern, pattern, pattern, q.role ?? null, q.role ?? null];
  const { rows } = await knex.raw(`SELECT u.*, ${membershipColumns} FROM users u WHERE ${where} ORDER BY u.id LIMIT ? OFFSET ?`, [
    ...params,
    q.limit,
    q.offset,
  ]);
  const count = await knex.raw(`SELECT count(*)::int AS n FROM users u WHERE ${where}`, params);
  return { users: (rows as AdminUserRow[]).map(toAdminUser), total: count.rows[0].n };
}

export async function insertKehraGroup(knex: Knex, name: string): Promise<KehraGroupRef | null> {
  const { rows } = await knex.raw(`INSERT INTO kehra_groups (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id, name`, [
    name,
  ]);
  return rows[0] ?? null;
}

export async function listKehraGroups(knex: Knex): Promise<KehraGroupRef[]> {
  const { rows } = await knex.raw(`SELECT id, name FROM kehra_groups ORDER BY name`);
  return rows;
}

export async function listDepartments(knex: Knex): Promise<DepartmentRef[]> {
  const { rows } = await knex.raw(`SELECT id, slug, name_fi AS "nameFi" FROM departments ORDER BY sort_order, id`);
  return rows;
}
