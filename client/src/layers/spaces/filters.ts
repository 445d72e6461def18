import { useSearchParams } from 'react-router';
import type { SpaceFilter } from './query';

const positiveInt = (v: string | null) => {
  const n = v == null ? Number.NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** The Spaces section's filters from the URL; the map, the list and the downloads share them. */
export function useSpaceFilter(): SpaceFilter {
  const [params] = useSearchParams();
  return {
    area: positiveInt(params.get('area')),
    capacity: positiveInt(params.get('capacity')),
    kind: params.get('kind'),
    freeFrom: params.get('freeFrom'),
    freeTo: params.get('freeTo'),
  };
}
