import compression from 'compression';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { badField, notFound, notFoundRoute } from '../http/errors.js';
import { openToEveryOrigin } from '../http/open-data.js';
import type { Bbox, TileLayer } from './tile-layer.js';
import { tileRevision } from './tiles.repository.js';
import { createTileService, tileJson } from './tiles.service.js';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * Short enough that a write shows on the map within 90 s at worst (30 fresh, then one stale answer
 * while revalidating), long enough that a CDN or the browser answers a pan back and forth; a
 * revalidation costs one revision query when nothing changed (304).
 */
const TILE_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60';
const TILEJSON_CACHE_CONTROL = 'public, max-age=60';

/** compression's default filter asks mime-db, which does not call MVT compressible; its string tables compress well. */
export const compressionFilter = (req: Request, res: Parameters<typeof compression.filter>[1]): boolean =>
  String(res.getHeader('Content-Type') ?? '').startsWith(MVT_TYPE) || compression.filter(req, res);

/** A tile coordinate from the path: a whole number in [0, max], else a 400 naming it. */
function coordinate(name: string, value: string, max: number, why: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) > max)
    throw badField(name, `${name} must be a whole number from 0 to ${max}${why}`);
  return Number(value);
}

/**
 * `v`: the dataset's revision, which only makes a tile URL new after a write, so that a client
 * that asked for a fresh TileJSON skips what the browser or a CDN cached. Any revision gives the
 * current tile; it is no filter.
 */
const REVISION_PARAM = 'v';

/** The query without `v`, which must be a whole number when given (else a 400 naming it). */
function withoutRevision(query: Record<string, unknown>): Record<string, unknown> {
  if (!(REVISION_PARAM in query)) return query;
  const { [REVISION_PARAM]: v, ...rest } = query;
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw badField(REVISION_PARAM, 'v must be a whole number (a revision)');
  return rest;
}

/** The filter's own query string, keys sorted, then the revision, for the TileJSON tiles template. */
function queryString(query: Record<string, unknown>, revision: number): string {
  const p = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const v = query[key];
    p.set(key, Array.isArray(v) ? v.map(String).join(',') : String(v));
  }
  p.set(REVISION_PARAM, String(revision));
  return `?${p.toString().replace(/%2C/g, ',')}`;
}

/** GET /tiles/<dataset>/{z}/{x}/{y}.mvt and GET /tiles/<dataset>.json for each layer. */
export function tilesRouter(knex: Knex, layers: readonly TileLayer<unknown>[]): Router {
  const r = Router();
  const service = createTileService(knex);
  // Asked at start-up, so the first map view does not wait for it (and the log says which); a
  // failure here is retried by the first tile request, which reports it.
  service.encoder().catch(() => undefined);
  const layerOf = (id: string): TileLayer<unknown> => {
    const layer = layers.find((l) => l.id === id);
    if (!layer) throw notFound(`Tile dataset ${id}`);
    return layer;
  };
  // The extent is a whole-table aggregate: computed once per revision of the dataset, not per TileJSON.
  const extents = new Map<string, { revision: number; extent: Promise<Bbox | null> }>();
  const extentAt = (layer: TileLayer<unknown>, revision: number) => {
    const known = extents.get(layer.id);
    if (known?.revision === revision) return known.extent;
    const extent = layer.extent(knex);
    extent.catch(() => extents.delete(layer.id));
    extents.set(layer.id, { revision, extent });
    return extent;
  };
  const query = (req: Request) => withoutRevision(req.query as Record<string, unknown>);

  r.use(openToEveryOrigin);

  r.get('/:dataset.json', async (req, res) => {
    const layer = layerOf(req.params.dataset);
    const f = layer.parseFilter(query(req));
    const { revision } = await tileRevision(knex, layer.revisionKey);
    const url = `${req.protocol}://${req.get('host')}${req.baseUrl}/${layer.id}/{z}/{x}/{y}.mvt${queryString(query(req), revision)}`;
    res.set('Cache-Control', TILEJSON_CACHE_CONTROL).json(await tileJson(knex, layer, f, url, extentAt(layer, revision)));
  });

  r.get('/:dataset/:z/:x/:y.mvt', async (req, res) => {
    const layer = layerOf(req.params.dataset);
    const z = coordinate('z', req.params.z, layer.maxzoom, ` (the zooms of ${layer.id} tiles)`);
    const max = 2 ** z - 1;
    const x = coordinate('x', req.params.x, max, ` at zoom ${z}`);
    const y = coordinate('y', req.params.y, max, ` at zoom ${z}`);
    if (z < layer.minzoom) throw badField('z', `z must be at least ${layer.minzoom}`);
    const f = layer.parseFilter(query(req));
    const out = await service.tile(layer, f, { z, x, y }, req.get('If-None-Match'));
    res.set({ ETag: out.etag, 'Cache-Control': TILE_CACHE_CONTROL });
    if (out.status === 304) {
      res.status(304).end();
      return;
    }
    res.type(MVT_TYPE).send(out.body);
  });

  r.use(notFoundRoute);
  return r;
}
