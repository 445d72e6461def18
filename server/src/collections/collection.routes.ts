import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { sendChunks } from '../http/export-stream.js';
import type { BaseFilter, Dataset } from './dataset.js';
import { collectionBody, collectionPage, csvChunks, filterOf, geoJsonChunks } from './collection.service.js';

const stamp = () => new Date().toISOString().slice(0, 10);

/** `/api/<path>` (`?format=csv` downloads too), `/api/<path>.geojson` and `/api/<path>.csv` of each dataset. */
export function collectionsRouter(knex: Knex, datasets: readonly Dataset<never>[]): Router {
  const r = Router();
  for (const d of datasets as readonly Dataset<BaseFilter>[]) {
    const csv = (res: Response, f: BaseFilter, page: { limit?: number; offset?: number }) =>
      sendChunks(
        res,
        csvChunks(knex, d, f, { limit: page.limit ?? d.limits.export, offset: page.offset ?? 0 }),
        'text/csv; charset=utf-8',
        `${d.id}-${stamp()}.csv`,
      );

    r.get(`/${d.path}`, async (req, res) => {
      const q = d.query.parse(req.query);
      if (q.format === 'csv') return csv(res, filterOf(q), q);
      res.type('application/geo+json').send(collectionBody(await collectionPage(knex, d, filterOf(q), q)));
    });
    const exportQuery = d.exportQuery ?? d.query;
    r.get(`/${d.path}.csv`, async (req, res) => {
      const q = exportQuery.parse(req.query);
      await csv(res, filterOf(q), q);
    });
    r.get(`/${d.path}.geojson`, async (req, res) => {
      const q = exportQuery.parse(req.query);
      const page = { limit: q.limit ?? d.limits.export, offset: q.offset ?? 0 };
      await sendChunks(res, geoJsonChunks(knex, d, filterOf(q), page), 'application/geo+json', `${d.id}-${stamp()}.geojson`);
    });
  }
  return r;
}
