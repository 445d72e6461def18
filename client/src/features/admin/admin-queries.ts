import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { DepartmentRef, KehraGroupRef, Role } from '@contracts/auth';
import type { AdminUser, AuditResponse, UsersResponse } from '@contracts/users';
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
  replaceAuthority: (id: number, body: { roles: Role[]; departments: string[]; kehraGroups: number[] }) =>
    sendJson<AdminUser>('PUT', `/api/admin/users/${id}/roles`, body),
  setDisabled: (id: number, disabled: boolean) => sendJson<AdminUser>('PATCH', `/api/admin/users/${id}`, { disabled }),
};
