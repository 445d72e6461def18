import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { AREA_LEVELS, type AreaLevel } from '@contracts/areas';
import { FIGURE_KEYS, type FigureKey } from '@contracts/statistics';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useSearchParam } from '@/state/url-state';
import { levelStatisticsQuery } from './query';
import { classOf, quantileBreaks } from './style';

/** ?stat=<figure> turns the choropleth on; anything else is off. */
export function useStatisticsFigure(): [FigureKey | null, (f: FigureKey | null) => void] {
  const [value, set] = useSearchParam('stat');
  const figure = (FIGURE_KEYS as readonly string[]).includes(value ?? '') ? (value as FigureKey) : null;
  return [figure, set];
}

/** ?statLevel= the level the choropleth colours (peruspiiri unless another is named). */
export function useStatisticsLevel(): [AreaLevel, (l: AreaLevel) => void] {
  const [value, set] = useSearchParam('statLevel');
  const level = (AREA_LEVELS as readonly string[]).includes(value ?? '') ? (value as AreaLevel) : 'peruspiiri';
  return [level, set];
}

/** The districts of the chosen level, each with its value and class, and the breaks the legend shows. */
export function useStatisticsView() {
  const [figure] = useStatisticsFigure();
  const [level] = useStatisticsLevel();
  const { index } = useAreaIndex();
  const stats = useQuery({ ...levelStatisticsQuery(level, figure ?? 'population'), enabled: figure !== null });
  return useMemo(() => {
    const areas = index.collections[level];
    if (!figure || !stats.data || !areas) return null;
    const value = new Map(stats.data.values.map((v) => [v.areaId, v.value]));
    const breaks = quantileBreaks(stats.data.values.flatMap((v) => (v.value === null ? [] : [v.value])));
    return {
      figure,
      level,
      breaks,
      year: stats.data.year,
      collection: {
        type: 'FeatureCollection' as const,
        features: areas.features.map((f) => {
          const v = value.get(f.properties.id) ?? null;
          return { ...f, properties: { id: f.properties.id, value: v, class: classOf(v, breaks) } };
        }),
      },
    };
  }, [figure, stats.data, index, level]);
}
