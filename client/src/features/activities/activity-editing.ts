import { useMemo } from 'react';
import { useAccount } from '@/features/account';

/**
 * Who may write activities (the API's policy): admins every department's, an official their own
 * departments'. `departments` is null for "every department".
 */
export function useActivityAuthority() {
  const { hasRole, departments } = useAccount();
  const admin = hasRole('admin');
  const official = hasRole('official');
  const own = useMemo(() => (official ? departments.map((d) => d.slug) : []), [official, departments]);
  return {
    mayCreate: admin || own.length > 0,
    departments: admin ? null : own,
    mayEdit: (department: string) => admin || own.includes(department),
  };
}
