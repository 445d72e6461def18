import type { BaseFilter, Dataset, DatasetTiles } from '../collections/dataset.js';
import { checkFilterReferences, filterOf } from '../collections/collection.service.js';
import { extentOf } from '../collections/sql.js';
import { listFilterForTiles, type TileLayer } from './tile-layer.js';

/** Paging and format make no sense for a tile: the tile is the bbox and has no pages. */
const NOT_FOR_TILES = ['bbox', 'limit', 'offset', 'format'];

/** The tile layer of a declared dataset: its query grammar, where clause and source, nothing of its own. */
export function tileLayerOf<F extends BaseFilter>(d: Dataset<F> & { tiles: DatasetTiles }): TileLayer<F> {
  const s = d.source;
  const from = `${s.table} ${s.alias}${s.joins ? ` ${s.joins}` : ''}`;
  return {
    id: d.id,
    ...d.tiles,
    parseFilter: (query) =>
      listFilterForTiles(query, [...NOT_FOR_TILES, ...(d.tiles.notFilters ?? [])], (q) => filterOf(d.query.parse(q))),
    checkFilter: checkFilterReferences,
    source: (f, bbox) => {
      const w = d.where({ ...f, bbox });
      return { sql: `FROM ${from} WHERE ${w.sql}`, bindings: w.bindings };
    },
    geometry: `${s.alias}.geom`,
    featureId: `${s.alias}.id`,
    // Every feature that is ever public (hidden ideas excluded by the dataset's own where).
    extent: async (knex) => (await extentOf(knex, s, d.where({} as F))).bbox,
  };
}

/** Every dataset that declares `tiles`, as the layers /tiles serves. */
export const tileLayersOf = (datasets: readonly Dataset<never>[]): TileLayer<unknown>[] =>
  datasets
    .filter((d): d is Dataset<never> & { tiles: DatasetTiles } => Boolean(d.tiles))
    .map((d) => tileLayerOf(d) as TileLayer<unknown>);
