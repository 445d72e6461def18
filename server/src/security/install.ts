import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { resolveAuthOptions, type AuthOptions } from '../auth/auth-options.js';
import { installSecurityContext, type SecurityContext } from './context.js';
import { securityHeaders } from './headers.js';
import { rateLimitTable } from './rate-limit.js';

/** Body limit of account and admin endpoints: their requests are a few hundred bytes. */
const SMALL_BODY_LIMIT = '16kb';

/**
 * App-wide protection, installed first: security headers, proxy trust (so per-IP limits see the
 * client, not the proxy), small body limits for account endpoints, and the context the session,
 * CSRF, policy and rate-limit middleware read.
 */
export function installSecurity(
  app: Express,
  opts: { knex: Knex; mapStyleUrl: string; auth?: Partial<AuthOptions>; trustProxy?: boolean | number | string },
): SecurityContext {
  const auth = resolveAuthOptions(opts.auth);
  const ctx: SecurityContext = { knex: opts.knex, auth, rateLimits: rateLimitTable(auth.rateLimits) };
  installSecurityContext(app, ctx);
  app.set('trust proxy', opts.trustProxy ?? false);
  app.use(
    securityHeaders({
      mapStyleUrl: opts.mapStyleUrl,
      tileSources: auth.cspTileSources,
      https: auth.publicUrl.startsWith('https:'),
    }),
  );
  // Parsed here first; the app-wide parser then leaves these bodies alone.
  app.use(['/api/auth', '/api/admin'], express.json({ limit: SMALL_BODY_LIMIT }));
  return ctx;
}
