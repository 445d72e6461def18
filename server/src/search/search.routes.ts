import { Router } from 'express';
import type { Knex } from 'knex';
import { SearchQuery } from '../contracts/search.js';
import { search, type SearchSettings } from './search.service.js';

/** GET /api/search?q= — public: districts, places and addresses to move the map to. */
export function searchRouter(knex: Knex, settings: SearchSettings): Router {
  const r = Router();
  r.get('/search', async (req, res) => {
    const q = SearchQuery.parse(req.query);
    res.json(await search(knex, settings, q));
  });
  return r;
}
