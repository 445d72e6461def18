import { z } from 'zod';
import { type DepartmentRef, type KehraGroupRef, Role } from './auth.js';
import { PlainText, Slug } from './common.js';

const DepartmentSlug = Slug('departments are given by slug (a-z, 0-9, -)');
const GroupId = z.number({ error: 'kehraGroups are given by numeric id' }).int().positive().max(2147483647);
const uniqueList = <T extends z.ZodType>(item: T, name: string) =>
  z
    .array(item, { error: `${name} must be a list` })
    .max(50, `${name} may have at most 50 entries`)
    .refine((a) => new Set(a).size === a.length, `${name} must not repeat`);

export const UserIdParams = z
  .object({ id: z.string().regex(/^[1-9]\d{0,8}$/, 'id must be a positive integer').transform(Number) })
  .strict();

/** PUT /api/admin/users/:id/roles — replaces roles and memberships as a whole. */
export const ReplaceRolesRequest = z
  .object({
    roles: uniqueList(Role, 'roles'),
    departments: uniqueList(DepartmentSlug, 'departments').default([]),
    kehraGroups: uniqueList(GroupId, 'kehraGroups').default([]),
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
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v && v.length > 0), 'nothing to change');
export type PatchRolesRequest = z.infer<typeof PatchRolesRequest>;

/** PATCH /api/admin/users/:id — disabling signs the account out everywhere. */
export const PatchUserRequest = z.object({ disabled: z.boolean() }).strict();

export const UsersQuery = z
  .object({
    q: z.string().trim().max(254).optional(),
    role: Role.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
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
    action: z.string().regex(/^[a-z_.]{1,60}$/, 'action is a dotted name such as user.roles.update').optional(),
    actorId: z.coerce.number().int().positive().max(2147483647).optional(),
    targetType: z.string().regex(/^[a-z_]{1,40}$/, 'targetType is a lower-case name').optional(),
    targetId: z.string().max(100).optional(),
    before: z.coerce.number().int().positive().optional(),
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
