import { z } from 'zod';

/** Shapes shared by every API: keep this file free of server imports (the client imports it). */

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().nullable() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A number given as a query string value, required and within [min, max]. */
export const queryNumber = (name: string, min: number, max: number, what = 'number') =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`)
    .transform(Number)
    .refine(Number.isFinite, `${name} must be a number`)
    .refine((v) => v >= min && v <= max, `${name} must be a ${what} between ${min} and ${max}`);

export const Lon = (name = 'lon') => queryNumber(name, -180, 180, 'longitude');
export const Lat = (name = 'lat') => queryNumber(name, -90, 90, 'latitude');

/** A required query string value: empty strings count as missing. */
export const requiredQuery = (name: string) =>
  z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`);

export type Position = [number, number];
export interface GeoJsonGeometry {
  type: 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}
export interface Feature<P> {
  type: 'Feature';
  id: number | string;
  geometry: GeoJsonGeometry;
  properties: P;
}
export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}
