import { queryOptions } from '@tanstack/react-query';
import type { ContentReport } from '@contracts/ideas';
import { getJson, sendJson } from '@/api/http';

export const moderationKeys = {
  all: ['moderation'] as const,
  reports: ['moderation', 'reports'] as const,
};

/** The open reports, newest first (the server's order). Moderators and admins only. */
export const reportsQuery = () =>
  queryOptions({
    queryKey: moderationKeys.reports,
    queryFn: ({ signal }) => getJson<ContentReport[]>('/api/moderation/reports', signal),
  });

export const dismissReport = (id: number) => sendJson('POST', `/api/moderation/reports/${id}/dismiss`, {});
