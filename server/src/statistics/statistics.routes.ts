import { Router } from 'express';
import type { Knex } from 'knex';
import type { Dataset } from '../collections/dataset.js';
import { IdParam } from '../contracts/common.js';
import { AreaStatisticsCsvQuery, AreaStatisticsLevelQuery, AreaStatisticsQuery } from '../contracts/statistics.js';
import { csvOptionsOf, sendChunks } from '../http/export-stream.js';
import { openToEveryOrigin } from '../http/open-data.js';
import * as service from './statistics.service.js';

/** District statistics: one district's card, one figure over a level (the choropleth), a level's table as CSV. */
export function statisticsRouter(knex: Knex, served: Dataset<never>[]): Router {
  const r = Router();
  const project = service.projectDatasetsOf(served);
  r.get('/areas/statistics', async (req, res) => {
    res.json(await service.levelStatistics(knex, AreaStatisticsLevelQuery.parse(req.query)));
  });
  r.options('/areas/statistics.csv', openToEveryOrigin);
  r.get('/areas/statistics.csv', openToEveryOrigin, async (req, res) => {
    const { delimiter, rest } = csvOptionsOf(req.query);
    const q = AreaStatisticsCsvQuery.parse(rest);
    await sendChunks(
      res,
      service.levelStatisticsCsv(knex, q, delimiter),
      'text/csv; charset=utf-8',
      `district-statistics-${q.level}.csv`,
    );
  });
  r.get('/areas/:id/statistics', async (req, res) => {
    const id = IdParam('id').parse(req.params.id);
    const q = AreaStatisticsQuery.parse(req.query);
    res.json(await service.areaStatistics(knex, project, id, q.year));
  });
  return r;
}
