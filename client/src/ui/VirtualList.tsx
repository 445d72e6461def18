import { Button, ButtonVariant } from 'hds-react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { keyTarget } from './virtual-list-keys';
import './virtual-list.css';

interface Props<T> {
  /** The rows loaded so far, in order. */
  items: readonly T[];
  /** Every match, loaded or not: the screen reader's "item 3 of 2 600". */
  total: number;
  itemKey: (item: T) => string | number;
  /** One row: a single link or button, the row's one tab stop. */
  renderItem: (item: T) => ReactNode;
  /** The id of the heading that names the list. */
  labelledBy: string;
  /** Class of the list element, for the feature's own row look. */
  className?: string;
  /** First guess of a row's height in pixels; each row is measured once shown. */
  estimateSize: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  ordered?: boolean;
}

/** Rows kept beyond each edge of the window, so Tab and the arrows always find the next one. */
const OVERSCAN = 4;
/** Load the next page this many rows before the reader reaches the end of what is loaded. */
const LOAD_AHEAD = 10;

/**
 * A long list that holds only about a screenful of rows in the DOM (TanStack Virtual), loading
 * further pages as the reader scrolls or moves on by keyboard. Each row tells its place in the
 * whole (aria-posinset of aria-setsize); arrows, Page keys, Home and End move focus and the window
 * follows; Tab walks the rows as the focused row scrolls into view; the focused row stays in the
 * DOM while scrolled away; and a "show more" button loads the next page without scrolling.
 */
export function VirtualList<T>({
  items,
  total,
  itemKey,
  renderItem,
  labelledBy,
  className,
  estimateSize,
  hasMore,
  loadingMore,
  onLoadMore,
  ordered,
}: Props<T>) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const focused = useRef<number | null>(null);
  const pendingFocus = useRef<number | null>(null);
  // Keep the focused row rendered when it scrolls out of the window, so focus is never lost to <body>.
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const f = focused.current;
    return f === null || indexes.includes(f) ? indexes : [...indexes, f].sort((a, b) => a - b);
  }, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan: OVERSCAN,
    rangeExtractor,
    getItemKey: (i) => itemKey(items[i]),
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= items.length - LOAD_AHEAD) onLoadMore();
  }, [hasMore, loadingMore, lastShown, items.length, onLoadMore]);

  const rowLink = (index: number) =>
    scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] a, [data-index="${index}"] button`);
  // A key asked for a row that was not rendered (or loaded) yet: bring the window there once the
  // row is loaded, and focus it once it is rendered.
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (want === null) return;
    const el = rowLink(want);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    } else if (want < items.length) virtualizer.scrollToIndex(want, { align: 'auto' });
    else if (!hasMore) pendingFocus.current = null;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const page = Math.max(1, rows.length - 2 * OVERSCAN);
    const target = keyTarget(e.key, Number(row.dataset.index), items.length, page, hasMore);
    if (!target) return;
    e.preventDefault();
    const el = rowLink(target.index);
    if (el) return el.focus();
    pendingFocus.current = target.index;
    if (target.more) {
      if (!loadingMore) onLoadMore();
    } else virtualizer.scrollToIndex(target.index, { align: 'auto' });
  };

  const List = ordered ? 'ol' : 'ul';
  return (
    <div className="virtual-list">
      <div ref={scroller} className="virtual-list-scroller" data-virtual-scroller="">
        <List
          role="list"
          aria-labelledby={labelledBy}
          className={`virtual-list-items ${className ?? ''}`}
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
            focused.current = row ? Number(row.dataset.index) : null;
          }}
        >
          {rows.map((r) => (
            <li
              key={r.key}
              ref={virtualizer.measureElement}
              data-index={r.index}
              aria-setsize={total}
              aria-posinset={r.index + 1}
              className="virtual-list-row"
              style={{ transform: `translateY(${r.start}px)` }}
            >
              {renderItem(items[r.index])}
            </li>
          ))}
        </List>
      </div>
      {hasMore && (
        <Button
          variant={ButtonVariant.Secondary}
          className="virtual-list-more"
          onClick={onLoadMore}
          disabled={loadingMore}
          aria-describedby={labelledBy}
        >
          {loadingMore ? t('virtualList.loadingMore') : t('virtualList.more', { shown: items.length, total })}
        </Button>
      )}
    </div>
  );
}
