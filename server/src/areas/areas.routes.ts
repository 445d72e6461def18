import { Router } from 'express';
import type { Knex } from 'knex';
import { AreasQuery, LocateQuery } from '../contracts/areas.js';
import { csvOptionsOf, sendChunks } from '../http/export-stream.js';
import { openToEveryOrigin } from '../http/open-data.js';
import * as service from './areas.service.js';

export function areasRouter(knex: Knex): Router {
  const r = Router();
  r.get('/areas', async (req, res) => {
    const q = AreasQuery.parse(req.query);
    res.type('application/geo+json').send(await service.areaCollectionJson(knex, q.level));
  });
  // Downloads of one level: a table with each district's area and label point, or GeoJSON.
  r.options(['/areas.csv', '/areas.geojson'], openToEveryOrigin);
  r.get('/areas.csv', openToEveryOrigin, async (req, res) => {
    const { delimiter, rest } = csvOptionsOf(req.query);
    const { level } = AreasQuery.parse(rest);
    await sendChunks(res, service.areaCsvChunks(knex, level, delimiter), 'text/csv; charset=utf-8', `districts-${level}.csv`);
  });
  r.get('/areas.geojson', openToEveryOrigin, async (req, res) => {
    const { level } = AreasQuery.parse(req.query);
    await sendChunks(res, service.areaGeoJsonChunks(knex, level), 'application/geo+json', `districts-${level}.geojson`);
  });
  r.get('/areas/locate', async (req, res) => {
    const q = LocateQuery.parse(req.query);
    res.json(await service.locatePoint(knex, q.lon, q.lat));
  });
  r.get('/basemap/land', async (_req, res) => {
    res.type('application/geo+json').send(await service.basemapLandJson(knex));
  });
  return r;
}
