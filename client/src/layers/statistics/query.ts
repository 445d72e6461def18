import { queryOptions } from '@tanstack/react-query';
import type { AreaLevel } from '@contracts/areas';
import type { FigureKey, LevelStatistics } from '@contracts/statistics';
import { getJson } from '@/api/http';

/** One figure for every district of a level: the choropleth's values. */
export const levelStatisticsQuery = (level: AreaLevel, figure: FigureKey) =>
  queryOptions({
    queryKey: ['areas', 'statistics', { level, figure }] as const,
    queryFn: ({ signal }) =>
      getJson<LevelStatistics>(`/api/areas/statistics?${new URLSearchParams({ level, figure }).toString()}`, signal),
    staleTime: Infinity,
  });
