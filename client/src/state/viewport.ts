import { useSyncExternalStore } from 'react';
import { roundBbox, type Bbox } from '@contracts/common';

/**
 * The map's view box, rounded to the contracts' one grid, written by the layers on load and moveend
 * (never while panning) and read by the sidebar lists, so a layer and its list ask the server the
 * same question and share one cache entry. One store for every dataset.
 */
let current: Bbox | null = null;
const listeners = new Set<() => void>();

export function setViewport(bounds: Bbox): void {
  const next = roundBbox(bounds);
  if (current && current.every((v, i) => v === next[i])) return;
  current = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const get = () => current;

export const useViewport = (): Bbox | null => useSyncExternalStore(subscribe, get, get);
