import { IDEA_STAGES, type IdeaStage } from '@contracts/ideas';
import { urlDate } from '@/state/url-dates';
import { useSearchParam, useSelectedAreaId } from '@/state/url-state';
import type { IdeaListFilter } from './query';
import { useViewportBbox } from './viewport';

const isStage = (v: string | null): v is IdeaStage => !!v && (IDEA_STAGES as readonly string[]).includes(v);

/** The ideas filter of the URL (?area=, ?theme=, ?stage=, ?waiting=true, ?from=, ?to=) and the map's view. */
export function useIdeaFilter(): IdeaListFilter {
  const [area] = useSelectedAreaId();
  const [theme] = useSearchParam('theme');
  const [stage] = useSearchParam('stage');
  const [waiting] = useSearchParam('waiting');
  const [from] = useSearchParam('from');
  const [to] = useSearchParam('to');
  const bbox = useViewportBbox();
  return {
    bbox,
    area,
    theme: theme && /^[a-z0-9-]+$/.test(theme) ? theme : null,
    stage: isStage(stage) ? stage : null,
    waiting: waiting === 'true',
    from: urlDate(from),
    to: urlDate(to),
  };
}
