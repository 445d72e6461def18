import type { Knex } from 'knex';
import type { RequestHandler, Response } from 'express';
import { HttpError } from '../http/errors.js';
import { hashToken } from './tokens.js';
import { securityContext } from './context.js';
import type { Limit, RateLimitName, RateLimitTable } from './rate-limit-table.js';

// The table lives apart so that the security context can name its type without importing this module back.
export { RATE_LIMIT_DEFAULTS, rateLimitTable, type Limit, type RateLimitName, type RateLimitTable } from './rate-limit-table.js';

/** Counts one hit; the answer says whether it is within the limit and when the window ends. */
export async function hit(knex: Knex, bucket: string, limit: Limit): Promise<{ allowed: boolean; retryAfter: number }> {
  const w = limit.windowSeconds;
  const { rows } = await knex.raw(
    `INSERT INTO rate_limit_counters (bucket, window_start, window_end, hits)
     SELECT ?, s, s + make_interval(secs => ?::int), 1
       FROM (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / ?::int) * ?::int) AS s) t
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
     RETURNING hits, greatest(1, ceil(extract(epoch FROM window_end - clock_timestamp())))::int AS retry_after`,
    [bucket, w, w, w],
  );
  if (Math.random() < 0.01) {
    await knex.raw(`DELETE FROM rate_limit_counters WHERE window_end < clock_timestamp() - interval '1 hour'`);
  }
  return { allowed: rows[0].hits <= limit.max, retryAfter: rows[0].retry_after };
}

export interface RateLimitKeys {
  ip?: string;
  /** A user id or an e-mail address; hashed before it is stored. */
  account?: string | number;
}

/**
 * Counts the request against `name.ip` and `name.account` (whichever are configured and given)
 * and throws 429 with Retry-After when one is exceeded.
 */
export async function enforceRateLimit(
  knex: Knex,
  table: RateLimitTable,
  res: Response,
  name: string,
  keys: RateLimitKeys,
): Promise<void> {
  let retryAfter = 0;
  for (const kind of ['ip', 'account'] as const) {
    const limit = table[`${name}.${kind}`];
    const key = keys[kind];
    if (!limit || key === undefined || key === '') continue;
    const bucket = `${name}.${kind}:${hashToken(String(key).toLowerCase()).slice(0, 32)}`;
    const r = await hit(knex, bucket, limit);
    if (!r.allowed) retryAfter = Math.max(retryAfter, r.retryAfter);
  }
  if (retryAfter > 0) {
    res.set('Retry-After', String(retryAfter));
    throw new HttpError(429, 'rate_limited', `Too many requests: try again in ${retryAfter} s`, {
      retryAfterSeconds: retryAfter,
    });
  }
}

/**
 * Middleware for other features: `rateLimit('vote')` counts per client address and per signed-in
 * account. Put it after the policy check so the account is known.
 */
export function rateLimit(name: RateLimitName | (string & {})): RequestHandler {
  return async (req, res, next) => {
    const ctx = securityContext(req);
    await enforceRateLimit(ctx.knex, ctx.rateLimits, res, name, { ip: req.ip, account: req.auth?.user.id });
    next();
  };
}
