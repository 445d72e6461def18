import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { MeResponse } from '@contracts/auth';
import { getJson, setCsrfToken } from '@/api/http';

/** Who is signed in (or nobody); also hands the session's CSRF token to every later write. */
export const meQuery = () =>
  queryOptions({
    queryKey: ['auth', 'me'] as const,
    queryFn: async ({ signal }) => {
      const me = await getJson<MeResponse>('/api/auth/me', signal);
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 60_000,
  });

/** The current account and what it may do; visitors get `user: null` and no roles. */
export function useAccount() {
  const me = useQuery(meQuery());
  const roles = me.data?.roles ?? [];
  return {
    me: me.data,
    isLoading: me.isLoading,
    user: me.data?.user ?? null,
    hasRole: (role: MeResponse['roles'][number]) => roles.includes(role),
    departments: me.data?.departments ?? [],
    kehraGroups: me.data?.kehraGroups ?? [],
  };
}

/** The name to show for an account: its display name, else the address. */
export const accountName = (user: { displayName: string | null; email: string }) => user.displayName?.trim() || user.email;

/**
 * After signing in or out: the new state is used at once and ['auth','me'] is invalidated, so
 * every view that reads the account (header, pages, other features' queries keyed on it) updates.
 */
export function useAuthTransitions() {
  const queryClient = useQueryClient();
  const signedIn = useCallback(
    async (me: MeResponse) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(meQuery().queryKey, me);
      await queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
    },
    [queryClient],
  );
  const signedOut = useCallback(async () => {
    setCsrfToken(null);
    // A visitor at once (no flash of the old account while /me is re-read) ...
    queryClient.setQueryData(meQuery().queryKey, (old) =>
      old ? { ...old, user: null, roles: [], departments: [], kehraGroups: [], csrfToken: null } : old,
    );
    // ... and what an admin or a moderator saw must not stay in memory for the next person at this browser.
    queryClient.removeQueries({ queryKey: ['admin'] });
    queryClient.removeQueries({ queryKey: ['moderation'] });
    await queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
  }, [queryClient]);
  return useMemo(() => ({ signedIn, signedOut }), [signedIn, signedOut]);
}
