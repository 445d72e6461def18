import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { accountApi } from './account-api';
import { useAuthTransitions } from './account-query';

/** Sign out here, or everywhere (every session of the account); either way the app forgets the account. */
export function useSignOut() {
  const navigate = useNavigate();
  const { signedOut } = useAuthTransitions();
  const here = useMutation({
    mutationFn: accountApi.logout,
    onSuccess: async () => {
      const refreshed = signedOut(); // forgets the account synchronously, then re-reads /me
      await navigate('/signin', { state: { notice: 'signedOut' } });
      await refreshed;
    },
  });
  const everywhere = useMutation({
    mutationFn: accountApi.logoutEverywhere,
    onSuccess: async () => {
      const refreshed = signedOut(); // forgets the account synchronously, then re-reads /me
      await navigate('/signin', { state: { notice: 'signedOutEverywhere' } });
      await refreshed;
    },
  });
  return { here, everywhere };
}
