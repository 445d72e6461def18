import { urlParams } from '@/state/url-filters';
import { useSelectedAreaId, useUrlParam } from '@/state/url-state';
import type { KehraFilter } from './query';

/** The Kehrä filter of the URL: the chosen ?area= and the ?theme= list. */
export function useKehraFilter(): KehraFilter {
  const [area] = useSelectedAreaId();
  const [theme] = useUrlParam(urlParams.theme);
  return { area, theme };
}
