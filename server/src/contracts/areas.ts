import { z } from 'zod';
import { Lat, Lon, type FeatureCollection } from './common.js';

/** Helsinki's district levels, coarsest first. */
export const AREA_LEVELS = ['suurpiiri', 'peruspiiri', 'osa_alue'] as const;
export const AreaLevel = z.enum(AREA_LEVELS, {
  error: `level must be one of: ${AREA_LEVELS.join(', ')}`,
});
export type AreaLevel = z.infer<typeof AreaLevel>;

export const AreasQuery = z.object({ level: z.preprocess((v) => v ?? undefined, AreaLevel) }).strict();

/** Columns of the districts CSV download (GET /api/areas.csv?level=…): area from PostGIS on the spheroid. */
export const AREA_CSV_COLUMNS = [
  'id',
  'level',
  'code',
  'fullCode',
  'nameFi',
  'nameSv',
  'parentId',
  'areaKm2',
  'lon',
  'lat',
  'wkt',
] as const;
export type AreaCsvRow = AreaSummary & { areaKm2: number; lon: number; lat: number; wkt: string };

export const LocateQuery = z
  .object({
    lon: Lon(),
    lat: Lat(),
  })
  .strict();

export const AreaSummary = z.object({
  id: z.number().int(),
  level: AreaLevel,
  code: z.string(),
  fullCode: z.string(),
  nameFi: z.string(),
  nameSv: z.string().nullable(),
  parentId: z.number().int().nullable(),
});
export type AreaSummary = z.infer<typeof AreaSummary>;

/** Properties of an area feature: the summary plus a label point (for labels and list focus). */
export type AreaProperties = AreaSummary & { labelLon: number; labelLat: number; bbox: [number, number, number, number] };
export type AreaCollection = FeatureCollection<AreaProperties>;

export interface LocateResponse {
  point: { lon: number; lat: number };
  /** The containing area at every level; null where the point lies outside the city. */
  areas: Record<AreaLevel, AreaSummary | null>;
}

export interface HealthResponse {
  status: 'ok';
  backend: 'pglite' | 'postgres';
  postgis: string;
  areas: { count: number; source: string | null; isFixture: boolean };
}

/** What the client needs to know of the server's configuration. */
export interface ClientConfig {
  mapStyleUrl: string;
  areasFromFixture: boolean;
}
