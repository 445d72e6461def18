import type { Knex } from 'knex';
import type { OutputCrs, Sql } from '../collections/sql.js';
import type { OgcItemsQuery } from '../contracts/ogc.js';
import type { Queryable } from './cql2.js';

export type Bbox = [number, number, number, number];

/** Filters beyond the core ones (bbox, datetime, limit, offset) a collection may accept. */
export type OgcExtraFilter = 'theme' | 'department' | 'kind' | 'status' | 'stage';

/**
 * One layer served through OGC API – Features. Each feature folder declares its own collection
 * (areas.ogc.ts, activities.ogc.ts, …); ogc/collections.ts lists them in the order served.
 */
export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  filters: readonly OgcExtraFilter[];
  /** Properties a CQL2 `filter` may name (GET …/queryables lists them). */
  queryables: readonly Queryable[];
  extent(knex: Knex): Promise<{ bbox: Bbox | null; interval?: [string | null, string | null] }>;
  /** One bounded page: features as JSON array text (in `q.crs`, CRS84 without), plus the counts OGC asks for. */
  items(
    knex: Knex,
    q: OgcItemsQuery,
    page: { limit: number; offset: number },
    /** The parsed CQL2 filter, bound. */
    filter?: Sql,
  ): Promise<{ featuresJson: string; matched: number; returned: number }>;
  /** One feature as GeoJSON Feature text (in `crs`, CRS84 without), or null. */
  item(knex: Knex, id: number, crs?: OutputCrs): Promise<string | null>;
}
