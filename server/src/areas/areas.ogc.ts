import { AREA_LEVELS, type AreaLevel } from '../contracts/areas.js';
import type { OgcCollection } from '../ogc/ogc-collection.js';
import * as repo from '../ogc/ogc.repository.js';

const LEVEL_TITLES: Record<AreaLevel, string> = {
  suurpiiri: 'Suurpiirit (major districts)',
  peruspiiri: 'Peruspiirit (districts)',
  osa_alue: 'Osa-alueet (sub-districts)',
};

/** The district division, one collection per level. */
export const areaOgcCollections: OgcCollection[] = AREA_LEVELS.map((level) => ({
  id: `areas-${level}`,
  title: `Helsinki – ${LEVEL_TITLES[level]}`,
  description: `City of Helsinki district division, level ${level}.`,
  filters: [],
  extent: async (knex) => ({ bbox: await repo.areaExtent(knex, level) }),
  items: async (knex, q, page) => {
    const matched = await repo.countAreas(knex, level, q.bbox);
    const p = await repo.areaFeaturesJson(knex, level, { bbox: q.bbox, ...page });
    return { featuresJson: p.json, matched, returned: p.count };
  },
  item: (knex, id) => repo.areaFeatureJson(knex, level, id),
}));
