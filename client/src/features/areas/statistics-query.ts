import { queryOptions } from '@tanstack/react-query';
import type { AreaStatistics } from '@contracts/statistics';
import { getJson } from '@/api/http';

/** A district's card: Paavo figures carried to it, its trend, the city beside it and the project's own counts. */
export const areaStatisticsQuery = (id: number) =>
  queryOptions({
    queryKey: ['areas', 'statistics', id] as const,
    queryFn: ({ signal }) => getJson<AreaStatistics>(`/api/areas/${id}/statistics`, signal),
    staleTime: 5 * 60_000,
  });
