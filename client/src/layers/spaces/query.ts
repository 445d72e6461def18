import { queryOptions } from '@tanstack/react-query';
import type { Booking, SpaceCollection, SpaceDetail } from '@contracts/spaces';
import { getJson } from '@/api/http';

/** The filters of the Spaces section, as the URL holds them (?area=, ?capacity=, ?freeFrom=&freeTo=, ?kind=). */
export interface SpaceFilter {
  area: number | null;
  capacity: number | null;
  kind: string | null;
  freeFrom: string | null;
  freeTo: string | null;
}

export function spacesSearch(f: SpaceFilter): string {
  const q = new URLSearchParams();
  if (f.area != null) q.set('area', String(f.area));
  if (f.capacity != null) q.set('capacity', String(f.capacity));
  if (f.kind) q.set('kind', f.kind);
  if (f.freeFrom && f.freeTo) {
    q.set('freeFrom', f.freeFrom);
    q.set('freeTo', f.freeTo);
  }
  return q.toString();
}

export const spaceKeys = {
  all: ['spaces'] as const,
  list: (f: SpaceFilter) => ['spaces', 'list', f] as const,
  space: (id: number) => ['spaces', 'space', { id }] as const,
  mine: ['spaces', 'mine'] as const,
  requests: ['spaces', 'requests'] as const,
};

export const spacesQuery = (f: SpaceFilter) =>
  queryOptions({
    queryKey: spaceKeys.list(f),
    queryFn: ({ signal }) => getJson<SpaceCollection>(`/api/spaces?${spacesSearch(f)}`, signal),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

export const spaceQuery = (id: number) =>
  queryOptions({
    queryKey: spaceKeys.space(id),
    queryFn: ({ signal }) => getJson<SpaceDetail>(`/api/spaces/${id}`, signal),
    retry: false,
  });

export const myBookingsQuery = () =>
  queryOptions({ queryKey: spaceKeys.mine, queryFn: ({ signal }) => getJson<Booking[]>('/api/spaces/bookings/mine', signal) });

export const spaceRequestsQuery = () =>
  queryOptions({
    queryKey: spaceKeys.requests,
    queryFn: ({ signal }) => getJson<Booking[]>('/api/spaces/bookings/requests', signal),
  });
