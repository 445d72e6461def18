/**
 * The sidebar lists are virtual (client/src/ui/VirtualList.tsx): only about a screenful of rows is
 * in the DOM, further pages load as the list scrolls. These helpers scroll the list's own box as a
 * reader would, so a spec can ask what the whole list holds, not only what happens to be rendered.
 */
import { expect } from 'vitest';
import type { Page } from './app.js';

interface Scan {
  /** Each row's text (of `item` inside it), in list order. */
  texts: string[];
  /** A row whose text starts with `stopAt` is rendered and scrolled into view. */
  found: boolean;
}

/**
 * Scrolls the list (`list` is a selector of its section) from the top until every row has been
 * rendered once (aria-setsize of them), or until a row starting with `stopAt` shows. Waits on
 * animation frames (the virtual window follows the scroll event) and, at the bottom of what is
 * loaded, on the next page's rows; when none come for 10 s it returns what it saw, so a caller's
 * poll retries rather than an evaluate that never returns.
 */
export function scanList(page: Page, list: string, item: string, stopAt?: string): Promise<Scan> {
  return page.evaluate(
    async ({ list, item, stopAt }) => {
      const text = (el: Element | null) => el?.textContent?.trim() ?? '';
      const scroller = document.querySelector<HTMLElement>(`${list} [data-virtual-scroller]`);
      if (!scroller) return { texts: [], found: false };
      const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      // The list's next rows, or false when none came for a while (the list may be refetching, or a
      // page failed): the scan then returns what it saw, and the caller's poll asks again.
      const changed = () =>
        new Promise<boolean>((r) => {
          const o = new MutationObserver(() => {
            o.disconnect();
            clearTimeout(quiet);
            r(true);
          });
          o.observe(scroller, { childList: true, subtree: true, attributes: true });
          const quiet = setTimeout(() => {
            o.disconnect();
            r(false);
          }, 10_000);
        });
      const seen = new Map<number, string>();
      scroller.scrollTop = 0;
      await frames();
      for (;;) {
        let size = 0;
        for (const row of scroller.querySelectorAll('[aria-posinset]')) {
          const t = text(row.querySelector(item));
          seen.set(Number(row.getAttribute('aria-posinset')), t);
          size = Number(row.getAttribute('aria-setsize'));
          if (stopAt !== undefined && t.startsWith(stopAt)) {
            row.scrollIntoView({ block: 'nearest' });
            await frames();
            return { texts: [...seen.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]), found: true };
          }
        }
        if (seen.size >= size) break;
        const before = scroller.scrollTop;
        scroller.scrollTop = before + scroller.clientHeight / 2;
        await frames();
        // At the bottom of what is loaded: the list asks for the next page by itself.
        if (scroller.scrollTop === before && !(await changed())) break;
      }
      return { texts: [...seen.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]), found: false };
    },
    { list, item, stopAt },
  );
}

/** Every row's text of the list, however many are rendered at a time. */
export const listTexts = async (page: Page, list: string, item: string) => (await scanList(page, list, item)).texts;

/** Waits until the list has (or no longer has) a row whose text starts with `title`; when it has, the row is in view. */
export async function listHas(page: Page, list: string, item: string, title: string, present = true): Promise<void> {
  await expect.poll(async () => (await scanList(page, list, item, title)).found, { timeout: 30_000 }).toBe(present);
}

/** How many rows of the list are in the DOM now, and the whole list's size they say (aria-setsize). */
export const renderedRows = (page: Page, list: string) =>
  page.evaluate((list) => {
    const rows = [...document.querySelectorAll(`${list} [aria-posinset]`)];
    return {
      rows: rows.length,
      setSize: Number(rows[0]?.getAttribute('aria-setsize') ?? 0),
      positions: rows.map((r) => Number(r.getAttribute('aria-posinset'))),
    };
  }, list);
