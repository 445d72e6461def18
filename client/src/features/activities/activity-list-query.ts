import type { ActivityCollection } from '@contracts/activities';
import { roundBbox, type Bbox } from '@contracts/common';
import { activityKeys } from '@/layers/activities/query';
import { LIST_PAGE_SIZE, pagedListQuery } from '@/ui/list-pages';

/**
 * The sidebar list's own paged query of the view: the map draws from vector tiles, so the list
 * asks for its rows page by page (`filter` is the same API query string the map layer filters by).
 * Under activityKeys.all, so an edit that refreshes activities refreshes the list too.
 */
export const activityListQuery = (bbox: Bbox, filter: string) => {
  const box = roundBbox(bbox).join(',');
  return pagedListQuery<ActivityCollection>([...activityKeys.all, 'list-pages', { bbox: box, filter }], (offset) => {
    const q = new URLSearchParams(filter);
    q.set('bbox', box);
    q.set('limit', String(LIST_PAGE_SIZE));
    q.set('offset', String(offset));
    return `/api/activities?${q.toString()}`;
  });
};
