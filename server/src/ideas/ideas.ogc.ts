import type { OgcCollection } from '../ogc/ogc-collection.js';
import * as repo from './ideas.repository.js';
import type { IdeaSettings } from './ideas.service.js';

/** Residents' ideas (hidden ones never); datetime filters by submission time. */
export const ideasOgcCollection = (settings: IdeaSettings): OgcCollection => ({
  id: 'ideas',
  title: 'Asukkaiden ideat (residents’ ideas)',
  description: 'Ideas placed on the map, with their stage, themes, votes and tracking code.',
  filters: ['theme', 'stage'],
  extent: (knex) => repo.ideaExtent(knex),
  items: async (knex, q, page) => {
    const p = await repo.ideaFeaturesJson(
      knex,
      { bbox: q.bbox, theme: q.theme, stage: q.stage, from: q.datetime?.from, to: q.datetime?.to },
      { ...page, waitingDays: settings.waitingDays },
    );
    return { featuresJson: p.json, matched: p.matched, returned: p.count };
  },
  item: async (knex, id) => {
    const p = await repo.ideaFeaturesJson(knex, { ids: [id] }, { limit: 1, offset: 0, waitingDays: settings.waitingDays });
    return p.count ? (JSON.parse(p.json) as unknown[]).map((f) => JSON.stringify(f))[0] : null;
  },
});
