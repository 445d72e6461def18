import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { log } from '../log.js';
import { encodeTile } from './tile-encoder.js';
import type { Bbox, TileLayer } from './tile-layer.js';
import * as repo from './tiles.repository.js';

export type { TileAddress, TileEncoder } from './tiles.repository.js';

/** The tile of `layer` at `t` matching `f`, by the given encoder: both give the same features. */
export async function renderTile<F>(
  knex: Knex,
  layer: TileLayer<F>,
  f: F,
  t: repo.TileAddress,
  encoder: repo.TileEncoder,
): Promise<Buffer> {
  if (encoder === 'postgis') return repo.postgisTile(knex, layer, f, t);
  const rows = await repo.tileFeatureRows(knex, layer, f, t);
  const names = repo.attributesAt(layer, t.z).map((a) => a.name);
  return Buffer.from(encodeTile(layer.id, rows, names));
}

/** Log rows a dataset may gather before the next tile request folds them into one. */
const FOLD_AFTER = 64;
/** Encoded tiles kept in memory, by ETag (which names the revision, so an entry never goes stale). */
const MEMORY_CACHE_BYTES = 32 * 1024 * 1024;
/** Empty tiles weigh nothing: the number of entries is bounded too. */
const MEMORY_CACHE_ENTRIES = 20_000;

export type TileResult = { status: 304; etag: string } | { status: 200; etag: string; body: Buffer };

/** Keys sorted, absent values dropped: one filter, one ETag, whatever the parameter order. */
const canonical = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, canonical(x)]),
      )
    : v;

/** Whether If-None-Match names `etag` (weak comparison, as RFC 9110 asks for this header). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

export interface TileService {
  /** Who encodes tiles here; decided once, on the first call. */
  encoder(): Promise<repo.TileEncoder>;
  tile<F>(layer: TileLayer<F>, f: F, t: repo.TileAddress, ifNoneMatch?: string): Promise<TileResult>;
}

export function createTileService(knex: Knex): TileService {
  let encoder: Promise<repo.TileEncoder> | null = null;
  const detect = () =>
    (encoder ??= repo.detectEncoder(knex).then(
      (e) => {
        log.info(
          e === 'postgis'
            ? 'Vector tiles: encoded by PostGIS (ST_AsMVT)'
            : 'Vector tiles: PostGIS has no ST_AsMVT here; encoded in Node',
        );
        return e;
      },
      (err: unknown) => {
        encoder = null; // asked again by the next tile request
        throw err;
      },
    ));
  const memory = new Map<string, Buffer>();
  let memoryBytes = 0;
  const remember = (etag: string, body: Buffer) => {
    memory.set(etag, body);
    memoryBytes += body.length;
    for (const [k, v] of memory) {
      if (memoryBytes <= MEMORY_CACHE_BYTES && memory.size <= MEMORY_CACHE_ENTRIES) break;
      memory.delete(k);
      memoryBytes -= v.length;
    }
  };

  return {
    encoder: detect,
    async tile(layer, f, t, ifNoneMatch) {
      const enc = await detect();
      // Read before the tile's query: a write committed in between shows in a later revision, never an older one.
      const { revision, rows } = await repo.tileRevision(knex, layer.revisionKey);
      if (rows > FOLD_AFTER) await repo.foldTileChanges(knex, layer.revisionKey);
      const request = JSON.stringify(canonical({ t, f, enc }));
      const etag = `"${layer.id}-${revision}-${createHash('sha256').update(request).digest('base64url').slice(0, 22)}"`;
      if (matchesIfNoneMatch(ifNoneMatch, etag)) return { status: 304, etag };
      const cached = memory.get(etag);
      if (cached) {
        memory.delete(etag);
        memory.set(etag, cached); // most recently used last
        return { status: 200, etag, body: cached };
      }
      // Filter values were valid at this revision if an ETag of it exists; only a fresh render checks them.
      await layer.checkFilter(knex, f);
      const body = await renderTile(knex, layer, f, t, enc);
      remember(etag, body);
      return { status: 200, etag, body };
    },
  };
}

/** The whole Web Mercator world, when a dataset is still empty. */
const WORLD: Bbox = [-180, -85.0511, 180, 85.0511];

/**
 * TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) of a layer: the
 * tiles URL carries the filter's query string, so a client gets filtered tiles by the template alone.
 */
export async function tileJson<F>(
  knex: Knex,
  layer: TileLayer<F>,
  f: F,
  tilesUrl: string,
  extent: Promise<Bbox | null> = layer.extent(knex),
): Promise<object> {
  await layer.checkFilter(knex, f);
  const bounds = (await extent) ?? WORLD;
  const center = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.min(11, layer.maxzoom)];
  return {
    tilejson: '3.0.0',
    name: layer.title,
    description: layer.description,
    attribution: layer.attribution,
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds,
    center,
    vector_layers: [
      {
        id: layer.id,
        description: layer.description,
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        fields: Object.fromEntries(layer.attributes.map((a) => [a.name, `${a.type}: ${a.description}`])),
      },
    ],
  };
}
