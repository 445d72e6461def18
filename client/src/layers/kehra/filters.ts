import { useSearchParam, useSelectedAreaId } from '@/state/url-state';
import type { KehraFilter } from './query';

/** The Kehrä filter of the URL: the chosen ?area= and ?theme=. */
export function useKehraFilter(): KehraFilter {
  const [area] = useSelectedAreaId();
  const [theme] = useSearchParam('theme');
  return { area, theme: theme && /^[a-z0-9-]+$/.test(theme) ? theme : null };
}
