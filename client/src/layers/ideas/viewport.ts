import { useSyncExternalStore } from 'react';
import type { Bbox } from './query';

/**
 * The map's rounded view box, written by the ideas layer (inside the map) and read by the ideas
 * list (in the sidebar), so both ask the server the same question and share one cache entry.
 */
let bbox: Bbox | null = null;
const listeners = new Set<() => void>();

export const viewportStore = {
  get: () => bbox,
  set(next: Bbox) {
    if (bbox && next.every((v, i) => v === bbox![i])) return;
    bbox = next;
    for (const l of listeners) l();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useViewportBbox = () => useSyncExternalStore(viewportStore.subscribe, viewportStore.get, viewportStore.get);
