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

/**
 * Free text people type (titles, descriptions, comments). It is stored as given and always
 * rendered as text, but markup, control characters and bidirectional overrides are refused
 * outright: nobody writes them by accident, and refusing them keeps exports and e-mails clean.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|<\s*script|javascript\s*:/i;

export const PlainText = (name: string, max: number, min = 1) =>
  z
    .string({ error: `${name} must be text` })
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => s.length >= min, min === 1 ? `${name} must not be empty` : `${name} must be at least ${min} characters`)
    .refine((s) => s.length <= max, `${name} must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), `${name} contains control characters`)
    .refine((s) => !BIDI_OVERRIDE.test(s), `${name} contains bidirectional override characters`)
    .refine((s) => !MARKUP.test(s), `${name} must be plain text, not HTML or script`);

/** Endpoints that take no input refuse any body, so stray or hostile payloads are not ignored. */
export const EmptyBody = z.object({}).strict().optional();

// ---- ids and paging ------------------------------------------------------------------------

/**
 * Every id is a PostgreSQL serial (int4): a larger number would make PostgreSQL fail with a 500
 * instead of the 400 it deserves, so ids are bounded here, once, for bodies, paths and queries.
 */
export const INT4_MAX = 2147483647;
/** The deepest offset a list pages to; past it a filter narrows better than paging does. */
export const OFFSET_MAX = 10_000_000;

const idMessage = (name: string) => `${name} must be a whole-number id between 1 and ${INT4_MAX}`;

/** An id in a JSON body. */
export const Id = (name: string) =>
  z
    .number({ error: idMessage(name) })
    .int(idMessage(name))
    .min(1, idMessage(name))
    .max(INT4_MAX, idMessage(name));

/** A whole number given as a path or query-string value, within [min, max]. */
export const IntParam = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} must be given once, as a whole number` })
    .trim()
    .regex(/^\d{1,16}$/, `${name} must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be a whole number between ${min} and ${max}`);

/** An id given as a path or query-string value. */
export const IdParam = (name: string) =>
  z
    .string({ error: `${name} must be given once, as an id` })
    .trim()
    .regex(/^\d{1,16}$/, idMessage(name))
    .transform(Number)
    .refine((n) => n >= 1 && n <= INT4_MAX, idMessage(name));

/** `offset` of a list in a query string. */
export const OffsetParam = (name = 'offset') => IntParam(name, 0, OFFSET_MAX);
