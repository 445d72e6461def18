import { checkThemes } from '../kehra/kehra.service.js';
import type { OgcCollection } from '../ogc/ogc-collection.js';
import * as repo from './partnership-tables.repository.js';

/** Partnership tables: the area each concerns, with its meeting place as properties (one geometry per feature). */
export const partnershipTablesOgcCollection: OgcCollection = {
  id: 'partnership-tables',
  title: 'Kumppanuuspöydät (partnership tables)',
  description: 'Partnership tables convened by the city around themes: the area each concerns, its convener, meeting place and next meeting.',
  filters: ['theme'],
  extent: async (knex) => ({ bbox: await repo.tableExtent(knex) }),
  items: async (knex, q, page) => {
    await checkThemes(knex, q.theme, 'theme');
    const f = { bbox: q.bbox, theme: q.theme };
    const p = await repo.tableOgcFeaturesJson(knex, f, page);
    return { featuresJson: p.json, matched: await repo.countTables(knex, f), returned: p.count };
  },
  item: (knex, id) => repo.tableOgcFeatureJson(knex, id),
};
