import type { Response } from 'express';
import { toCsv } from './csv.js';

/** Downloads are read in bounded queries of this many rows (PGlite runs out of memory on huge JSON). */
export const EXPORT_PAGE = 2000;

export interface ExportPage {
  limit: number;
  offset: number;
}

/** Reads up to `page.limit` items from `page.offset`, one bounded query at a time. */
async function* pages<T>(page: ExportPage, read: (p: ExportPage) => Promise<{ items: T; count: number }>): AsyncGenerator<T> {
  for (let done = 0; done < page.limit;) {
    const n = Math.min(EXPORT_PAGE, page.limit - done);
    const chunk = await read({ limit: n, offset: page.offset + done });
    if (chunk.count) yield chunk.items;
    done += chunk.count;
    if (chunk.count < n) break;
  }
}

/** A CSV download: the header, then each page's rows; list values are joined with ';'. */
export async function* csvExport<R extends object>(
  columns: readonly (keyof R & string)[],
  page: ExportPage,
  read: (p: ExportPage) => Promise<R[]>,
): AsyncGenerator<string> {
  yield toCsv([[...columns]]);
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(';') : v);
  for await (const rows of pages(page, async (p) => {
    const r = await read(p);
    return { items: r, count: r.length };
  })) {
    yield toCsv(rows.map((r) => columns.map((c) => cell(r[c]))));
  }
}

/** A GeoJSON download built from pages of features given as JSON array text. */
export async function* geoJsonExport(
  page: ExportPage,
  read: (p: ExportPage) => Promise<{ json: string; count: number }>,
): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const json of pages(page, async (p) => {
    const r = await read(p);
    return { items: r.json, count: r.count };
  })) {
    yield (first ? '' : ',') + json.slice(1, -1);
    first = false;
  }
  yield ']}';
}

/** Streams a download; the first chunk is awaited before headers so a 400 still answers as JSON. */
export async function sendChunks(res: Response, chunks: AsyncGenerator<string>, type: string, filename: string): Promise<void> {
  const first = await chunks.next();
  res.type(type).attachment(filename);
  if (!first.done) res.write(first.value);
  for await (const c of chunks) res.write(c);
  res.end();
}
