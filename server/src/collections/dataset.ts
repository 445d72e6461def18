import type { z } from 'zod';
import type { Queryable } from '../ogc/cql2.js';
import type { OgcExtraFilter } from '../ogc/ogc-collection.js';
import type { TileAttribute } from '../tiles/tile-layer.js';
import type { Source, Sql } from './sql.js';

/** What every dataset's filter may hold; each dataset adds its own keys. */
export interface BaseFilter {
  bbox?: [number, number, number, number];
  area?: number[];
  theme?: string[];
  department?: string[];
}

/** A parsed list query: the filter plus paging and the download format. */
export type ListQuery<F> = F & { limit?: number; offset?: number; format?: 'geojson' | 'csv' };

/**
 * One dataset, declared once: this drives `/api/<path>` (a paged FeatureCollection with counts),
 * `/api/<path>.geojson` and `.csv` (streamed in bounded pages), and its `/ogc/collections/<id>`.
 * See README "Adding a dataset". With `tiles` it is also served as vector tiles (`/tiles/<id>/…`)
 * through the same `source`, `where` and query grammar.
 */
export interface Dataset<F extends BaseFilter = BaseFilter> {
  /** The OGC collection id and the download file name. */
  id: string;
  /** The URL path under /api (`activities` serves /api/activities, .geojson, .csv). */
  path: string;
  source: Source;
  /** Stable page order (ties broken by id). */
  orderBy: string;
  /** The list query (also the downloads' unless `exportQuery`), from the contracts. */
  query: z.ZodType<ListQuery<F>, unknown>;
  exportQuery?: z.ZodType<ListQuery<F>, unknown>;
  /** Every condition of a filter, bound; rows that are never public (hidden) are excluded here too. */
  where(f: F): Sql;
  /** Map properties of a row, a JSON object expression (the list). */
  listProps: Sql;
  /** Every public property (downloads and OGC); defaults to `listProps`. */
  fullProps?: Sql;
  /** The list's features of one row as a JSON array expression, when a row is more than one feature. */
  listFeatures?: Sql;
  /** The downloads' and OGC's features of one row (a JSON array expression), when not one per row. */
  fullFeatures?: Sql;
  /** CSV columns, read from `fullProps` (one property rule for every download and OGC) plus lon, lat and wkt. */
  csv: { columns: readonly string[] };
  limits: { list: number; export: number };
  ogc: {
    title: string;
    description: string;
    /** Filters beyond bbox and datetime the collection takes (others answer 400). */
    filters: readonly OgcExtraFilter[];
    /** Start and end columns: the temporal extent; `datetime` then filters as the list's from/to. */
    interval?: [string, string];
    /** Properties a CQL2 filter may name, each with the SQL it reads over `source`. */
    queryables: readonly Queryable[];
  };
  tiles?: DatasetTiles;
  /** With `feed` the dataset is also an Atom feed (feeds/): its newest rows by `updated`. */
  feed?: DatasetFeed;
}

/** What a feed asks of a dataset beyond its filter: when a row last changed, and what an entry shows. */
export interface DatasetFeed {
  /** When a row last changed (a timestamptz expression): the feed's order and each entry's `updated`. */
  updated: string;
  /** An entry's properties, a JSON object expression; defaults to `fullProps` (public properties only). */
  props?: Sql;
}

/** A dataset's vector tiles: which properties a tile carries and what invalidates cached tiles. */
export interface DatasetTiles {
  title: string;
  description: string;
  attribution: string;
  minzoom: number;
  maxzoom: number;
  /** List parameters that are no tile filter, beyond paging and format (refused by name). */
  notFilters?: readonly string[];
  /** Lean properties: enough to colour and filter on the map; details come from the item's endpoint. */
  attributes: readonly TileAttribute[];
  /** Key of the dataset in tile_changes, raised by triggers on its tables (migration 20261202120000_tiles). */
  revisionKey: string;
}

/** Identity with inference, so a declaration is checked against its own filter type. */
export const defineDataset = <F extends BaseFilter>(d: Dataset<F>): Dataset<F> => d;
