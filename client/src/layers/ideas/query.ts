import { queryOptions } from '@tanstack/react-query';
import type { Theme } from '@contracts/activities';
import type { IdeaCollection, IdeaComment, IdeaDetail, IdeaParticipation, IdeaStage, Notification } from '@contracts/ideas';
import type { Bbox } from '@contracts/common';
import { getJson } from '@/api/http';
import { endOfDay } from '@/state/url-dates';
import { urlParams } from '@/state/url-filters';

export type { Bbox };

/** Every input of GET /api/ideas; the list, the map and the export links share it. */
export interface IdeaListFilter {
  bbox: Bbox | null;
  area: number | null;
  theme: string[];
  stage: IdeaStage[];
  waiting: boolean;
  /** Submitted on or after / on or before these days (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
}

export const ideaKeys = {
  all: ['ideas'] as const,
  list: (filter: IdeaListFilter) => ['ideas', 'list', filter] as const,
  detail: (id: number) => ['ideas', 'detail', { id }] as const,
  comments: (id: number) => ['ideas', 'comments', { id }] as const,
  /** What "mine" means depends on who is signed in. */
  participation: (id: number, userId: number | null) => ['ideas', 'participation', { id, userId }] as const,
  notifications: (userId: number) => ['notifications', { userId }] as const,
};

export function ideasSearch(filter: IdeaListFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (filter.bbox) q.set('bbox', filter.bbox.join(','));
  if (filter.area != null) q.set('area', String(filter.area));
  if (filter.theme.length) q.set('theme', urlParams.theme.write(filter.theme)!);
  if (filter.stage.length) q.set('stage', urlParams.stage.write(filter.stage)!);
  if (filter.waiting) q.set('waiting', 'true');
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', endOfDay(filter.to));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export const ideasQuery = (filter: IdeaListFilter) =>
  queryOptions({
    queryKey: ideaKeys.list(filter),
    queryFn: ({ signal }) => getJson<IdeaCollection>(`/api/ideas?${ideasSearch(filter)}`, signal),
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });

export const ideaDetailQuery = (id: number) =>
  queryOptions({
    queryKey: ideaKeys.detail(id),
    queryFn: ({ signal }) => getJson<IdeaDetail>(`/api/ideas/${id}`, signal),
    retry: false,
  });

export const ideaCommentsQuery = (id: number) =>
  queryOptions({
    queryKey: ideaKeys.comments(id),
    queryFn: ({ signal }) => getJson<IdeaComment[]>(`/api/ideas/${id}/comments`, signal),
  });

export const ideaParticipationQuery = (id: number, userId: number | null) =>
  queryOptions({
    queryKey: ideaKeys.participation(id, userId),
    queryFn: ({ signal }) => getJson<IdeaParticipation>(`/api/ideas/${id}/participation`, signal),
  });

export const notificationsQuery = (userId: number) =>
  queryOptions({
    queryKey: ideaKeys.notifications(userId),
    queryFn: ({ signal }) => getJson<Notification[]>('/api/notifications', signal),
    staleTime: 30_000,
  });

/** Themes change only when an administrator edits them. */
export const themesQuery = () =>
  queryOptions({
    queryKey: ['themes'] as const,
    queryFn: ({ signal }) => getJson<Theme[]>('/api/themes', signal),
    staleTime: Infinity,
  });
