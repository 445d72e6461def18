import fs from 'node:fs';
import type { Knex } from 'knex';
import * as repo from '../activities.repository.js';
import type { ActivityInput } from '../activities.repository.js';

export type Candidate = { activity: ActivityInput } | { rejected: string; where: string };

export interface ImportSummary {
  dataset: string;
  source: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { where: string; reason: string }[];
  durationMs: number;
  itemsPerSecond: number;
}

/** Reads JSON from a URL or a file; tests inject their own (fixtures, never the network). */
export type FetchJson = (url: string) => Promise<unknown>;

export const defaultFetchJson: FetchJson = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.json();
};

export const isUrl = (s: string) => /^https?:\/\//.test(s);

export async function readJsonSource(from: string, fetchJson: FetchJson): Promise<unknown> {
  if (isUrl(from)) return fetchJson(from);
  if (!fs.existsSync(from)) throw new Error(`No such file: ${from}`);
  return JSON.parse(fs.readFileSync(from, 'utf8'));
}

/** Rows per write: large enough that round trips vanish, small enough that a refused batch is cheap to retry row by row. */
export const IMPORT_BATCH_SIZE = 1000;

/**
 * Writes candidates in one transaction, upserting by (source, source_id) in set-based batches
 * (repo.upsertActivities: three statements a batch): a re-run of the same data reports everything
 * unchanged and writes nothing. Unknown departments or themes reject the item (with the reason)
 * instead of failing the whole import; a batch the database refuses (a geometry PostGIS cannot
 * read, say) is written again row by row, so only the broken rows are rejected.
 */
export async function runImport(
  knex: Knex,
  dataset: string,
  source: string,
  candidates: AsyncIterable<Candidate> | Iterable<Candidate>,
  onProgress: (m: string) => void = () => {},
  batchSize = IMPORT_BATCH_SIZE,
): Promise<ImportSummary> {
  const started = Date.now();
  const s: ImportSummary = {
    dataset,
    source,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    durationMs: 0,
    itemsPerSecond: 0,
  };
  const progress = () =>
    `  ${s.read} read: ${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected.length} rejected`;
  await knex.transaction(async (trx) => {
    const departments = new Set((await repo.listDepartments(trx)).map((d) => d.slug));
    const themes = new Set((await repo.listThemes(trx)).map((t) => t.slug));
    let batch: repo.ActivityInput[] = [];
    const keys = new Set<string>();

    const flush = async () => {
      if (batch.length === 0) return;
      try {
        // A savepoint: a refused batch must not abort the import's transaction.
        const results = await trx.transaction((sp) => repo.upsertActivities(sp, batch));
        for (const r of results) s[r.action]++;
      } catch {
        for (const a of batch) {
          try {
            const r = await trx.transaction((sp) => repo.upsertActivity(sp, a));
            s[r.action]++;
          } catch (err) {
            s.rejected.push({ where: `${a.source}:${a.sourceId}`, reason: (err as Error).message.split('\n')[0].slice(0, 300) });
          }
        }
      }
      batch = [];
      keys.clear();
      onProgress(progress());
    };

    for await (const c of candidates) {
      s.read++;
      if ('rejected' in c) {
        s.rejected.push({ where: c.where, reason: c.rejected });
        continue;
      }
      const a = c.activity;
      const where = `${a.source}:${a.sourceId}`;
      if (!departments.has(a.department)) {
        s.rejected.push({ where, reason: `unknown department ${a.department}` });
        continue;
      }
      const unknownThemes = a.themes.filter((t) => !themes.has(t));
      if (unknownThemes.length) {
        s.rejected.push({ where, reason: `unknown theme(s) ${unknownThemes.join(', ')}` });
        continue;
      }
      // The same item twice in a source: the later one wins, as it would written one by one.
      if (keys.has(where)) await flush();
      batch.push(a);
      keys.add(where);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    s.durationMs = Date.now() - started;
    s.itemsPerSecond = Math.round((s.read / Math.max(1, s.durationMs)) * 1000);
    await repo.recordActivityImport(trx, dataset, source, s);
  });
  return s;
}

/** First non-empty value of a multilingual object or a string. */
export const text = (v: unknown, lang: 'fi' | 'sv' | 'en' = 'fi'): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'object') {
    const s = (v as Record<string, unknown>)[lang];
    return typeof s === 'string' && s.trim() !== '' ? s : null;
  }
  return String(v);
};

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `Imported ${s.dataset} from ${s.source} in ${s.durationMs} ms (${s.itemsPerSecond} items/s)`,
    `  read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected.length}`,
  ];
  for (const r of s.rejected.slice(0, 20)) lines.push(`    ${r.where}: ${r.reason}`);
  if (s.rejected.length > 20) lines.push(`    … and ${s.rejected.length - 20} more`);
  return lines.join('\n');
}
