import { infiniteQueryOptions, keepPreviousData, type QueryKey } from '@tanstack/react-query';
import { getJson } from '@/api/http';

/** The counts every collection list answers with (`/api/<dataset>?limit=&offset=`). */
export interface ListPage {
  numberMatched: number;
  numberReturned: number;
  offset: number;
}

/** Rows a sidebar list asks for at a time: a few screenfuls, small enough to answer fast. */
export const LIST_PAGE_SIZE = 50;

/** Where the page after `last` starts, or undefined once every match has been returned. */
export function nextOffset(last: ListPage): number | undefined {
  const next = last.offset + last.numberReturned;
  return last.numberReturned > 0 && next < last.numberMatched ? next : undefined;
}

/**
 * A collection list read page by page as the reader scrolls. `url(offset)` is the whole request
 * of one page; `queryKey` must hold every input of it but the offset. The previous view's rows
 * stay while the next view's first page loads.
 */
export const pagedListQuery = <P extends ListPage>(queryKey: QueryKey, url: (offset: number) => string) =>
  infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) => getJson<P>(url(pageParam), signal),
    initialPageParam: 0,
    getNextPageParam: nextOffset,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
