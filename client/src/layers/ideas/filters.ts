import { urlParams } from '@/state/url-filters';
import { useSelectedAreaId, useUrlParam } from '@/state/url-state';
import { useViewport } from '@/state/viewport';
import type { IdeaListFilter } from './query';

/** The ideas filter of the URL (?area=, ?theme=a,b, ?stage=a,b, ?waiting=true, ?from=, ?to=) and the map's view. */
export function useIdeaFilter(): IdeaListFilter {
  const [area] = useSelectedAreaId();
  const [theme] = useUrlParam(urlParams.theme);
  const [stage] = useUrlParam(urlParams.stage);
  const [waiting] = useUrlParam(urlParams.waiting);
  const [from] = useUrlParam(urlParams.from);
  const [to] = useUrlParam(urlParams.to);
  const bbox = useViewport();
  return { bbox, area, theme, stage, waiting, from, to };
}
