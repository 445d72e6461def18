import { Router } from 'express';
import type { Database } from '../db/connection.js';
import type { ClientConfig, HealthResponse } from '../contracts/areas.js';
import { countAreasByLevel, latestAreaImport } from '../areas/areas.repository.js';

export function healthRouter(db: Database, opts: { mapStyleUrl: string }): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const { rows } = await db.knex.raw('SELECT postgis_lib_version() AS v');
    const counts = await countAreasByLevel(db.knex);
    const last = await latestAreaImport(db.knex);
    const body: HealthResponse = {
      status: 'ok',
      backend: db.backend,
      postgis: rows[0].v,
      areas: {
        count: counts.suurpiiri + counts.peruspiiri + counts.osa_alue,
        source: last?.source ?? null,
        isFixture: last?.isFixture ?? false,
      },
    };
    res.json(body);
  });
  r.get('/config', async (_req, res) => {
    const last = await latestAreaImport(db.knex);
    const body: ClientConfig = { mapStyleUrl: opts.mapStyleUrl, areasFromFixture: last?.isFixture ?? false };
    res.json(body);
  });
  return r;
}
