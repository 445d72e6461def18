import { z } from 'zod';
import { type DepartmentRef, DisplayName, Email, type KehraGroupRef, Role } from './auth.js';
import { Id, IdParam, INT4_MAX, OFFSET_MAX, PlainText, Slug } from './common.js';

const DepartmentSlug = Slug('departments are given by slug (a-z, 0-9, -)');
const GroupId = Id('kehraGroups');
const uniqueList = <T extends z.ZodType>(item: T, name: string) =>
  z
    .array(item, { error: `${name} must be a list` })
    .max(50, `${name} may have at most 50 entries`)
    .refine((a) => new Set(a).size === a.length, `${name} must not repeat`);

export const UserIdParams = z.object({ id: IdParam('id') }).strict();

/** PUT /api/admin/users/:id/roles — replaces roles and memberships as a whole. */
export const ReplaceRolesRequest = z
  .object({
    roles: uniqueList(Role, 'roles'),
    departments: uniqueList(DepartmentSlug, 'departments').default([]),
    kehraGroups: uniqueList(GroupId, 'kehraGroups').default([]),
    /** Required when the account has none and gets a role shown publicly (NAMED_ROLES). */
    displayName: DisplayName.optional(),
  })
  .strict();
export type ReplaceRolesRequest = z.infer<typeof ReplaceRolesRequest>;

/** PATCH /api/admin/users/:id/roles — adds and removes; whatever is not named stays. */
export const PatchRolesRequest = z
  .object({
    addRoles: uniqueList(Role, 'addRoles').optional(),
    removeRoles: uniqueList(Role, 'removeRoles').optional(),
    addDepartments: uniqueList(DepartmentSlug, 'addDepartments').optional(),
    removeDepartments: uniqueList(DepartmentSlug, 'removeDepartments').optional(),
    addKehraGroups: uniqueList(GroupId, 'addKehraGroups').optional(),
    removeKehraGroups: uniqueList(GroupId, 'removeKehraGroups').optional(),
    displayName: DisplayName.optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v && v.length > 0), 'nothing to change');
export type PatchRolesRequest = z.infer<typeof PatchRolesRequest>;

/**
 * POST /api/admin/users/invitations — an admin creates an account with its roles and mails the
 * person a one-time link to set a password. The display name is required: officials are shown by it.
 */
export const InviteRequest = z
  .object({
    email: Email,
    displayName: DisplayName,
    roles: uniqueList(Role, 'roles').min(1, 'roles must name at least one role'),
    departments: uniqueList(DepartmentSlug, 'departments').default([]),
    kehraGroups: uniqueList(GroupId, 'kehraGroups').default([]),
  })
  .strict();
export type InviteRequest = z.infer<typeof InviteRequest>;

/** PATCH /api/admin/users/:id — disabling signs the account out everywhere. */
export const PatchUserRequest = z.object({ disabled: z.boolean() }).strict();

export const UsersQuery = z
  .object({
    q: z.string().trim().max(254).optional(),
    role: Role.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(OFFSET_MAX).default(0),
  })
  .strict();

export const CreateKehraGroupRequest = z.object({ name: PlainText('name', 120) }).strict();

export interface AdminUser {
  id: number;
  email: string;
  displayName: string | null;
  emailVerified: boolean;
  roles: Role[];
  departments: DepartmentRef[];
  kehraGroups: KehraGroupRef[];
  sso: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UsersResponse {
  users: AdminUser[];
  total: number;
}

export const AuditQuery = z
  .object({
    action: z
      .string()
      .regex(/^[a-z_.]{1,60}$/, 'action is a dotted name such as user.roles.update')
      .optional(),
    actorId: z.coerce.number().int().positive().max(INT4_MAX).optional(),
    targetType: z
      .string()
      .regex(/^[a-z_]{1,40}$/, 'targetType is a lower-case name')
      .optional(),
    targetId: z.string().max(100).optional(),
    // audit_log ids are bigserial: bounded to what a JSON number holds exactly, not to int4.
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actor: { id: number | null; email: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditResponse {
  entries: AuditEntry[];
  /** Pass as `before` to read the next (older) page; null on the last page. */
  nextBefore: number | null;
}
