import { useParams } from 'react-router';

/**
 * The numeric id of a page's route (/ideas/:id, /activities/:id, /kehra/groups/:id, …), or null
 * for anything the API would refuse as an id (so the page says "not found" instead of asking).
 */
export function parseRouteId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

export const useRouteId = (): number | null => parseRouteId(useParams().id);
