import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { areasRouter } from './areas/areas.routes.js';
import type { Database } from './db/connection.js';
import { healthRouter } from './health/health.routes.js';
import { errorHandler, notFoundRoute } from './http/errors.js';

export interface AppOptions {
  db: Database;
  mapStyleUrl: string;
  /** Built client to serve; omitted in API-only tests. */
  clientDist?: string;
}

export function createApp(opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  api.use(healthRouter(opts.db, { mapStyleUrl: opts.mapStyleUrl }));
  api.use(areasRouter(opts.db.knex));
  api.use(notFoundRoute);
  app.use('/api', api);

  if (opts.clientDist && fs.existsSync(path.join(opts.clientDist, 'index.html'))) {
    const dist = opts.clientDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // Client-side routes (/activities/12, /ideas/KK-…) all load the single page.
    app.get(/^\/(?!api\/|ogc(\/|$)).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  }
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
