import type { OgcCollection } from '../ogc/ogc-collection.js';
import * as repo from './kehra.repository.js';
import { devAreaCollectionJson } from './kehra.service.js';

/** Development areas drawn by Kehrä groups (local development groups). */
export const kehraAreasOgcCollection: OgcCollection = {
  id: 'kehra-areas',
  title: 'Kehrä-kehittämisalueet (development areas of local development groups)',
  description: 'Areas that Kehrä groups (residents, businesses and the city in equal thirds) develop, with the group, themes and status.',
  filters: ['theme'],
  extent: async (knex) => ({ bbox: await repo.devAreaExtent(knex) }),
  items: async (knex, q, page) => {
    const out = await devAreaCollectionJson(knex, { bbox: q.bbox, theme: q.theme }, page);
    return { featuresJson: out.featuresJson, matched: out.numberMatched, returned: out.numberReturned };
  },
  item: (knex, id) => repo.devAreaFeatureJson(knex, id),
};
