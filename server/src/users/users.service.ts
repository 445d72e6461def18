import type { Knex } from 'knex';
import { deleteUserSessions } from '../auth/auth.repository.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { NAMED_ROLES, type Role } from '../contracts/auth.js';
import type { AdminUser, InviteRequest, PatchRolesRequest, ReplaceRolesRequest } from '../contracts/users.js';
import { badField, HttpError, notFound } from '../http/errors.js';
import * as repo from './users.repository.js';

/** What an audit entry keeps of a user's authority: roles and memberships by readable keys. */
const authority = (u: AdminUser) => ({
  roles: u.roles,
  departments: u.departments.map((d) => d.slug),
  kehraGroups: u.kehraGroups.map((g) => g.id),
});

export const listUsers = repo.listUsers;

export async function getUser(knex: Knex, id: number): Promise<AdminUser> {
  const user = await repo.adminUserById(knex, id);
  if (!user) throw notFound(`User ${id}`);
  return user;
}

async function applyAuthority(
  trx: Knex.Transaction,
  actor: AuditActor,
  before: AdminUser,
  next: { roles: Role[]; departments: string[]; kehraGroups: number[]; displayName?: string | null },
): Promise<AdminUser> {
  const deptIds = await repo.departmentIdsBySlug(trx, next.departments);
  const unknownDepts = next.departments.filter((s) => !deptIds.has(s));
  if (unknownDepts.length) {
    throw new HttpError(400, 'unknown_department', `No such department: ${unknownDepts.join(', ')}`, {
      departments: unknownDepts,
    });
  }
  const groups = await repo.existingKehraGroupIds(trx, next.kehraGroups);
  const unknownGroups = next.kehraGroups.filter((g) => !groups.has(g));
  if (unknownGroups.length) {
    throw new HttpError(400, 'unknown_kehra_group', `No such Kehrä group: ${unknownGroups.join(', ')}`, {
      kehraGroups: unknownGroups,
    });
  }
  // An official acts for departments and a Kehrä member for groups: one without the other means nothing.
  const problems: string[] = [];
  const official = next.roles.includes('official');
  const kehra = next.roles.includes('kehra');
  if (official !== next.departments.length > 0) problems.push('the official role and departments go together');
  if (kehra !== next.kehraGroups.length > 0) problems.push('the kehra role and Kehrä groups go together');
  if (problems.length) throw new HttpError(400, 'invalid_roles', problems.join('; '), { problems });
  // These roles show the person publicly (responsible official, editor): by a name, never by the address.
  const named = next.roles.filter((r) => (NAMED_ROLES as readonly string[]).includes(r));
  if (named.length && !(next.displayName ?? before.displayName)) {
    throw badField(
      'displayName',
      `a display name is required for the role ${named.join(', ')}: it is shown publicly instead of the e-mail address`,
    );
  }
  if (next.displayName && next.displayName !== before.displayName) {
    await repo.setDisplayName(trx, before.id, next.displayName);
    await recordAudit(trx, actor, {
      action: 'user.display_name',
      target: { type: 'user', id: before.id },
      before: { displayName: before.displayName },
      after: { displayName: next.displayName },
    });
  }

  if (before.roles.includes('admin') && !next.roles.includes('admin') && !before.disabled) {
    if ((await repo.countActiveAdmins(trx)) <= 1) {
      throw new HttpError(409, 'last_admin', 'This is the last admin: make someone else admin first');
    }
  }
  await repo.replaceRoles(trx, before.id, next.roles, actor.userId);
  await repo.replaceDepartments(trx, before.id, [...deptIds.values()]);
  await repo.replaceKehraGroups(trx, before.id, next.kehraGroups);
  const after = (await repo.adminUserById(trx, before.id))!;
  if (JSON.stringify(authority(before)) !== JSON.stringify(authority(after))) {
    await recordAudit(trx, actor, {
      action: 'user.roles.update',
      target: { type: 'user', id: before.id },
      before: authority(before),
      after: authority(after),
    });
  }
  return after;
}

/** Replaces a user's roles and memberships as a whole (PUT). */
export async function replaceAuthority(
  knex: Knex,
  actor: AuditActor,
  userId: number,
  input: ReplaceRolesRequest,
): Promise<AdminUser> {
  return knex.transaction(async (trx) => {
    await repo.lockAdminRoles(trx);
    const before = await getUser(trx, userId);
    return applyAuthority(trx, actor, before, input);
  });
}

/** Adds and removes roles and memberships (PATCH); what is not named stays. */
export async function patchAuthority(
  knex: Knex,
  actor: AuditActor,
  userId: number,
  input: PatchRolesRequest,
): Promise<AdminUser> {
  return knex.transaction(async (trx) => {
    await repo.lockAdminRoles(trx);
    const before = await getUser(trx, userId);
    const change = <T>(current: T[], add: T[] = [], remove: T[] = []) =>
      [...new Set([...current, ...add])].filter((v) => !remove.includes(v));
    return applyAuthority(trx, actor, before, {
      roles: change(before.roles, input.addRoles, input.removeRoles),
      departments: change(
        before.departments.map((d) => d.slug),
        input.addDepartments,
        input.removeDepartments,
      ),
      kehraGroups: change(
        before.kehraGroups.map((g) => g.id),
        input.addKehraGroups,
        input.removeKehraGroups,
      ),
      displayName: input.displayName,
    });
  });
}

/** Disabling an account signs it out everywhere; the last admin and oneself cannot be disabled. */
export async function setDisabled(knex: Knex, actor: AuditActor, userId: number, disabled: boolean): Promise<AdminUser> {
  return knex.transaction(async (trx) => {
    await repo.lockAdminRoles(trx);
    const before = await getUser(trx, userId);
    if (before.disabled === disabled) return before;
    if (disabled && userId === actor.userId)
      throw new HttpError(409, 'cannot_disable_self', 'You cannot disable your own account');
    if (disabled && before.roles.includes('admin') && (await repo.countActiveAdmins(trx)) <= 1) {
      throw new HttpError(409, 'last_admin', 'This is the last admin: make someone else admin first');
    }
    await repo.setDisabled(trx, userId, disabled);
    if (disabled) await deleteUserSessions(trx, userId);
    await recordAudit(trx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      target: { type: 'user', id: userId },
      before: { disabled: before.disabled },
      after: { disabled },
    });
    return (await repo.adminUserById(trx, userId))!;
  });
}

export async function createKehraGroup(knex: Knex, actor: AuditActor, name: string) {
  return knex.transaction(async (trx) => {
    const group = await repo.insertKehraGroup(trx, name);
    if (!group) throw new HttpError(409, 'already_exists', `A Kehrä group named ${name} already exists`);
    await recordAudit(trx, actor, { action: 'kehra_group.create', target: { type: 'kehra_group', id: group.id }, after: group });
    return group;
  });
}

export const listKehraGroups = repo.listKehraGroups;
export const listDepartments = repo.listDepartments;

/**
 * Creates an account with roles, or adds roles to an existing one (the CLI's bootstrap of the
 * first admin). The address counts as verified: an operator vouches for it.
 */
export async function createOrGrant(
  knex: Knex,
  actor: AuditActor,
  input: {
    email: string;
    displayName: string | null;
    passwordHash: string | null;
    roles: Role[];
    departments: string[];
    kehraGroups: number[];
  },
): Promise<{ user: AdminUser; created: boolean }> {
  return knex.transaction(async (trx) => {
    await repo.lockAdminRoles(trx);
    let existing = await repo.userByEmail(trx, input.email);
    const created = !existing;
    if (!existing) {
      const id = await repo.insertUser(trx, {
        email: input.email,
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        emailVerified: true,
      });
      existing = (await repo.userById(trx, id))!;
      await recordAudit(trx, actor, { action: 'user.create', target: { type: 'user', id }, after: { email: input.email } });
    } else if (input.passwordHash) {
      await repo.setPasswordHash(trx, existing.id, input.passwordHash);
    }
    const before = await getUser(trx, existing.id);
    const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])];
    const user = await applyAuthority(trx, actor, before, {
      roles: union(before.roles, ['resident', ...input.roles]),
      departments: union(
        before.departments.map((d) => d.slug),
        input.departments,
      ),
      kehraGroups: union(
        before.kehraGroups.map((g) => g.id),
        input.kehraGroups,
      ),
      displayName: input.displayName,
    });
    return { user, created };
  });
}

/**
 * An account an admin invites: no password until the invitee sets one through the mailed link,
 * which also proves the address. An address that already has an account is refused: its roles are
 * changed in the user editor instead.
 */
export async function createInvited(trx: Knex.Transaction, actor: AuditActor, input: InviteRequest): Promise<AdminUser> {
  await repo.lockAdminRoles(trx);
  if (await repo.userByEmail(trx, input.email)) {
    const message = 'this address already has an account; change its roles in the user list';
    throw new HttpError(409, 'already_exists', `email: ${message}`, [{ path: ['email'], message }]);
  }
  const id = await repo.insertUser(trx, {
    email: input.email,
    displayName: input.displayName,
    passwordHash: null,
    emailVerified: false,
  });
  await recordAudit(trx, actor, { action: 'user.invite', target: { type: 'user', id }, after: { email: input.email } });
  const before = await getUser(trx, id);
  return applyAuthority(trx, actor, before, {
    roles: [...new Set<Role>(['resident', ...input.roles])],
    departments: input.departments,
    kehraGroups: input.kehraGroups,
    displayName: input.displayName,
  });
}
