import path from 'node:path';
import type { Knex } from 'knex';
import { repoRoot } from '../config.js';
import type { CsvDelimiter } from '../contracts/common.js';
import { AREA_CSV_COLUMNS, AREA_LEVELS, type AreaLevel, type LocateResponse } from '../contracts/areas.js';
import { csvExport, geoJsonExport } from '../http/export-stream.js';
import { log } from '../log.js';
import { AREA_MEMBERSHIPS, refreshAreaMemberships, type AreaMembershipDataset } from './area-membership.js';
import { readAreaSource, type AreaSourceData, type RejectedFeature } from './area-sources.js';
import * as repo from './areas.repository.js';
import { refreshPostalShares } from '../statistics/statistics.repository.js';

/** The project's own hand-drawn districts and land outline, used when no real source answers. */
export const OFFLINE_FIXTURE_DIR = path.join(repoRoot, 'data/fixtures/offline-areas');

export interface AreaImportSummary {
  source: string;
  isFixture: boolean;
  levels: Partial<Record<AreaLevel, { imported: number; repaired: number; removed: number }>>;
  rejected: RejectedFeature[];
  landPolygons: number;
  /** Items whose districts changed with this import, by dataset (the links follow the new districts). */
  changedDistrict: Record<AreaMembershipDataset, number>;
  durationMs: number;
}

/**
 * Writes districts in one transaction: upsert by (level, code) keeps ids stable for everything
 * linked to an area, and areas missing from a complete level are removed, so re-runs replace.
 */
export async function importAreas(
  knex: Knex,
  data: AreaSourceData,
  opts: { isFixture?: boolean; onProgress?: (m: string) => void } = {},
): Promise<AreaImportSummary> {
  const started = Date.now();
  const onProgress = opts.onProgress ?? (() => {});
  const summary: AreaImportSummary = {
    source: data.description,
    isFixture: opts.isFixture ?? false,
    levels: {},
    rejected: [...data.rejected],
    landPolygons: 0,
    changedDistrict: Object.fromEntries(AREA_MEMBERSHIPS.map((m) => [m.dataset, 0])) as AreaImportSummary['changedDistrict'],
    durationMs: 0,
  };
  if (data.areas.length === 0) throw new Error(`${data.description} contains no district features`);
  await knex.transaction(async (trx) => {
    for (const level of AREA_LEVELS) {
      const ofLevel = data.areas.filter((a) => a.level === level);
      if (ofLevel.length === 0) continue;
      const ids: number[] = [];
      let repaired = 0;
      for (const [i, area] of ofLevel.entries()) {
        const check = await repo.checkPolygonGeometry(trx, area.geometry);
        if (!check.ok) {
          summary.rejected.push({ where: `${level} ${area.code} ${area.nameFi}`, reason: check.reason });
          continue;
        }
        if (check.repaired) {
          repaired++;
          onProgress(`  repaired ${level} ${area.code} ${area.nameFi}: ${check.reason}`);
        }
        ids.push(await repo.upsertArea(trx, area, data.description));
        if ((i + 1) % 50 === 0 || i + 1 === ofLevel.length) onProgress(`  ${level}: ${i + 1}/${ofLevel.length}`);
      }
      const removed = await repo.deleteAreasNotIn(trx, level, ids);
      summary.levels[level] = { imported: ids.length, repaired, removed };
    }
    await repo.resolveAreaParents(trx);
    if (data.land.length > 0) summary.landPolygons = await repo.replaceBasemapLand(trx, data.land, data.description);
    onProgress('  placing labels on land');
    await repo.refreshAreaLabels(trx);
    // After parents are resolved: a picked district's ancestors come from them.
    summary.changedDistrict = await refreshAreaMemberships(trx);
    onProgress(
      `  items that changed district: ${Object.entries(summary.changedDistrict)
        .map(([d, n]) => `${d} ${n}`)
        .join(', ')}`,
    );
    // District statistics follow the new division too (postal areas apportioned anew).
    await refreshPostalShares(trx);
    summary.durationMs = Date.now() - started;
    await repo.recordImport(trx, { dataset: 'areas', source: data.description, isFixture: summary.isFixture, summary });
  });
  return summary;
}

export async function importAreasFrom(
  knex: Knex,
  source: string,
  opts: { isFixture?: boolean; onProgress?: (m: string) => void; landUrl?: string } = {},
): Promise<AreaImportSummary> {
  const data = await readAreaSource(source, { onProgress: opts.onProgress, landUrl: opts.landUrl });
  return importAreas(knex, data, opts);
}

/**
 * First start: an empty database gets districts from the configured source, or — when that
 * cannot be reached — from the offline fixture, saying so loudly (the UI shows it too).
 */
export async function ensureAreas(knex: Knex, source: string): Promise<void> {
  const counts = await repo.countAreasByLevel(knex);
  const n = counts.suurpiiri + counts.peruspiiri + counts.osa_alue;
  if (n > 0) return log.info(`Districts: ${n} in the database`);
  const onProgress = (m: string) => log.info(m);
  try {
    log.info(`Empty database: importing districts from ${source}`);
    const s = await importAreasFrom(knex, source, { onProgress });
    log.info(`Imported districts from ${source} in ${s.durationMs} ms`, { ...s.levels, changedDistrict: s.changedDistrict });
    if (s.landPolygons === 0) await importOfflineLand(knex);
  } catch (err) {
    log.warn(`Could not import districts from ${source}: ${(err as Error).message}`);
    log.warn(
      `USING THE OFFLINE FIXTURE: a few hand-drawn districts, not the real division. ` +
        `Run "npm run import:areas -- --from <source>" when the source is reachable.`,
    );
    await importAreasFrom(knex, OFFLINE_FIXTURE_DIR, { isFixture: true, onProgress });
  }
}

async function importOfflineLand(knex: Knex): Promise<void> {
  const fixture = await readAreaSource(OFFLINE_FIXTURE_DIR);
  await repo.replaceBasemapLand(knex, fixture.land, `${OFFLINE_FIXTURE_DIR} (land outline)`);
  await repo.refreshAreaLabels(knex);
}

export async function locatePoint(knex: Knex, lon: number, lat: number): Promise<LocateResponse> {
  const found = await repo.areasCoveringPoint(knex, lon, lat);
  const areas: LocateResponse['areas'] = { suurpiiri: null, peruspiiri: null, osa_alue: null };
  for (const a of found) areas[a.level] ??= a;
  return { point: { lon, lat }, areas };
}

export const areaCollectionJson = repo.areaCollectionJson;
export const basemapLandJson = repo.basemapLandJson;

/** Every district of a level is far below one export page; the pages only keep the reads bounded. */
const AREA_EXPORT_MAX = 10_000;
export const areaCsvChunks = (knex: Knex, level: AreaLevel, delimiter: CsvDelimiter = ',') =>
  csvExport(AREA_CSV_COLUMNS, { limit: AREA_EXPORT_MAX, offset: 0 }, (p) => repo.areaRows(knex, level, p), delimiter);
export const areaGeoJsonChunks = (knex: Knex, level: AreaLevel) =>
  geoJsonExport({ limit: AREA_EXPORT_MAX, offset: 0 }, (p) => repo.areaFeaturesJson(knex, level, p));
