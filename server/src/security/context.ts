import type { Express, Request } from 'express';
import type { Knex } from 'knex';
import type { AuthOptions } from '../auth/auth-options.js';
import type { RateLimitTable } from './rate-limit-table.js';

/** What security middleware needs at request time, kept on the app so routers stay simple. */
export interface SecurityContext {
  knex: Knex;
  auth: AuthOptions;
  rateLimits: RateLimitTable;
}

const KEY = 'kkSecurity';

export function installSecurityContext(app: Express, ctx: SecurityContext): void {
  app.locals[KEY] = ctx;
}

export function securityContext(req: Request): SecurityContext {
  const ctx = req.app.locals[KEY] as SecurityContext | undefined;
  if (!ctx) throw new Error('Security context missing: createApp installs it before the routers');
  return ctx;
}
