import { parseDuration } from '../config.js';

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
  if (!m || !windowSeconds || Number(m[1]) < 1)
    throw new Error(`Invalid rate limit ${key}=${value}: use count/window, e.g. 10/15m`);
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
