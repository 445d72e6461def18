import { queryOptions } from '@tanstack/react-query';
import type { ClientConfig } from '@contracts/areas';
import { getJson } from './http';

export const configQuery = () =>
  queryOptions({
    queryKey: ['config'] as const,
    queryFn: ({ signal }) => getJson<ClientConfig>('/api/config', signal),
    staleTime: Infinity,
  });
