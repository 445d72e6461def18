import type { Knex } from 'knex';
import {
  ACTIVITIES_DEFAULT_LIMIT,
  ACTIVITY_CSV_COLUMNS,
  OVERLAP_DEFAULT_DISTANCE,
  type ActivitiesQuery,
  type ActivityDetail,
  type ActivityFilter,
  type OverlapPair,
  type OverlapsResponse,
} from '../contracts/activities.js';
import { validateUserGeometry } from '../geometry/user-geometry.js';
import { HttpError, notFound, badField } from '../http/errors.js';
import { csvExport, geoJsonExport } from '../http/export-stream.js';
import * as repo from './activities.repository.js';

export const listDepartments = repo.listDepartments;
export const listThemes = repo.listThemes;

/** Filters whose values must exist in the database: unknown ones are a 400 naming the parameter. */
export async function checkFilterReferences(knex: Knex, f: ActivityFilter): Promise<void> {
  if (f.theme) {
    const known = new Set((await repo.listThemes(knex)).map((t) => t.slug));
    const unknown = f.theme.filter((s) => !known.has(s));
    if (unknown.length) throw badField('theme', `unknown theme(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  if (f.department) {
    const known = new Set((await repo.listDepartments(knex)).map((d) => d.slug));
    const unknown = f.department.filter((s) => !known.has(s));
    if (unknown.length) throw badField('department', `unknown department(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  if (f.area) {
    const missing = await repo.missingAreaIds(knex, f.area);
    if (missing.length) throw badField('area', `unknown area id(s): ${missing.join(', ')}`);
  }
}

export const filterOf = (q: ActivitiesQuery): ActivityFilter => ({
  bbox: q.bbox,
  area: q.area,
  theme: q.theme,
  department: q.department,
  kind: q.kind,
  status: q.status,
  from: q.from,
  to: q.to,
  demo: q.demo,
});

/**
 * One bounded page of the filtered activities as GeoJSON text (PostGIS builds the features),
 * with OGC-style counts so the UI can say "showing 1000 of 3456 — zoom in".
 */
export async function activityCollectionJson(
  knex: Knex,
  f: ActivityFilter,
  page: { limit?: number; offset?: number; full?: boolean },
): Promise<{ body: string; numberMatched: number; numberReturned: number; featuresJson: string }> {
  await checkFilterReferences(knex, f);
  const limit = page.limit ?? ACTIVITIES_DEFAULT_LIMIT;
  const offset = page.offset ?? 0;
  const [numberMatched, features] = [await repo.countActivities(knex, f), await repo.activityFeaturesJson(knex, f, { limit, offset, full: page.full })];
  const body =
    `{"type":"FeatureCollection","numberMatched":${numberMatched},"numberReturned":${features.count},` +
    `"limit":${limit},"offset":${offset},"features":${features.json}}`;
  return { body, numberMatched, numberReturned: features.count, featuresJson: features.json };
}

export async function* activityCsvChunks(
  knex: Knex,
  f: ActivityFilter,
  page: { limit: number; offset: number },
): AsyncGenerator<string> {
  await checkFilterReferences(knex, f);
  yield* csvExport(ACTIVITY_CSV_COLUMNS, page, (p) => repo.activityRows(knex, f, p));
}

export async function* activityGeoJsonChunks(
  knex: Knex,
  f: ActivityFilter,
  page: { limit: number; offset: number },
): AsyncGenerator<string> {
  await checkFilterReferences(knex, f);
  yield* geoJsonExport(page, (p) => repo.activityFeaturesJson(knex, f, { ...p, full: true }));
}

export async function activityDetail(knex: Knex, id: number, distance = OVERLAP_DEFAULT_DISTANCE): Promise<ActivityDetail> {
  const row = await repo.activityById(knex, id);
  if (!row) throw notFound(`Activity ${id}`);
  const items = await repo.overlapsOfActivity(knex, id, distance, 500);
  return {
    type: 'Feature',
    id,
    geometry: row.geometry as ActivityDetail['geometry'],
    properties: { ...row.properties, departmentInfo: row.department, themeInfo: row.themes, areas: row.areas },
    overlaps: { distance, items },
  };
}

const OVERLAP_ACTIVITY_LIMIT = 2000;
const OVERLAP_PAIR_LIMIT = 1000;

export async function overlapsOfPlace(
  knex: Knex,
  q: { area?: number; geometry?: unknown; from?: string; to?: string; distance?: number },
): Promise<OverlapsResponse> {
  const distance = q.distance ?? 0;
  let subject: repo.OverlapSubject;
  if (q.area !== undefined) {
    if (!(await repo.areaExists(knex, q.area))) throw badField('area', `unknown area id: ${q.area}`);
    subject = { areaId: q.area };
  } else {
    try {
      subject = { geoJson: await validateUserGeometry(knex, q.geometry) };
    } catch (err) {
      // Name the parameter, keep the geometry checker's message.
      if (err instanceof HttpError && err.status === 400) throw badField('geometry', err.message);
      throw err;
    }
  }
  const r = await repo.overlapsOfPlace(knex, subject, {
    distance,
    from: q.from,
    to: q.to,
    limit: OVERLAP_ACTIVITY_LIMIT,
    pairLimit: OVERLAP_PAIR_LIMIT,
  });
  const pairs = (r.pairs as { a: OverlapPair['a']; b: OverlapPair['b']; distance: number; intersects: boolean; time_overlaps: boolean }[]).map(
    (p): OverlapPair => {
      const distanceMetres = Math.round(p.distance * 10) / 10;
      const flags = { distanceMetres, intersects: p.intersects, timeOverlaps: p.time_overlaps };
      return { a: { ...p.a, ...flags }, b: { ...p.b, ...flags }, ...flags };
    },
  );
  return {
    query: { area: q.area ?? null, distance, from: q.from ?? null, to: q.to ?? null },
    activities: JSON.parse(r.activitiesJson),
    departments: r.departments,
    pairs,
    truncated: r.activityCount >= OVERLAP_ACTIVITY_LIMIT || pairs.length >= OVERLAP_PAIR_LIMIT,
  };
}
