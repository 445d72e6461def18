import type { IdeaCollection } from '@contracts/ideas';
import { ideaKeys, ideasSearch, type IdeaListFilter } from '@/layers/ideas/query';
import { LIST_PAGE_SIZE, pagedListQuery } from '@/ui/list-pages';

/**
 * The sidebar list's own paged query of the ideas in view, newest first (the server's order);
 * the map layer keeps its own query. Under ideaKeys.all, so a new idea refreshes the list too.
 */
export const ideaListQuery = (filter: IdeaListFilter) =>
  pagedListQuery<IdeaCollection>(
    [...ideaKeys.all, 'list-pages', filter],
    (offset) => `/api/ideas?${ideasSearch(filter, { limit: String(LIST_PAGE_SIZE), offset: String(offset) })}`,
  );
