import type { Knex } from 'knex';
import type { CsvDelimiter } from '../contracts/common.js';
import type { OgcItemsQuery } from '../contracts/ogc.js';
import { badField } from '../http/errors.js';
import { csvExport, geoJsonExport, type ExportPage } from '../http/export-stream.js';
import type { OgcCollection } from '../ogc/ogc-collection.js';
import type { BaseFilter, Dataset, ListQuery } from './dataset.js';
import {
  and,
  featureCollectionPage,
  extentOf,
  featureJson,
  isoTime,
  raw,
  rowPage,
  run,
  sql,
  type OutputCrs,
  type Sql,
} from './sql.js';

/** The features of one row: the declared array, or the one feature of `props`. */
const featuresOf = (d: Dataset<never>, props: Sql, custom?: Sql): Sql =>
  custom ?? sql`json_build_array(${featureJson(d.source.alias, props)})`;
const fullProps = (d: Dataset<never>) => d.fullProps ?? d.listProps;
const listFeatures = (d: Dataset<never>) => featuresOf(d, d.listProps, d.listFeatures);
const fullFeatures = (d: Dataset<never>) => featuresOf(d, fullProps(d), d.fullFeatures);

/**
 * Filter values that name reference data must exist: an unknown one is a 400 naming the
 * parameter, the same in every section (not an empty answer that looks like "nothing here").
 */
export async function checkFilterReferences(knex: Knex, f: BaseFilter): Promise<void> {
  const missing = async (table: string, column: string, type: string, values: string[] | number[]) =>
    (
      await run<{ v: string | number }>(
        knex,
        sql`SELECT x.v FROM unnest(${values}::${raw(type)}[]) AS x(v)
             WHERE NOT EXISTS (SELECT 1 FROM ${raw(table)} r WHERE r.${raw(column)} = x.v)`,
      )
    ).map((r) => r.v);
  if (f.theme?.length) {
    const unknown = await missing('themes', 'slug', 'text', f.theme);
    if (unknown.length) throw badField('theme', `unknown theme(s): ${unknown.join(', ')}`);
  }
  if (f.department?.length) {
    const unknown = await missing('departments', 'slug', 'text', f.department);
    if (unknown.length) throw badField('department', `unknown department(s): ${unknown.join(', ')}`);
  }
  if (f.area?.length) {
    const unknown = await missing('areas', 'id', 'int', f.area);
    if (unknown.length) throw badField('area', `unknown area id(s): ${unknown.join(', ')}`);
  }
}

/** The filter part of a parsed list query. */
export function filterOf<F extends BaseFilter>(q: ListQuery<F>): F {
  const { limit: _l, offset: _o, format: _f, ...f } = q;
  return f as unknown as F;
}

export interface CollectionPage {
  numberMatched: number;
  numberReturned: number;
  limit: number;
  offset: number;
  featuresJson: string;
}

/** One bounded page of the filtered rows with their counts (rows, not features, are counted). */
export async function collectionPage<F extends BaseFilter>(
  knex: Knex,
  d: Dataset<F>,
  f: F,
  page: { limit?: number; offset?: number; full?: boolean; crs?: OutputCrs },
): Promise<CollectionPage> {
  await checkFilterReferences(knex, f);
  const limit = page.limit ?? d.limits.list;
  const offset = page.offset ?? 0;
  const where = d.where(f);
  const dd = d as unknown as Dataset<never>;
  const features = page.full ? fullFeatures(dd) : listFeatures(dd);
  const p = await featureCollectionPage(knex, d.source, {
    where,
    orderBy: d.orderBy,
    features,
    limit,
    offset,
    countMatched: true,
    crs: page.crs,
  });
  return { numberMatched: p.matched ?? 0, numberReturned: p.count, limit, offset, featuresJson: p.json };
}

/** The list body: a FeatureCollection with OGC-style counts ("showing 1000 of 3456 — zoom in"). */
export const collectionBody = (p: CollectionPage): string =>
  `{"type":"FeatureCollection","numberMatched":${p.numberMatched},"numberReturned":${p.numberReturned},` +
  `"limit":${p.limit},"offset":${p.offset},"features":${p.featuresJson}}`;

export async function* geoJsonChunks<F extends BaseFilter>(
  knex: Knex,
  d: Dataset<F>,
  f: F,
  page: ExportPage,
): AsyncGenerator<string> {
  await checkFilterReferences(knex, f);
  const where = d.where(f);
  const features = fullFeatures(d as unknown as Dataset<never>);
  yield* geoJsonExport(page, (p) => featureCollectionPage(knex, d.source, { where, orderBy: d.orderBy, features, ...p }));
}

export async function* csvChunks<F extends BaseFilter>(
  knex: Knex,
  d: Dataset<F>,
  f: F,
  page: ExportPage,
  delimiter: CsvDelimiter = ',',
): AsyncGenerator<string> {
  await checkFilterReferences(knex, f);
  const where = d.where(f);
  const props = fullProps(d as unknown as Dataset<never>);
  yield* csvExport<Record<string, unknown>>(
    d.csv.columns,
    page,
    (p) => rowPage(knex, d.source, { where, orderBy: d.orderBy, props, ...p }),
    delimiter,
  );
}

/** A row as a feed reads it: its public properties, when it last changed and a point on it. */
export interface FeedRow {
  props: Record<string, unknown>;
  updated: string;
  lon: number;
  lat: number;
}

/**
 * The rows matching a filter, for a feed: bounded, newest first by the declared `updated` (Atom),
 * or by their start for a calendar (datasets with a time span, `ogc.interval`).
 */
export async function feedRows<F extends BaseFilter>(
  knex: Knex,
  d: Dataset<F>,
  f: F,
  q: { limit: number; order: 'updated' | 'start' },
): Promise<FeedRow[]> {
  const feed = d.feed;
  const start = d.ogc.interval?.[0];
  if (!feed || (q.order === 'start' && !start)) throw new Error(`dataset ${d.id} declares no feed ordered by ${q.order}`);
  await checkFilterReferences(knex, f);
  const a = d.source.alias;
  const orderBy = q.order === 'updated' ? `${feed.updated} DESC, ${a}.id DESC` : `${start} ASC NULLS LAST, ${a}.id`;
  const props = sql`((${feed.props ?? fullProps(d as unknown as Dataset<never>)})::jsonb
                     || jsonb_build_object('updated', ${raw(isoTime(feed.updated))}))`;
  const rows = await rowPage(knex, d.source, { where: d.where(f), orderBy, props, limit: q.limit, offset: 0 });
  return rows.map(({ lon, lat, wkt: _wkt, ...p }) => ({
    props: p,
    updated: String(p.updated),
    lon: Number(lon),
    lat: Number(lat),
  }));
}

/** The dataset as an OGC API – Features collection: the downloads' features, the list's filters. */
export function ogcCollectionOf<F extends BaseFilter>(d: Dataset<F>): OgcCollection {
  const ogcFilter = (q: OgcItemsQuery): F => {
    const f: Record<string, unknown> = { bbox: q.bbox };
    for (const k of d.ogc.filters) f[k] = q[k];
    if (d.ogc.interval) Object.assign(f, { from: q.datetime?.from, to: q.datetime?.to });
    return f as F;
  };
  // With a datetime, items with no date at all are left out (OGC /req/core/fc-time-response; the
  // list's from/to keep them, as ongoing services): ogc/openapi.ts DATETIME_SEMANTICS says so.
  const interval = d.ogc.interval;
  const undatedOut = interval && raw(`NOT (${interval[0]} IS NULL AND ${interval[1]} IS NULL)`);
  const narrowed = (extra: (Sql | undefined)[]): Dataset<F> => ({ ...d, where: (f) => and([d.where(f), ...extra]) });
  return {
    id: d.id,
    title: d.ogc.title,
    description: d.ogc.description,
    filters: d.ogc.filters,
    queryables: d.ogc.queryables,
    extent: (knex) => extentOf(knex, d.source, d.where({} as F), d.ogc.interval),
    items: async (knex, q, page, filter) => {
      const where = narrowed([q.datetime ? undatedOut : undefined, filter]);
      const p = await collectionPage(knex, where, ogcFilter(q), { ...page, full: true, crs: q.crs });
      return { featuresJson: p.featuresJson, matched: p.numberMatched, returned: p.numberReturned };
    },
    item: async (knex, id, crs) => {
      const where = and([d.where({} as F), sql`${raw(d.source.alias)}.id = ${id}`]);
      const features = fullFeatures(d as unknown as Dataset<never>);
      const p = await featureCollectionPage(knex, d.source, { where, orderBy: d.orderBy, features, limit: 1, offset: 0, crs });
      return p.count ? JSON.stringify((JSON.parse(p.json) as unknown[])[0]) : null;
    },
  };
}
