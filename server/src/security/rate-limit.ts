import type { Knex } from 'knex';
import type { RequestHandler, Response } from 'express';
import { parseDuration } from '../config.js';
import { HttpError } from '../http/errors.js';
import { hashToken } from './tokens.js';
import { securityContext } from './context.js';

/**
 * Limits as "count/window", per action and per key kind (`ip` = client address, `account` =
 * the signed-in user or the e-mail address an anonymous request names). Counters live in the
 * database, so every server process of one city shares them. Override with KK_RATE_LIMITS.
 */
export const RATE_LIMIT_DEFAULTS = {
  'login.ip': '30/15m',
  'login.account': '10/15m',
  'signup.ip': '10/1h',
  'password_reset.ip': '10/1h',
  'password_reset.account': '3/1h',
  'verify_resend.ip': '10/1h',
  'verify_resend.account': '3/1h',
  'idea.ip': '20/1h',
  'idea.account': '10/1h',
  'vote.ip': '120/1m',
  'vote.account': '60/1m',
} as const satisfies Record<string, string>;

export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS extends `${infer N}.${string}` ? N : never;
export interface Limit {
  max: number;
  windowSeconds: number;
}
export type RateLimitTable = Record<string, Limit>;

function parseLimit(key: string, value: string): Limit {
  const m = /^(\d+)\s*\/\s*(\S+)$/.exec(value.trim());
  const windowSeconds = m ? parseDuration(m[2]) : null;
  if (!m || !windowSeconds || Number(m[1]) < 1) throw new Error(`Invalid rate limit ${key}=${value}: use count/window, e.g. 10/15m`);
  return { max: Number(m[1]), windowSeconds };
}

/** Defaults merged with overrides "login.ip=20/15m,vote.account=100/1m" (commas or spaces). */
export function rateLimitTable(overrides = ''): RateLimitTable {
  const table: RateLimitTable = {};
  for (const [k, v] of Object.entries(RATE_LIMIT_DEFAULTS)) table[k] = parseLimit(k, v);
  for (const item of overrides.split(/[\s,]+/).filter(Boolean)) {
    const [key, value] = item.split('=');
    if (!key || !value || !/^[a-z_]+\.(ip|account)$/.test(key)) {
      throw new Error(`Invalid rate limit "${item}": use name.ip=count/window or name.account=count/window`);
    }
    table[key] = parseLimit(key, value);
  }
  return table;
}

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
