import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root, so relative defaults do not depend on the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real Helsinki open data, checked out beside the repository (never copied into it). */
export const SHARED_HELSINKI_DIR = path.resolve(repoRoot, '../shared/data/helsinki');
/** The Service Map's playparks layer export in that folder. */
export const SHARED_PLAYPARKS_DIR = path.join(SHARED_HELSINKI_DIR, 'hki-leikkipuistot');

/** First start reads the shared data when it is there: real districts and playparks without the network. */
const defaultAreasSource = () => (fs.existsSync(path.join(SHARED_HELSINKI_DIR, 'hki-suurpiiri')) ? SHARED_HELSINKI_DIR : 'wfs');
const defaultPlayparksSource = () => (fs.existsSync(SHARED_PLAYPARKS_DIR) ? SHARED_PLAYPARKS_DIR : 'off');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  KK_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  KK_AREAS_SOURCE: z.string().optional(),
  KK_PLAYPARKS_SOURCE: z.string().optional(),
  KK_DEMO: z.enum(['all', 'activities', 'off'], { error: 'KK_DEMO must be all, activities or off' }).default('all'),
  KK_STATISTICS_SOURCE: z.string().default(path.join(SHARED_HELSINKI_DIR, 'hki-paavo-stats')),
  KK_MAP_STYLE_URL: z.string().default('https://tiles.openfreemap.org/styles/positron'),
  KK_CLIENT_DIST: z.string().default(path.join(repoRoot, 'client/dist')),
  KK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  KK_IDEA_WAITING_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  // Accounts and security (server/src/auth/README.md).
  KK_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'KK_PUBLIC_URL must be an http(s) URL' }).optional(),
  KK_TRUST_PROXY: z.string().default('false'),
  KK_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  KK_SESSION_IDLE_TIMEOUT: duration('KK_SESSION_IDLE_TIMEOUT').default('7d'),
  KK_SESSION_MAX_AGE: duration('KK_SESSION_MAX_AGE').default('30d'),
  KK_PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(15).max(20).default(17),
  KK_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  KK_LOCKOUT_DURATION: duration('KK_LOCKOUT_DURATION').default('15m'),
  KK_RATE_LIMITS: z.string().default(''),
  KK_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'KK_SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  KK_MAIL_FROM: z.string().default('Kaupunki kartalla <no-reply@localhost>'),
  KK_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'KK_OIDC_ISSUER must be an http(s) URL' }).optional(),
  KK_OIDC_CLIENT_ID: z.string().min(1).optional(),
  KK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  KK_OIDC_SCOPES: z.string().default('openid email profile'),
  KK_OIDC_LABEL: z.string().default('Helsinki-tunnus'),
  KK_CSP_TILE_SOURCES: z.string().default('https:'),
  KK_BALLOT_SECRET: z.string().min(32, 'KK_BALLOT_SECRET must be at least 32 characters').optional(),
  KK_SEARCH_ONLINE: z.enum(['true', 'false'], { error: 'KK_SEARCH_ONLINE must be true or false' }).default('false'),
  KK_SEARCH_URL: z.url({ protocol: /^https?$/, error: 'KK_SEARCH_URL must be an http(s) URL' }).optional(),
  KK_SEARCH_TIMEOUT: duration('KK_SEARCH_TIMEOUT').default('3s'),
  KK_TEST_CLOCK_FILE: z.string().min(1).optional(),
});

/** "900", "90s", "15m", "12h", "7d" → seconds. */
export function parseDuration(value: string): number | null {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
  if (!m) return null;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

function duration(name: string) {
  return z.string().refine((v) => (parseDuration(v) ?? 0) > 0, `${name} must be a duration such as 90s, 15m, 12h or 7d`);
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  areasSource: string;
  /** The playparks layer export (file or folder) first start imports; null: none. */
  playparksSource: string | null;
  /** What first start seeds into an empty database. */
  demo: 'all' | 'activities' | 'off';
  /** Where first start imports Paavo statistics from, when that file or folder exists (never the network). */
  statisticsSource: string;
  mapStyleUrl: string;
  clientDist: string;
  logLevel: z.infer<typeof EnvSchema>['KK_LOG_LEVEL'];
  /** Days without an official's response before an idea is flagged as waiting. */
  ideaWaitingDays: number;
  /** Express "trust proxy": false, true, a hop count or a list of addresses. */
  trustProxy: boolean | number | string;
  auth: AuthConfig;
  /** Keys the link from a voter to their ballot (participatory budgeting); unset, a secret in the database is used. */
  ballotSecret: string | undefined;
  /** Place search: the City's Service Map when online, with a timeout; districts and fixture places always. */
  search: { online: boolean; serviceMapUrl: string | undefined; timeoutMs: number };
  /** End-to-end tests only: a file holding the time budgeting phases are read at (see clock.ts). */
  testClockFile: string | undefined;
};

/** Accounts, sessions, mail, single sign-on and protection; documented in server/src/auth/README.md. */
export interface AuthConfig {
  publicUrl: string;
  cookieSecure: boolean;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  scryptLogN: number;
  lockoutThreshold: number;
  lockoutSeconds: number;
  /** "name.scope=count/window" overrides, e.g. "login.ip=20/15m,vote.account=100/1m". */
  rateLimits: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined; scopes: string; label: string } | null;
  /** connect-src/img-src sources for map tiles besides the style's own origin. */
  cspTileSources: string[];
}

/**
 * Where the person ran the command: `npm start` runs the server inside server/, but a relative
 * path such as KK_AREAS_SOURCE=../shared/data/helsinki means one from where they typed it.
 */
const invokedFrom = (env: NodeJS.ProcessEnv) => env.INIT_CWD ?? process.cwd();

/** A keyword or URL as it is; a path from where the command was typed. */
const sourcePath = (env: NodeJS.ProcessEnv, value: string, asIs: RegExp) =>
  asIs.test(value) ? value : path.resolve(invokedFrom(env), value);

/** Parses the environment once; a bad variable stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.KK_OIDC_ISSUER && !e.KK_OIDC_CLIENT_ID) {
    throw new Error('Invalid configuration:\n  KK_OIDC_CLIENT_ID: required when KK_OIDC_ISSUER is set');
  }
  if (e.KK_TEST_CLOCK_FILE && env.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  KK_TEST_CLOCK_FILE: a test clock is refused when NODE_ENV=production');
  }
  const publicUrl = (e.KK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const trustProxy = e.KK_TRUST_PROXY;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(invokedFrom(env), e.KK_DATA_DIR),
    areasSource: sourcePath(env, e.KK_AREAS_SOURCE ?? defaultAreasSource(), /^(wfs|https?:\/\/)/),
    playparksSource: ((v) => (v === 'off' ? null : sourcePath(env, v, /^https?:\/\//)))(
      e.KK_PLAYPARKS_SOURCE ?? defaultPlayparksSource(),
    ),
    demo: e.KK_DEMO,
    statisticsSource: path.resolve(invokedFrom(env), e.KK_STATISTICS_SOURCE),
    mapStyleUrl: e.KK_MAP_STYLE_URL,
    clientDist: path.resolve(invokedFrom(env), e.KK_CLIENT_DIST),
    logLevel: e.KK_LOG_LEVEL,
    ideaWaitingDays: e.KK_IDEA_WAITING_DAYS,
    ballotSecret: e.KK_BALLOT_SECRET,
    search: {
      online: e.KK_SEARCH_ONLINE === 'true',
      serviceMapUrl: e.KK_SEARCH_URL,
      timeoutMs: parseDuration(e.KK_SEARCH_TIMEOUT)! * 1000,
    },
    testClockFile: e.KK_TEST_CLOCK_FILE ? path.resolve(invokedFrom(env), e.KK_TEST_CLOCK_FILE) : undefined,
    trustProxy:
      trustProxy === 'true' ? true : trustProxy === 'false' ? false : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy,
    auth: {
      publicUrl,
      cookieSecure: e.KK_COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https:') : e.KK_COOKIE_SECURE === 'true',
      sessionIdleSeconds: parseDuration(e.KK_SESSION_IDLE_TIMEOUT)!,
      sessionMaxSeconds: parseDuration(e.KK_SESSION_MAX_AGE)!,
      scryptLogN: e.KK_PASSWORD_SCRYPT_LOG_N,
      lockoutThreshold: e.KK_LOCKOUT_THRESHOLD,
      lockoutSeconds: parseDuration(e.KK_LOCKOUT_DURATION)!,
      rateLimits: e.KK_RATE_LIMITS,
      smtpUrl: e.KK_SMTP_URL,
      mailFrom: e.KK_MAIL_FROM,
      oidc: e.KK_OIDC_ISSUER
        ? {
            issuer: e.KK_OIDC_ISSUER,
            clientId: e.KK_OIDC_CLIENT_ID!,
            clientSecret: e.KK_OIDC_CLIENT_SECRET,
            scopes: e.KK_OIDC_SCOPES,
            label: e.KK_OIDC_LABEL,
          }
        : null,
      cspTileSources: e.KK_CSP_TILE_SOURCES.split(/[\s,]+/).filter(Boolean),
    },
  };
}
