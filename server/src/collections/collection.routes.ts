import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import type { CsvDelimiter } from '../contracts/common.js';
import { csvOptionsOf, sendChunks } from '../http/export-stream.js';
import { openToEveryOrigin } from '../http/open-data.js';
import type { BaseFilter, Dataset } from './dataset.js';
import { collectionBody, collectionPage, csvChunks, filterOf, geoJsonChunks } from './collection.service.js';

const stamp = () => new Date().toISOString().slice(0, 10);

/**
 * `/api/<path>` (`?format=csv` downloads too), `/api/<path>.geojson` and `/api/<path>.csv` of each
 * dataset. The two downloads are open data any site may read (CORS `*`); the list stays same-site.
 */
export function collectionsRouter(knex: Knex, datasets: readonly Dataset<never>[]): Router {
  const r = Router();
  for (const d of datasets as readonly Dataset<BaseFilter>[]) {
    const csv = (res: Response, f: BaseFilter, page: { limit?: number; offset?: number }, delimiter: CsvDelimiter) =>
      sendChunks(
        res,
        csvChunks(knex, d, f, { limit: page.limit ?? d.limits.export, offset: page.offset ?? 0 }, delimiter),
        'text/csv; charset=utf-8',
        `${d.id}-${stamp()}.csv`,
      );

    r.get(`/${d.path}`, async (req, res) => {
      if (req.query.format === 'csv') {
        const { delimiter, rest } = csvOptionsOf(req.query);
        const q = d.query.parse(rest);
        return csv(res, filterOf(q), q, delimiter);
      }
      const q = d.query.parse(req.query);
      res.type('application/geo+json').send(collectionBody(await collectionPage(knex, d, filterOf(q), q)));
    });
    const exportQuery = d.exportQuery ?? d.query;
    // Open to every site: the preflight here, the header on each download (a write route it is not).
    r.options([`/${d.path}.csv`, `/${d.path}.geojson`], openToEveryOrigin);
    r.get(`/${d.path}.csv`, openToEveryOrigin, async (req, res) => {
      const { delimiter, rest } = csvOptionsOf(req.query);
      const q = exportQuery.parse(rest);
      await csv(res, filterOf(q), q, delimiter);
    });
    r.get(`/${d.path}.geojson`, openToEveryOrigin, async (req, res) => {
      const q = exportQuery.parse(req.query);
      const page = { limit: q.limit ?? d.limits.export, offset: q.offset ?? 0 };
      await sendChunks(res, geoJsonChunks(knex, d, filterOf(q), page), 'application/geo+json', `${d.id}-${stamp()}.geojson`);
    });
  }
  return r;
}
