import type { OgcCollection } from '../ogc/ogc-collection.js';
import * as repo from './activities.repository.js';
import { activityCollectionJson } from './activities.service.js';

export const activitiesOgcCollection: OgcCollection = {
  id: 'activities',
  title: 'Kaupungin toiminta (activities of every department)',
  description:
    'Projects, services, events, construction, planning and participation of the City of Helsinki departments. Demo rows have isDemo=true.',
  filters: ['theme', 'department', 'kind', 'status'],
  extent: async (knex) => {
    const e = await repo.activityExtent(knex);
    return { bbox: e.bbox, interval: [e.start, e.end] };
  },
  items: async (knex, q, page) => {
    const out = await activityCollectionJson(
      knex,
      { bbox: q.bbox, theme: q.theme, department: q.department, kind: q.kind, status: q.status, from: q.datetime?.from, to: q.datetime?.to },
      page,
    );
    return { featuresJson: out.featuresJson, matched: out.numberMatched, returned: out.numberReturned };
  },
  item: async (knex, id) => {
    const row = await repo.activityById(knex, id);
    return row ? JSON.stringify({ type: 'Feature', id, geometry: row.geometry, properties: row.properties }) : null;
  },
};
