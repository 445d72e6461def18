import { AREA_LEVELS, type AreaLevel } from '../contracts/areas.js';
import type { Queryable } from '../ogc/cql2.js';
import type { OgcCollection } from '../ogc/ogc-collection.js';
import * as repo from '../ogc/ogc.repository.js';

const LEVEL_TITLES: Record<AreaLevel, string> = {
  suurpiiri: 'Suurpiirit (major districts)',
  peruspiiri: 'Peruspiirit (districts)',
  osa_alue: 'Osa-alueet (sub-districts)',
};

const AREA_QUERYABLES: Queryable[] = [
  { name: 'id', sql: 'a.id', type: 'integer' },
  { name: 'code', sql: 'a.code', type: 'string', description: 'District number within its level' },
  { name: 'fullCode', sql: 'a.full_code', type: 'string' },
  { name: 'nameFi', sql: 'a.name_fi', type: 'string' },
  { name: 'nameSv', sql: 'a.name_sv', type: 'string' },
  { name: 'parentId', sql: 'a.parent_id', type: 'integer', description: 'The district one level up' },
];

/** The district division, one collection per level. */
export const areaOgcCollections: OgcCollection[] = AREA_LEVELS.map((level) => ({
  id: `areas-${level}`,
  title: `Helsinki – ${LEVEL_TITLES[level]}`,
  description: `City of Helsinki district division, level ${level}.`,
  filters: [],
  queryables: AREA_QUERYABLES,
  extent: async (knex) => ({ bbox: await repo.areaExtent(knex, level) }),
  items: async (knex, q, page, filter) => {
    const p = await repo.areaFeaturesPage(knex, level, { bbox: q.bbox, ...page, filter, crs: q.crs });
    return { featuresJson: p.json, matched: p.matched, returned: p.count };
  },
  item: (knex, id, crs) => repo.areaFeatureJson(knex, level, id, crs),
}));
