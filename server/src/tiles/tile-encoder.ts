import Point from '@mapbox/point-geometry';
import { fromVectorTileJs, type VectorTileFeatureLike, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import { EXTENT } from './tile-layer.js';
import type { TileFeatureRow } from './tiles.repository.js';

type Position = [number, number];
type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString' | 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

/** MVT geometry as vt-pbf takes it: points one "ring" of all points; lines and polygon rings each one. */
function rings(g: Geometry): Position[][] {
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'MultiPoint':
      return [g.coordinates];
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat(1);
    case 'GeometryCollection':
      return g.geometries.flatMap(rings);
  }
}

/**
 * One MVT layer from rows already in tile coordinates (tileFeatureRows), encoded by MapLibre's
 * vt-pbf: the same writer MapLibre uses for its own GeoJSON tiles, maintained with it. Null
 * attributes are left out, as ST_AsMVT does; no feature gives an empty tile, as ST_AsMVT does.
 */
export function encodeTile(layerName: string, rows: readonly TileFeatureRow[], attributeNames: readonly string[]): Uint8Array {
  if (!rows.length) return new Uint8Array();
  const features: VectorTileFeatureLike[] = rows.map((r) => {
    const properties: Record<string, string | number | boolean> = {};
    for (const name of attributeNames) {
      const v = r[name];
      if (v !== null && v !== undefined) properties[name] = v as string | number | boolean;
    }
    const geometry = rings(JSON.parse(r.__geom) as Geometry);
    return {
      id: r.__fid,
      type: (r.__dim + 1) as 1 | 2 | 3,
      properties,
      extent: EXTENT,
      loadGeometry: () => geometry.map((ring) => ring.map(([x, y]) => new Point(x, y))),
    };
  });
  const layer: VectorTileLayerLike = {
    version: 2,
    name: layerName,
    extent: EXTENT,
    length: features.length,
    feature: (i) => features[i],
  };
  return fromVectorTileJs({ layers: { [layerName]: layer } });
}
