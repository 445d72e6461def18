import type { Response } from 'express';
import { CsvOptionsQuery, type CsvDelimiter } from '../contracts/common.js';
import { toCsv } from './csv.js';
import { OPEN_DATA_ATTRIBUTION, OPEN_DATA_LICENSE, sendLicenseHeader } from './open-data.js';

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

/**
 * A download's CSV options (`?delimiter=`) taken out of its query, so the rest is parsed by the
 * dataset's own strict schema; a bad value is a 400 naming `delimiter`.
 */
export function csvOptionsOf(query: Record<string, unknown>): { delimiter: CsvDelimiter; rest: Record<string, unknown> } {
  const { delimiter, ...rest } = query;
  return { delimiter: CsvOptionsQuery.parse({ delimiter }).delimiter ?? ',', rest };
}

/**
 * A CSV download: a UTF-8 byte order mark (without it Excel reads the file as the legacy code page
 * and garbles ä and ö), the header, then each page's rows; list values are joined with ';'.
 * Numbers keep their decimal point in either delimiter (README "Open data").
 */
export async function* csvExport<R extends object>(
  columns: readonly (keyof R & string)[],
  page: ExportPage,
  read: (p: ExportPage) => Promise<R[]>,
  delimiter: CsvDelimiter = ',',
): AsyncGenerator<string> {
  yield '\uFEFF' + toCsv([[...columns]], delimiter);
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(';') : v);
  for await (const rows of pages(page, async (p) => {
    const r = await read(p);
    return { items: r, count: r.length };
  })) {
    yield toCsv(
      rows.map((r) => columns.map((c) => cell(r[c]))),
      delimiter,
    );
  }
}

/** A GeoJSON download built from pages of features given as JSON array text. */
export async function* geoJsonExport(
  page: ExportPage,
  read: (p: ExportPage) => Promise<{ json: string; count: number }>,
): AsyncGenerator<string> {
  // Foreign members (RFC 7946 §6.1) carry the licence inside the file, where it travels with it.
  yield (
    `{"type":"FeatureCollection","license":${JSON.stringify(OPEN_DATA_LICENSE)},` +
    `"attribution":${JSON.stringify(OPEN_DATA_ATTRIBUTION)},"features":[`
  );
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
  sendLicenseHeader(res);
  if (!first.done) res.write(first.value);
  for await (const c of chunks) res.write(c);
  res.end();
}
