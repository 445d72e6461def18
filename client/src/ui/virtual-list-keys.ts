/**
 * Where a key moves focus in a list of `loaded` rows from row `at`: arrows by one, Page keys by
 * `page`, Home and End to the ends of what is loaded. When more rows can be loaded, the arrow and
 * Page Down go past the last loaded row (`more`: the caller loads them, then focuses the row).
 * Undefined for other keys: they do their own thing, Tab included.
 */
export function keyTarget(
  key: string,
  at: number,
  loaded: number,
  page: number,
  hasMore: boolean,
): { index: number; more: boolean } | undefined {
  const last = loaded - 1;
  const wanted = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: last }[key];
  if (wanted === undefined || loaded === 0) return undefined;
  if (hasMore && wanted > last) return { index: wanted, more: true };
  return { index: Math.max(0, Math.min(last, wanted)), more: false };
}
