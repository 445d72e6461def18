import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root, so relative defaults do not depend on the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  KK_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  KK_AREAS_SOURCE: z.string().default('wfs'),
  KK_MAP_STYLE_URL: z.string().default('https://tiles.openfreemap.org/styles/positron'),
  KK_CLIENT_DIST: z.string().default(path.join(repoRoot, 'client/dist')),
  KK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  areasSource: string;
  mapStyleUrl: string;
  clientDist: string;
  logLevel: z.infer<typeof EnvSchema>['KK_LOG_LEVEL'];
};

/** Parses the environment once; a bad variable stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KK_DATA_DIR),
    areasSource: e.KK_AREAS_SOURCE,
    mapStyleUrl: e.KK_MAP_STYLE_URL,
    clientDist: path.resolve(e.KK_CLIENT_DIST),
    logLevel: e.KK_LOG_LEVEL,
  };
}
