import { checkFilterReferences } from '../activities/activities.service.js';
import { IDEA_STAGES, IdeasQuery, type IdeaFilter } from '../contracts/ideas.js';
import { listFilterForTiles, type TileLayer } from '../tiles/tile-layer.js';
import * as repo from './ideas.repository.js';
import { filterOf } from './ideas.service.js';

/**
 * Residents' ideas (never hidden ones) as vector tiles, filtered as GET /api/ideas. `waiting` is
 * not a tile filter: it changes with the clock, not with a write, so no revision could cache it.
 */
export const ideasTileLayer: TileLayer<IdeaFilter> = {
  id: 'ideas',
  title: 'Asukkaiden ideat (residents’ ideas)',
  description: 'Ideas placed on the map by residents, with their stage and the department that handles them.',
  attribution: 'Helsingin kaupunki, Kaupunki kartalla (CC BY 4.0)',
  minzoom: 0,
  maxzoom: 16,
  parseFilter: (query) =>
    listFilterForTiles(query, ['bbox', 'limit', 'offset', 'format', 'waiting'], (q) => filterOf(IdeasQuery.parse(q))),
  // Themes and districts are the same tables as the activities'.
  checkFilter: (knex, f) => checkFilterReferences(knex, { theme: f.theme, area: f.area }),
  source: (f, bbox) => {
    const w = repo.ideaFilterSql({ ...f, bbox });
    return { sql: `FROM ideas i LEFT JOIN departments d ON d.id = i.department_id WHERE ${w.sql}`, bindings: w.bindings };
  },
  geometry: 'i.geom',
  featureId: 'i.id',
  attributes: [
    { name: 'id', sql: 'i.id', type: 'Number', description: 'Idea id: details at /api/ideas/{id}' },
    { name: 'stage', sql: 'i.stage', type: 'String', description: IDEA_STAGES.join(', ') },
    { name: 'department', sql: 'd.slug', type: 'String', description: 'Slug of the department handling the idea, when one has taken it' },
    { name: 'label', sql: 'left(i.title, 60)', type: 'String', description: 'Title, at most 60 characters (zoom 14 and closer)', minzoom: 14 },
  ],
  revisionKey: 'ideas',
  extent: async (knex) => (await repo.ideaExtent(knex)).bbox,
};
