import type { KeyboardEvent } from 'react';

/**
 * Arrow keys, Home and End move focus between the items (matched by `selector`) of a list, so a
 * long list is quick to walk by keyboard while Tab still leaves it. Use as onKeyDown of the list.
 */
export const moveFocusAmong =
  (selector: string) =>
  (e: KeyboardEvent<HTMLElement>): void => {
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(selector)];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, next))]?.focus();
  };
