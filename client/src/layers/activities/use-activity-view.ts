import { useMatch } from 'react-router';
import { useActivityFilters, useSelectedAreaId } from '@/state/url-state';
import { activityFilterParams, localDate } from './filters';

/** Route state the layer follows: /activities/* shows the layer, /activities/:id highlights one. */
export function useActivityRoute() {
  const active = useMatch('/activities/*') !== null;
  const idParam = useMatch('/activities/:id')?.params.id;
  const detailId = idParam && /^\d+$/.test(idParam) ? Number(idParam) : null;
  return { active, detailId };
}

/** The filter part of the viewport query, as the sidebar list builds it too. */
export function useActivityFilterString(): string {
  const [filters] = useActivityFilters();
  const [area] = useSelectedAreaId();
  return activityFilterParams(filters, { area, today: localDate() }).toString();
}
