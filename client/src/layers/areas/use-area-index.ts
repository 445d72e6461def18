import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { AREA_LEVELS, type AreaCollection, type AreaLevel, type AreaProperties } from '@contracts/areas';
import { areaCollectionQuery } from './query';

export interface AreaIndex {
  collections: Partial<Record<AreaLevel, AreaCollection>>;
  byId: Map<number, AreaProperties>;
  /** Children of an area, or the top level under the key null. */
  children: Map<number | null, AreaProperties[]>;
}

export function buildAreaIndex(collections: Partial<Record<AreaLevel, AreaCollection>>): AreaIndex {
  const byId = new Map<number, AreaProperties>();
  const children = new Map<number | null, AreaProperties[]>();
  for (const level of AREA_LEVELS) {
    for (const f of collections[level]?.features ?? []) {
      byId.set(f.properties.id, f.properties);
      const parent = level === 'suurpiiri' ? null : f.properties.parentId;
      const list = children.get(parent) ?? [];
      list.push(f.properties);
      children.set(parent, list);
    }
  }
  // Code order here; views sort by name in the reader's language.
  for (const list of children.values()) list.sort((a, b) => a.fullCode.localeCompare(b.fullCode));
  return { collections, byId, children };
}

// useQueries shares a combined result structurally, so `datas` keeps its identity (and the index below is not rebuilt)
// until one level's data changes; at module level so that the combination itself is not redone every render.
const combineLevels = (results: UseQueryResult<AreaCollection>[]) => ({
  datas: results.map((r) => r.data),
  isPending: results.some((r) => r.isPending),
  error: results.find((r) => r.error)?.error ?? null,
});

/** All three levels: the list, picker and labels need the whole hierarchy. */
export function useAreaIndex() {
  const { datas, isPending, error } = useQueries({
    queries: AREA_LEVELS.map((level) => areaCollectionQuery(level)),
    combine: combineLevels,
  });
  const index = useMemo(() => buildAreaIndex(Object.fromEntries(AREA_LEVELS.map((l, i) => [l, datas[i]]))), [datas]);
  return { index, isPending, error };
}

/** The area and its ancestors, coarsest first. */
export function areaPath(index: AreaIndex, id: number | null): AreaProperties[] {
  const path: AreaProperties[] = [];
  let a = id == null ? undefined : index.byId.get(id);
  while (a) {
    path.unshift(a);
    a = a.parentId == null ? undefined : index.byId.get(a.parentId);
  }
  return path;
}
