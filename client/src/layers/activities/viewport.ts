import { useSyncExternalStore } from 'react';
import type { Bbox } from './query';

/**
 * The map's current bounds, written by the layer on load and moveend (never while panning) and
 * read by the sidebar list, so both ask the same viewport query and share its cache entry.
 */
let current: Bbox | null = null;
const listeners = new Set<() => void>();

export function setViewport(next: Bbox): void {
  if (current && current.every((v, i) => v === next[i])) return;
  current = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useViewport = (): Bbox | null => useSyncExternalStore(subscribe, () => current);
