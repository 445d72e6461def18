import { queryOptions } from '@tanstack/react-query';
import type {
  KehraDevAreaCollection,
  KehraDevAreaFeature,
  KehraDevAreaVersion,
  KehraGroupDetail,
  KehraGroupSummary,
  KehraPlan,
  PlanCandidate,
  WhoIsActive,
} from '@contracts/kehra';
import type { MeetingProperties, TableCollection, TableDetail } from '@contracts/partnership-tables';
import type { FeatureCollection } from '@contracts/common';
import { getJson } from '@/api/http';
import { urlParams } from '@/state/url-filters';

/** The filters of the Kehrä section (?area=, ?theme=a,b); the map, the list and the exports share them. */
export interface KehraFilter {
  area: number | null;
  theme: string[];
}

export function kehraSearch(filter: KehraFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (filter.area != null) q.set('area', String(filter.area));
  if (filter.theme.length) q.set('theme', urlParams.theme.write(filter.theme)!);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export const kehraKeys = {
  all: ['kehra'] as const,
  areas: (filter: KehraFilter) => ['kehra', 'areas', filter] as const,
  tables: (filter: KehraFilter) => ['kehra', 'tables', filter] as const,
  groups: (area: number | null) => ['kehra', 'groups', { area }] as const,
  group: (id: number) => ['kehra', 'group', { id }] as const,
  plan: (id: number) => ['kehra', 'plan', { id }] as const,
  candidates: (id: number) => ['kehra', 'candidates', { id }] as const,
  table: (id: number) => ['kehra', 'table', { id }] as const,
  who: (where: WhoWhere) => ['kehra', 'who', where] as const,
  devArea: (id: number) => ['kehra', 'devArea', { id }] as const,
  versions: (id: number) => ['kehra', 'versions', { id }] as const,
  meetings: (search: string) => ['kehra', 'meetings', search] as const,
};

export const kehraAreasQuery = (filter: KehraFilter) =>
  queryOptions({
    queryKey: kehraKeys.areas(filter),
    queryFn: ({ signal }) => getJson<KehraDevAreaCollection>(`/api/kehra?${kehraSearch(filter)}`, signal),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

export const tablesQuery = (filter: KehraFilter) =>
  queryOptions({
    queryKey: kehraKeys.tables(filter),
    queryFn: ({ signal }) => getJson<TableCollection>(`/api/partnership-tables?${kehraSearch(filter)}`, signal),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

export const groupsQuery = (area: number | null) =>
  queryOptions({
    queryKey: kehraKeys.groups(area),
    queryFn: ({ signal }) => getJson<KehraGroupSummary[]>(`/api/kehra/groups${area != null ? `?area=${area}` : ''}`, signal),
    staleTime: 30_000,
  });

export const groupQuery = (id: number) =>
  queryOptions({
    queryKey: kehraKeys.group(id),
    queryFn: ({ signal }) => getJson<KehraGroupDetail>(`/api/kehra/groups/${id}`, signal),
    retry: false,
  });

export const planQuery = (id: number) =>
  queryOptions({
    queryKey: kehraKeys.plan(id),
    queryFn: ({ signal }) => getJson<KehraPlan>(`/api/kehra/groups/${id}/plan`, signal),
  });

export const candidatesQuery = (id: number) =>
  queryOptions({
    queryKey: kehraKeys.candidates(id),
    queryFn: ({ signal }) => getJson<PlanCandidate[]>(`/api/kehra/groups/${id}/plan/candidates`, signal),
  });

export const tableQuery = (id: number) =>
  queryOptions({
    queryKey: kehraKeys.table(id),
    queryFn: ({ signal }) => getJson<TableDetail>(`/api/partnership-tables/${id}`, signal),
    retry: false,
  });

export type WhoWhere = { lon: string; lat: string } | { area: number };

export const whoIsActiveQuery = (where: WhoWhere) =>
  queryOptions({
    queryKey: kehraKeys.who(where),
    queryFn: ({ signal }) => {
      const q = 'area' in where ? `area=${where.area}` : `lon=${where.lon}&lat=${where.lat}`;
      return getJson<WhoIsActive>(`/api/who-is-active?${q}`, signal);
    },
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

/** One development area with its geometry (the edit form starts from it). */
export const devAreaQuery = (id: number) =>
  queryOptions({
    queryKey: kehraKeys.devArea(id),
    queryFn: ({ signal }) => getJson<KehraDevAreaFeature>(`/api/kehra/areas/${id}`, signal),
  });

/** Every version of a development area, newest first. */
export const devAreaVersionsQuery = (id: number) =>
  queryOptions({
    queryKey: kehraKeys.versions(id),
    queryFn: ({ signal }) => getJson<KehraDevAreaVersion[]>(`/api/kehra/areas/${id}/versions`, signal),
  });

/** Partnership table meetings in a time window (`from`, `to`, `area` as the API's query string). */
export const meetingsQuery = (search: string) =>
  queryOptions({
    queryKey: kehraKeys.meetings(search),
    queryFn: ({ signal }) => getJson<FeatureCollection<MeetingProperties>>(`/api/partnership-tables/meetings?${search}`, signal),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });
