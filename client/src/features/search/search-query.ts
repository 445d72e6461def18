import { queryOptions } from '@tanstack/react-query';
import { SEARCH_Q_MIN, type SearchResponse } from '@contracts/search';
import { getJson } from '@/api/http';

export const searchKeys = {
  all: ['search'] as const,
  results: (q: string, lang: string) => ['search', { q, lang }] as const,
};

/** Places, addresses and districts matching the typed text; too short a text asks nothing. */
export const placeSearchQuery = (q: string, lang: string) =>
  queryOptions({
    queryKey: searchKeys.results(q, lang),
    queryFn: ({ signal }) => getJson<SearchResponse>(`/api/search?${new URLSearchParams({ q, lang }).toString()}`, signal),
    enabled: q.length >= SEARCH_Q_MIN,
    staleTime: 5 * 60 * 1000,
    retry: false,
  });
