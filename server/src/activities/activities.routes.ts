import { Router } from 'express';
import type { Knex } from 'knex';
import {
  ACTIVITIES_EXPORT_MAX,
  ActivitiesExportQuery,
  ActivitiesQuery,
  ActivityDetailQuery,
  ActivityIdParams,
  OverlapsBody,
  OverlapsQuery,
  type ActivityFilter,
} from '../contracts/activities.js';
import { writeRoute } from '../auth/policy.js';
import { sendChunks } from '../http/export-stream.js';
import * as service from './activities.service.js';

const stamp = () => new Date().toISOString().slice(0, 10);


export function activitiesRouter(knex: Knex): Router {
  const r = Router();
  r.get('/departments', async (_req, res) => {
    res.json(await service.listDepartments(knex));
  });
  r.get('/themes', async (_req, res) => {
    res.json(await service.listThemes(knex));
  });

  r.get('/activities', async (req, res) => {
    const q = ActivitiesQuery.parse(req.query);
    const f = service.filterOf(q);
    const page = { limit: q.limit ?? (q.format === 'csv' ? ACTIVITIES_EXPORT_MAX : undefined), offset: q.offset ?? 0 };
    if (q.format === 'csv') {
      await sendChunks(res, service.activityCsvChunks(knex, f, { limit: page.limit!, offset: page.offset }), 'text/csv; charset=utf-8', `activities-${stamp()}.csv`);
      return;
    }
    const out = await service.activityCollectionJson(knex, f, page);
    res.type('application/geo+json').send(out.body);
  });

  const exportFilter = (query: unknown): { f: ActivityFilter; limit: number; offset: number } => {
    const q = ActivitiesExportQuery.parse(query);
    const { limit, offset, ...f } = q;
    return { f, limit: limit ?? ACTIVITIES_EXPORT_MAX, offset: offset ?? 0 };
  };
  r.get('/activities.csv', async (req, res) => {
    const { f, limit, offset } = exportFilter(req.query);
    await sendChunks(res, service.activityCsvChunks(knex, f, { limit, offset }), 'text/csv; charset=utf-8', `activities-${stamp()}.csv`);
  });
  r.get('/activities.geojson', async (req, res) => {
    const { f, limit, offset } = exportFilter(req.query);
    await sendChunks(res, service.activityGeoJsonChunks(knex, f, { limit, offset }), 'application/geo+json', `activities-${stamp()}.geojson`);
  });

  r.get('/activities/:id', async (req, res) => {
    const { id } = ActivityIdParams.parse(req.params);
    const q = ActivityDetailQuery.parse(req.query);
    res.json(await service.activityDetail(knex, id, q.distance));
  });

  r.get('/overlaps', async (req, res) => {
    res.json(await service.overlapsOfPlace(knex, OverlapsQuery.parse(req.query)));
  });
  // A read with a body (drawn shapes are too long for a URL); declared so the matrix covers it.
  writeRoute(r, 'post', '/overlaps', { roles: 'public' }, async (req, res) => {
    res.json(await service.overlapsOfPlace(knex, OverlapsBody.parse(req.body ?? {})));
  });
  return r;
}
