import type { Knex } from 'knex';
import { BUFFER, EXTENT, tileBbox, type TileLayer } from './tile-layer.js';

/** Who encodes the protobuf: PostGIS (ST_AsMVT) or Node, from rows already in tile coordinates. */
export type TileEncoder = 'postgis' | 'node';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/**
 * PostGIS built without protobuf-c (the embedded PGlite's) has neither ST_AsMVT nor ST_AsMVTGeom.
 * Asked by trying, rather than guessed from the backend's name; any other failure (the server is
 * unreachable) is thrown, so that it is asked again instead of settling for the slower path.
 */
export async function detectEncoder(knex: Knex): Promise<TileEncoder> {
  try {
    const { rows } = await knex.raw(
      `SELECT length(ST_AsMVT(q, 'probe', 4096, 'geom')) AS n
         FROM (SELECT ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(24.94, 60.17), 4326), 3857),
                                   ST_TileEnvelope(10, 583, 296)) AS geom) q`,
    );
    return Number(rows[0]?.n) > 0 ? 'postgis' : 'node';
  } catch (err) {
    // "Compiled without protobuf-c support", or no such function in a PostGIS built without it.
    if (/protobuf|st_asmvt/i.test(String((err as Error).message))) return 'node';
    throw err;
  }
}

/** The dataset's revision (only grows, at commit) and how many log rows make it up. */
export async function tileRevision(knex: Knex, key: string): Promise<{ revision: number; rows: number }> {
  const { rows } = await knex.raw(
    'SELECT coalesce(sum(n), 0)::bigint AS revision, count(*)::int AS rows FROM tile_changes WHERE dataset = ?',
    [key],
  );
  return { revision: Number(rows[0].revision), rows: Number(rows[0].rows) };
}

/** Folds a dataset's log rows into one with the same sum: the revision stays, the table stays small. */
export async function foldTileChanges(knex: Knex, key: string): Promise<void> {
  await knex.raw(
    `WITH gone AS (DELETE FROM tile_changes WHERE dataset = ? RETURNING n)
     INSERT INTO tile_changes (dataset, n) SELECT ?, sum(n) FROM gone HAVING count(*) > 0`,
    [key, key],
  );
}

/** The attributes a tile at zoom `z` carries. */
export const attributesAt = <F>(layer: TileLayer<F>, z: number) => layer.attributes.filter((a) => (a.minzoom ?? 0) <= z);

/**
 * The layer's matching rows in the tile's buffered box, with the tile envelope beside each:
 * `s.__fid`, `s.__g` (4326), the attributes by name, and `env.e` (3857).
 */
function sourceRows<F>(layer: TileLayer<F>, f: F, t: TileAddress): { sql: string; bindings: Knex.RawBinding[] } {
  const src = layer.source(f, tileBbox(t.z, t.x, t.y));
  const attrs = attributesAt(layer, t.z)
    .map((a) => `, ${a.sql} AS "${a.name}"`)
    .join('');
  return {
    sql: `(SELECT ${layer.featureId} AS __fid, ${layer.geometry} AS __g${attrs} ${src.sql}) s
          CROSS JOIN (SELECT ST_TileEnvelope(?, ?, ?) AS e) env`,
    bindings: [...src.bindings, t.z, t.x, t.y],
  };
}

const attributeColumns = <F>(layer: TileLayer<F>, z: number) =>
  attributesAt(layer, z)
    .map((a) => `, s."${a.name}"`)
    .join('');

/** The tile by ST_AsMVT; empty (zero bytes) when no feature falls in it. */
export async function postgisTile<F>(knex: Knex, layer: TileLayer<F>, f: F, t: TileAddress): Promise<Buffer> {
  const rows = sourceRows(layer, f, t);
  const { rows: out } = await knex.raw(
    `SELECT ST_AsMVT(q, ?::text, ${EXTENT}, '__geom', '__fid' ORDER BY q.__fid) AS tile
       FROM (SELECT s.__fid, ST_AsMVTGeom(ST_Transform(s.__g, 3857), env.e, ${EXTENT}, ${BUFFER}, true) AS __geom
                    ${attributeColumns(layer, t.z)}
               FROM ${rows.sql}) q
      WHERE q.__geom IS NOT NULL`,
    [layer.id, ...rows.bindings],
  );
  return Buffer.from((out[0]?.tile as Uint8Array | null) ?? new Uint8Array());
}

export interface TileFeatureRow {
  __fid: number;
  /** 0 points, 1 lines, 2 polygons: the feature's MVT geometry type. */
  __dim: number;
  /** GeoJSON geometry in integer tile coordinates (y down), clipped to the buffer. */
  __geom: string;
  [attribute: string]: unknown;
}

/**
 * What ST_AsMVTGeom does, in functions every PostGIS build has: the geometry's basic type, the
 * affine map onto the 4096 grid (y down), snapped to integers, points on straight lines dropped,
 * clipped to the tile plus buffer; polygons made valid again with the exterior ring positive
 * (clockwise on screen, as the MVT spec asks).
 */
const MVT_GEOM = `
  CROSS JOIN LATERAL (SELECT ST_Dimension(s.__g) AS dim,
                             ${EXTENT} / (ST_XMax(env.e) - ST_XMin(env.e)) AS fx,
                             -${EXTENT} / (ST_YMax(env.e) - ST_YMin(env.e)) AS fy) k
  CROSS JOIN LATERAL (SELECT ST_Simplify(ST_SnapToGrid(ST_Affine(
                               ST_CollectionExtract(ST_Transform(s.__g, 3857), k.dim + 1),
                               k.fx, 0, 0, k.fy, -ST_XMin(env.e) * k.fx, -ST_YMax(env.e) * k.fy), 1), 0) AS g) a
  CROSS JOIN LATERAL (SELECT ST_MakeBox2D(ST_Point(-${BUFFER}, -${BUFFER}), ST_Point(${EXTENT + BUFFER}, ${EXTENT + BUFFER})) AS box) b
  CROSS JOIN LATERAL (SELECT CASE
      WHEN k.dim = 2 THEN ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(ST_ClipByBox2D(a.g, b.box), 1)), 3))
      WHEN GeometryType(a.g) = 'MULTIPOINT' THEN ST_SnapToGrid(ST_ClipByBox2D(ST_RemoveRepeatedPoints(a.g), b.box), 1)
      ELSE ST_SnapToGrid(ST_ClipByBox2D(a.g, b.box), 1) END AS g) c`;

/** The tile's features in tile coordinates, for the Node encoder; in id order, as postgisTile. */
export async function tileFeatureRows<F>(knex: Knex, layer: TileLayer<F>, f: F, t: TileAddress): Promise<TileFeatureRow[]> {
  const rows = sourceRows(layer, f, t);
  const { rows: out } = await knex.raw(
    `SELECT s.__fid, k.dim AS __dim, ST_AsGeoJSON(c.g, 0) AS __geom ${attributeColumns(layer, t.z)}
       FROM ${rows.sql} ${MVT_GEOM}
      WHERE c.g IS NOT NULL AND NOT ST_IsEmpty(c.g)
      ORDER BY s.__fid`,
    rows.bindings,
  );
  return out as TileFeatureRow[];
}
