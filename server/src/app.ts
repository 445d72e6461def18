import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import { activitiesRouter } from './activities/activities.routes.js';
import { areasRouter } from './areas/areas.routes.js';
import type { AuthOptions } from './auth/auth-options.js';
import { authRouter } from './auth/auth.routes.js';
import { budgetingRouter } from './budgeting/budgeting.routes.js';
import { loadSession } from './auth/session.js';
import { auditRouter } from './audit/audit.routes.js';
import { collectionsRouter } from './collections/collection.routes.js';
import { datasets } from './collections/datasets.js';
import type { Database } from './db/connection.js';
import { ReadAdmission, readAdmission } from './db/read-admission.js';
import { healthRouter } from './health/health.routes.js';
import { ideasRouter } from './ideas/ideas.routes.js';
import { kehraRouter } from './kehra/kehra.routes.js';
import { partnershipTablesRouter } from './partnership-tables/partnership-tables.routes.js';
import { searchRouter } from './search/search.routes.js';
import { SERVICE_MAP_SEARCH_URL } from './search/service-map.js';
import type { SearchSettings } from './search/search.service.js';
import { spacesRouter } from './spaces/spaces.routes.js';
import { referenceDataRouter } from './reference-data/reference-data.routes.js';
import { feedsRouter } from './feeds/feeds.routes.js';
import { errorHandler, notFoundRoute } from './http/errors.js';
import { openToEveryOrigin } from './http/open-data.js';
import { ogcCollections } from './ogc/collections.js';
import { ogcRouter } from './ogc/ogc.routes.js';
import { csrfProtection } from './security/csrf.js';
import { installSecurity } from './security/install.js';
import { tileLayersOf } from './tiles/dataset-layer.js';
import { compressionFilter, tilesRouter } from './tiles/tiles.routes.js';
import { statisticsRouter } from './statistics/statistics.routes.js';
import { adminUsersRouter } from './users/admin-users.routes.js';

export interface AppOptions {
  db: Database;
  mapStyleUrl: string;
  /** Days without a response before an idea is flagged as waiting (default 14). */
  ideaWaitingDays?: number;
  /** Built client to serve; omitted in API-only tests. */
  clientDist?: string;
  /** Accounts and security (config.auth in production); omitted parts take the defaults. */
  auth?: Partial<AuthOptions>;
  /** Express "trust proxy" (config.trustProxy). */
  trustProxy?: boolean | number | string;
  /** Turns of the embedded database's readers (tests look at its queue); a default one otherwise. */
  readAdmission?: ReadAdmission;
  /** Participatory budgeting: the ballot secret (config.ballotSecret) and, in tests, the clock phases are read by. */
  budgeting?: { ballotSecret?: string; now?: () => Date };
  /** Place search: offline (districts and fixture places) unless online is set (config.search). */
  search?: Partial<SearchSettings>;
}

/** Two readers keep the one PGlite connection busy (one query running, the next queued) without a long line before it. */
const EMBEDDED_READERS = 2;
/** A city view is about 5 requests: 500 waiting is a hundred visitors at once; more get 503 and retry. */
const EMBEDDED_WAITING = 500;

export function createApp(opts: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const security = installSecurity(app, {
    knex: opts.db.knex,
    mapStyleUrl: opts.mapStyleUrl,
    auth: opts.auth,
    trustProxy: opts.trustProxy,
  });
  // District and layer GeoJSON compresses to about a fifth; streamed exports compress as they go; tiles too.
  app.use(compression({ filter: compressionFilter }));
  app.use(express.json({ limit: '1mb' }));

  // The embedded database has one connection: readers take turns so health checks and writes do not queue behind them.
  if (opts.db.backend === 'pglite') {
    app.use(
      ['/api', '/ogc', '/tiles', '/feeds'],
      readAdmission(opts.readAdmission ?? new ReadAdmission(EMBEDDED_READERS, EMBEDDED_WAITING)),
    );
  }
  const api = express.Router();
  // Every /api request knows its account; every write is checked against cross-site forgery.
  api.use(loadSession, csrfProtection);
  api.use(authRouter(opts.db.knex, security.auth, security.rateLimits));
  api.use(adminUsersRouter(opts.db.knex, security.auth), auditRouter(opts.db.knex));
  api.use(referenceDataRouter(opts.db.knex));
  api.use(healthRouter(opts.db, { mapStyleUrl: opts.mapStyleUrl }));
  api.use(areasRouter(opts.db.knex));
  api.use(
    searchRouter(opts.db.knex, {
      online: opts.search?.online ?? false,
      serviceMapUrl: opts.search?.serviceMapUrl ?? SERVICE_MAP_SEARCH_URL,
      timeoutMs: opts.search?.timeoutMs ?? 3000,
    }),
  );
  const ideaSettings = { waitingDays: opts.ideaWaitingDays ?? 14 };
  const served = datasets({ ideas: ideaSettings });
  // Each dataset's list and downloads, from its declaration (collections/); the routers add the rest.
  api.use(collectionsRouter(opts.db.knex, served));
  // District statistics count the datasets through their own where clauses.
  api.use(statisticsRouter(opts.db.knex, served));
  api.use(activitiesRouter(opts.db.knex));
  api.use(ideasRouter(opts.db.knex, ideaSettings));
  api.use(kehraRouter(opts.db.knex), partnershipTablesRouter(opts.db.knex));
  api.use(spacesRouter(opts.db.knex));
  api.use(
    budgetingRouter(opts.db.knex, { ballotSecret: opts.budgeting?.ballotSecret, now: opts.budgeting?.now ?? (() => new Date()) }),
  );
  api.use(notFoundRoute);
  app.use('/api', api);
  // Open data any site may read (CORS *): /ogc here, the downloads and tiles in their routers.
  app.use('/ogc', openToEveryOrigin, ogcRouter(opts.db.knex, ogcCollections(served)));
  app.use('/tiles', tilesRouter(opts.db.knex, tileLayersOf(served)));
  // Atom and iCalendar of the same datasets and filters (feeds/).
  app.use('/feeds', feedsRouter(opts.db.knex, served));

  if (opts.clientDist && fs.existsSync(path.join(opts.clientDist, 'index.html'))) {
    const dist = opts.clientDist;
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // Client-side routes (/activities/12, /ideas/KK-…) all load the single page.
    app.get(/^\/(?!api\/|ogc(\/|$)|feeds\/).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  }
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
