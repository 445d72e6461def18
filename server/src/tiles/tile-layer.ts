import type { Knex } from 'knex';
import { HttpError } from '../http/errors.js';

export type Bbox = [number, number, number, number];

/** The MVT value type of an attribute, named as TileJSON's vector_layers name them. */
export type TileFieldType = 'Number' | 'String' | 'Boolean';

export interface TileAttribute {
  /** Property name in the tile. */
  name: string;
  /** SQL expression over the layer's source (a fixed fragment, never built from input). */
  sql: string;
  type: TileFieldType;
  description: string;
  /** Only in tiles from this zoom on (a label is noise, and bytes, on a city-wide tile). */
  minzoom?: number;
}

/**
 * One dataset served as vector tiles: `GET /tiles/<id>/{z}/{x}/{y}.mvt` and `/tiles/<id>.json`.
 * Self-contained so that it can become the `tiles` field of a dataset declaration: everything the
 * tile routes need comes from here, the filters through the dataset's own list grammar and
 * where-clause builder.
 */
export interface TileLayer<F = unknown> {
  /** URL segment, MVT layer name and TileJSON vector layer id. */
  id: string;
  title: string;
  description: string;
  attribution: string;
  minzoom: number;
  maxzoom: number;
  /** The list's filter from a tile request's query string; a ZodError or HttpError (400) names what is wrong. */
  parseFilter(query: Record<string, unknown>): F;
  /** Rejects (400) filter values that name nothing in the database (an unknown theme, area, …). */
  checkFilter(knex: Knex, f: F): Promise<void>;
  /**
   * `FROM … WHERE …` of the features in `bbox` (WGS84, the tile and its buffer) that match `f`: the
   * dataset's own where clause with its `geom && envelope` prefilter on the GiST index.
   */
  source(f: F, bbox: Bbox): { sql: string; bindings: Knex.RawBinding[] };
  /** Geometry (SRID 4326) and feature id expressions over the source. */
  geometry: string;
  featureId: string;
  /** Lean properties: enough to colour and filter on the map; details come from the item's endpoint. */
  attributes: readonly TileAttribute[];
  /** Key of the dataset in tile_changes, raised by triggers on its tables (migration 20261202120000_tiles). */
  revisionKey: string;
  /** Extent of every feature (not only the filtered ones), for TileJSON bounds. */
  extent(knex: Knex): Promise<Bbox | null>;
}

/**
 * The list's query grammar applied to a tile request: parameters that make no sense for a tile
 * (the tile is the bbox, and it has no pages) are refused by name, like any unknown parameter.
 */
export function listFilterForTiles<T>(
  query: Record<string, unknown>,
  notForTiles: readonly string[],
  parse: (q: Record<string, unknown>) => T,
): T {
  const refused = Object.keys(query).filter((k) => notForTiles.includes(k));
  if (refused.length) {
    throw new HttpError(
      400,
      'invalid_request',
      `unknown parameter(s): ${refused.join(', ')} (not for tiles)`,
      refused.map((k) => ({ path: [k], message: 'not a tile filter' })),
    );
  }
  return parse(query);
}

// ---- tile arithmetic (Web Mercator, XYZ scheme) --------------------------------------------

/** Tile extent and buffer in tile units, as ST_AsMVTGeom's defaults. */
export const EXTENT = 4096;
export const BUFFER = 64;

/** Longitude and latitude of a tile corner (x, y may be fractional). */
function corner(z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const lon = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return [lon, lat];
}

/** WGS84 box of a tile grown by its buffer, clamped to the world, for the && prefilter. */
export function tileBbox(z: number, x: number, y: number): Bbox {
  const b = BUFFER / EXTENT;
  const [w, n] = corner(z, x - b, y - b);
  const [e, s] = corner(z, x + 1 + b, y + 1 + b);
  return [Math.max(-180, w), Math.max(-90, s), Math.min(180, e), Math.min(90, n)];
}
