import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { hasImportRecord } from '../activities/activities.repository.js';
import { formatSummary } from '../activities/importers/import-runner.js';
import { importServiceMap } from '../activities/importers/servicemap.js';
import { ensureAreas } from '../areas/areas.service.js';
import { migrateLatest } from '../db/migrate.js';
import { log } from '../log.js';
import { ensureStatistics } from '../statistics/statistics.service.js';
import { ensureDemoSeed, type DemoScope } from './demo-seed.js';

export interface FirstStartOptions {
  areasSource: string;
  /** A playparks layer export (file, folder holding one, or URL); null: none. */
  playparksSource: string | null;
  demo: DemoScope;
  /** The Paavo statistics file or folder, imported when the database has none and it exists. */
  statisticsSource: string;
}

/** The dataset name Service Map imports record, by the CLI or here. */
const SERVICEMAP_DATASET = 'activities:servicemap';

/** A folder such as shared/data/helsinki/hki-leikkipuistot holds the export as its one .geojson file. */
function playparksFile(source: string): string | null {
  if (/^https?:\/\//.test(source)) return source;
  if (!fs.existsSync(source)) return null;
  if (!fs.statSync(source).isDirectory()) return source;
  const file = fs
    .readdirSync(source)
    .filter((f) => f.endsWith('.geojson'))
    .sort()[0];
  return file ? path.join(source, file) : null;
}

/** The playparks once: not when Service Map units were imported before (by this or by the CLI). */
export async function ensurePlayparks(knex: Knex, source: string | null): Promise<void> {
  if (!source) return log.info('Playparks: no source (KK_PLAYPARKS_SOURCE=off, or no ../shared/data)');
  if (await hasImportRecord(knex, SERVICEMAP_DATASET)) return log.info('Playparks: imported earlier');
  const file = playparksFile(source);
  if (!file) return log.warn(`Playparks: nothing to import at ${source}`);
  log.info(`Playparks: importing from ${file}…`);
  try {
    const s = await importServiceMap(knex, file, { onProgress: (m) => log.info(`Playparks:${m}`) });
    log.info(`Playparks: ${formatSummary(s).split('\n').join(';').replace(/\s+/g, ' ')}`);
  } catch (err) {
    // Playparks are a nicety of first start, never a reason not to start.
    log.warn(`Playparks: could not import ${file}: ${(err as Error).message}`);
  }
}

/**
 * Everything between opening the database and listening, each step logged as it starts, so a
 * first start on a slow machine shows what it is doing: the schema, the districts, their statistics, the demo story
 * (into an empty database only) and the playparks from the shared data. Each step is a no-op
 * when its work is done, so every start runs it.
 */
export async function firstStart(knex: Knex, opts: FirstStartOptions): Promise<void> {
  log.info('Migrations: checking the schema…');
  const applied = await migrateLatest(knex);
  log.info(applied.length ? `Migrations: applied ${applied.join(', ')}` : 'Migrations: up to date');
  await ensureAreas(knex, opts.areasSource);
  await ensureStatistics(knex, opts.statisticsSource);
  await ensureDemoSeed(knex, opts.demo);
  await ensurePlayparks(knex, opts.playparksSource);
}
