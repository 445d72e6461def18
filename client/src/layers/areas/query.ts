import { queryOptions } from '@tanstack/react-query';
import type { AreaCollection, AreaLevel, LocateResponse } from '@contracts/areas';
import { getJson } from '@/api/http';

export const areaKeys = {
  all: ['areas'] as const,
  collection: (level: AreaLevel) => ['areas', 'collection', { level }] as const,
  locate: (lon: string, lat: string) => ['areas', 'locate', { lon, lat }] as const,
};

/** District polygons of one level; they change only on re-import, so never refetch while open. */
export const areaCollectionQuery = (level: AreaLevel) =>
  queryOptions({
    queryKey: areaKeys.collection(level),
    queryFn: ({ signal }) => getJson<AreaCollection>(`/api/areas?level=${encodeURIComponent(level)}`, signal),
    staleTime: Infinity,
  });

/**
 * Which areas contain a point. lon/lat are passed as typed (strings) so the server validates them
 * and its 400 messages reach the form unchanged.
 */
export const locateQuery = (lon: string, lat: string) =>
  queryOptions({
    queryKey: areaKeys.locate(lon, lat),
    queryFn: ({ signal }) => getJson<LocateResponse>(`/api/areas/locate?${new URLSearchParams({ lon, lat }).toString()}`, signal),
    staleTime: Infinity,
    retry: false,
  });
