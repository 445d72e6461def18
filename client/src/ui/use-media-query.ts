import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now; re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** The phone layout's breakpoint, the same as app.css's `@media (max-width: 768px)`. */
export const PHONE_QUERY = '(max-width: 768px)';
export const useIsPhone = () => useMediaQuery(PHONE_QUERY);
