import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { DepartmentRef, KehraGroupRef, Role } from '@contracts/auth';
import type { AdminUser, AuditResponse, InviteRequest, UsersResponse } from '@contracts/users';
import type {
  AdminDepartment,
  AdminTheme,
  DepartmentBody,
  DepartmentPatchBody,
  ReferenceDataResponse,
  ThemeBody,
  ThemePatchBody,
} from '@contracts/reference-data';
import { getJson, sendJson } from '@/api/http';

export const USERS_PAGE_SIZE = 20;

/** One page of the user list; the key holds every input of the URL. */
export const usersQuery = (q: string, page: number) =>
  queryOptions({
    queryKey: ['admin', 'users', { q, page }] as const,
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: String(USERS_PAGE_SIZE), offset: String(page * USERS_PAGE_SIZE) });
      if (q) params.set('q', q);
      return getJson<UsersResponse>(`/api/admin/users?${params}`, signal);
    },
    placeholderData: (previous) => previous, // keep the table while the next page loads
  });

export const departmentsQuery = () =>
  queryOptions({
    queryKey: ['admin', 'departments'] as const,
    queryFn: ({ signal }) => getJson<{ departments: DepartmentRef[] }>('/api/admin/departments', signal),
    staleTime: 5 * 60_000,
  });

/** Departments and themes with their sort order and what uses them (the admin's own list). */
export const referenceDataQuery = () =>
  queryOptions({
    queryKey: ['admin', 'reference-data'] as const,
    queryFn: ({ signal }) => getJson<ReferenceDataResponse>('/api/admin/reference-data', signal),
  });

export const kehraGroupsQuery = () =>
  queryOptions({
    queryKey: ['admin', 'kehra-groups'] as const,
    queryFn: ({ signal }) => getJson<{ kehraGroups: KehraGroupRef[] }>('/api/admin/kehra-groups', signal),
    staleTime: 5 * 60_000,
  });

export const AUDIT_PAGE_SIZE = 25;

/** The audit log, newest first; older pages follow the server's `nextBefore` cursor. */
export const auditQuery = () =>
  infiniteQueryOptions({
    queryKey: ['admin', 'audit', { limit: AUDIT_PAGE_SIZE }] as const,
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
      if (pageParam) params.set('before', String(pageParam));
      return getJson<AuditResponse>(`/api/admin/audit?${params}`, signal);
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
  });

export const adminApi = {
  invite: (body: InviteRequest) => sendJson<AdminUser>('POST', '/api/admin/users/invitations', body),
  replaceAuthority: (id: number, body: { roles: Role[]; departments: string[]; kehraGroups: number[]; displayName?: string }) =>
    sendJson<AdminUser>('PUT', `/api/admin/users/${id}/roles`, body),
  setDisabled: (id: number, disabled: boolean) => sendJson<AdminUser>('PATCH', `/api/admin/users/${id}`, { disabled }),
};

export type ReferenceKind = 'department' | 'theme';
const referencePath = (kind: ReferenceKind) => (kind === 'department' ? '/api/admin/departments' : '/api/admin/themes');

export const referenceApi = {
  create: (kind: ReferenceKind, body: DepartmentBody | ThemeBody) =>
    sendJson<AdminDepartment | AdminTheme>('POST', referencePath(kind), body),
  update: (kind: ReferenceKind, slug: string, body: DepartmentPatchBody | ThemePatchBody) =>
    sendJson<AdminDepartment | AdminTheme>('PATCH', `${referencePath(kind)}/${encodeURIComponent(slug)}`, body),
  remove: (kind: ReferenceKind, slug: string) => sendJson<void>('DELETE', `${referencePath(kind)}/${encodeURIComponent(slug)}`),
};
