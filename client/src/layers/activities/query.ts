import { keepPreviousData, queryOptions, skipToken } from '@tanstack/react-query';
import type {
  ActivityClusterCollection,
  ActivityCollection,
  ActivityDetail,
  Department,
  OverlapsResponse,
} from '@contracts/activities';
import { roundBbox, type Bbox, type GeoJsonGeometry } from '@contracts/common';
import { getJson, sendJson } from '@/api/http';

/** Features per viewport request: plenty for a district, far below the API's 5000 cap. */
export const MAP_LIMIT = 2000;

export type { Bbox };

export const activityKeys = {
  all: ['activities'] as const,
  departments: ['activities', 'departments'] as const,
  list: (bbox: string, filter: string) => ['activities', 'list', { bbox, filter }] as const,
  clusters: (bbox: string, zoom: number, filter: string) => ['activities', 'clusters', { bbox, zoom, filter }] as const,
  tiles: (filter: string) => ['activities', 'tiles', { filter }] as const,
  detail: (id: number, distance: number) => ['activities', 'detail', { id, distance }] as const,
  overlaps: (filter: string) => ['activities', 'overlaps', { filter }] as const,
  drawnOverlaps: (body: DrawnAreaOverlapsBody | null) => ['activities', 'overlaps', 'drawn', body] as const,
};

export const departmentsQuery = () =>
  queryOptions({
    queryKey: activityKeys.departments,
    queryFn: ({ signal }) => getJson<Department[]>('/api/departments', signal),
    staleTime: Infinity,
  });

/**
 * Activities in a (rounded) viewport matching the filters. `filter` is the API query string of
 * the filters (activityFilterParams), so the key holds every input the fetch uses. The previous
 * answer stays on the map while the next viewport loads.
 */
export const activitiesQuery = (bbox: Bbox, filter: string) => {
  const box = roundBbox(bbox).join(',');
  return queryOptions({
    queryKey: activityKeys.list(box, filter),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams(filter);
      q.set('bbox', box);
      q.set('limit', String(MAP_LIMIT));
      return getJson<ActivityCollection>(`/api/activities?${q.toString()}`, signal);
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
};

export const activityDetailQuery = (id: number, distance: number) =>
  queryOptions({
    queryKey: activityKeys.detail(id, distance),
    queryFn: ({ signal }) => getJson<ActivityDetail>(`/api/activities/${id}?distance=${distance}`, signal),
    placeholderData: (prev) => (prev?.id === id ? prev : undefined),
    staleTime: 60_000,
  });

/** Cross-department activity in one area; `filter` is area, from, to and distance as a query string. */
export const areaOverlapsQuery = (filter: string) =>
  queryOptions({
    queryKey: activityKeys.overlaps(filter),
    queryFn: ({ signal }) => getJson<OverlapsResponse>(`/api/overlaps?${filter}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** The POST /api/overlaps body for a drawn area (OverlapsBody's input): the shape, the time span, the distance. */
export interface DrawnAreaOverlapsBody {
  geometry: GeoJsonGeometry;
  from?: string;
  to?: string;
  distance: number;
}

/**
 * Cross-department activity in a drawn area. POST, as a drawn shape can be too long for a URL; the
 * key is the body itself, so it holds every input. Nothing is asked while the shape is unfinished (null).
 */
export const drawnAreaOverlapsQuery = (body: DrawnAreaOverlapsBody | null) =>
  queryOptions({
    queryKey: activityKeys.drawnOverlaps(body),
    queryFn: body ? () => sendJson<OverlapsResponse>('POST', '/api/overlaps', body) : skipToken,
    // A refused shape (400, e.g. self-intersecting) stays refused: show why at once.
    retry: false,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/**
 * Server-counted cells of the same view and filters, for when it holds more than MAP_LIMIT
 * activities: the map then shows how many are where instead of an arbitrary first page.
 */
export const activityClustersQuery = (bbox: Bbox, zoom: number, filter: string) => {
  const box = roundBbox(bbox).join(',');
  const z = Math.floor(zoom);
  return queryOptions({
    queryKey: activityKeys.clusters(box, z, filter),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams(filter);
      q.set('bbox', box);
      q.set('zoom', String(z));
      return getJson<ActivityClusterCollection>(`/api/activities/clusters?${q.toString()}`, signal);
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
};

/** What the map needs of /tiles/activities.json: the tiles template (with the filter and the revision) and zooms. */
export interface TileSource {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
}

/**
 * The activities' vector tiles for the filters. Under activityKeys.all, so every write that
 * invalidates activities asks again; past the browser's cache too, as the answer names the
 * revision that makes the tile URLs new (what the browser cached of them is then skipped).
 */
export const activityTilesQuery = (filter: string) =>
  queryOptions({
    queryKey: activityKeys.tiles(filter),
    queryFn: ({ signal }) => getJson<TileSource>(`/tiles/activities.json${filter ? `?${filter}` : ''}`, signal, 'no-cache'),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
