import { ACTIVITY_KINDS, ACTIVITY_STATUSES, ActivitiesQuery } from '../contracts/activities.js';
import { listFilterForTiles, type TileLayer } from '../tiles/tile-layer.js';
import * as repo from './activities.repository.js';
import { checkFilterReferences, filterOf } from './activities.service.js';

/** Every department's activities as vector tiles, filtered exactly as GET /api/activities. */
export const activitiesTileLayer: TileLayer<ReturnType<typeof filterOf>> = {
  id: 'activities',
  title: 'Kaupungin toiminta (activities of every department)',
  description: 'Projects, services, events, construction, planning and participation of the City of Helsinki departments.',
  attribution: 'Helsingin kaupunki, Kaupunki kartalla (CC BY 4.0)',
  minzoom: 0,
  maxzoom: 16,
  parseFilter: (query) => listFilterForTiles(query, ['bbox', 'limit', 'offset', 'format'], (q) => filterOf(ActivitiesQuery.parse(q))),
  checkFilter: checkFilterReferences,
  source: (f, bbox) => {
    const w = repo.filterSql({ ...f, bbox });
    return { sql: `FROM activities t JOIN departments d ON d.id = t.department_id WHERE ${w.sql}`, bindings: w.bindings };
  },
  geometry: 't.geom',
  featureId: 't.id',
  attributes: [
    { name: 'id', sql: 't.id', type: 'Number', description: 'Activity id: details at /api/activities/{id}' },
    { name: 'department', sql: 'd.slug', type: 'String', description: 'Department slug (colour from /api/departments)' },
    { name: 'kind', sql: 't.kind', type: 'String', description: ACTIVITY_KINDS.join(', ') },
    { name: 'status', sql: 't.status', type: 'String', description: ACTIVITY_STATUSES.join(', ') },
    { name: 'label', sql: 'left(t.title_fi, 60)', type: 'String', description: 'Finnish title, at most 60 characters (zoom 14 and closer)', minzoom: 14 },
  ],
  revisionKey: 'activities',
  extent: async (knex) => (await repo.activityExtent(knex)).bbox,
};
