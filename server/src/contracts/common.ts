import { z } from 'zod';

/** Shapes shared by every API: keep this file free of server imports (the client imports it). */

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().nullable() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The service's languages: the person's own, for what the server writes to them (e-mails). */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export const Language = z.enum(LANGUAGES, { error: `language must be one of: ${LANGUAGES.join(', ')}` });
export type Language = z.infer<typeof Language>;

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

// ---- the URL-parameter grammar -------------------------------------------------------------
// One parser per kind of parameter, used by every query schema, so a link means the same in every
// section: lists are lists everywhere (`?theme=a,b` or `?theme=a&theme=b`), a bbox is one shape.

/** Departments, themes and other reference data are named by slug (the database checks the same). */
export const SLUG = /^[a-z0-9-]+$/;
export const SLUG_MAX = 60;
export const Slug = (message: string) =>
  z.string({ error: message }).max(SLUG_MAX, `${message} (at most ${SLUG_MAX} characters)`).regex(SLUG, message);

/** Most values one list parameter may name; more is a malformed or hostile link. */
export const LIST_MAX = 100;

/** A list given as `a,b` or as a repeated parameter (`?x=a&x=b`); empty items are dropped. */
export const listOf = <T extends z.ZodType<unknown, string>>(name: string, item: T) =>
  z.preprocess(
    (v) => {
      if (v === undefined) return undefined;
      const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(','));
      return parts.map((s) => s.trim()).filter(Boolean);
    },
    z.array(item).min(1, `${name} must name at least one value`).max(LIST_MAX, `${name} names at most ${LIST_MAX} values`),
  );

export const slugList = (name: string) => listOf(name, Slug(`${name} values are lower-case slugs (a-z, 0-9, -)`));

export const enumList = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  listOf(name, z.enum(values, { error: `${name} must be one of: ${values.join(', ')}` }));

/** Numeric ids as a query list (`?area=1,2`), each bounded like every id. */
export const idList = (name: string) => listOf(name, IdParam(name));

/** A parameter that must appear once (a repeated one arrives as an array). */
export const single = (name: string) => z.string({ error: `${name} must be given once, as text` });

export type Bbox = [number, number, number, number];

/**
 * `minLon,minLat,maxLon,maxLat` in WGS84 degrees. OGC API – Features also allows a 3D box
 * (`minLon,minLat,minZ,maxLon,maxLat,maxZ`); `threeD` accepts it and drops the heights.
 */
export const BboxParam = (name = 'bbox', opts: { threeD?: boolean; anyCrs?: boolean } = {}) =>
  single(name)
    .transform((s) => s.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p))))
    .refine(
      (a) => (a.length === 4 || (opts.threeD === true && a.length === 6)) && a.every(Number.isFinite),
      `${name} must be four numbers: minLon,minLat,maxLon,maxLat`,
    )
    .transform((a) => (a.length === 6 ? [a[0], a[1], a[3], a[4]] : a) as Bbox)
    // `anyCrs`: the box may be in another CRS (OGC `bbox-crs`); its caller checks degrees itself (bboxInDegrees).
    .refine((a) => opts.anyCrs === true || bboxInDegrees(a), BBOX_DEGREES_MESSAGE(name))
    .refine((a) => a[0] <= a[2] && a[1] <= a[3], `${name} minimum must not exceed its maximum`);

export const bboxInDegrees = (a: Bbox) => a[0] >= -180 && a[2] <= 180 && a[1] >= -90 && a[3] <= 90;
export const BBOX_DEGREES_MESSAGE = (name: string) => `${name} must be longitudes in [-180, 180] and latitudes in [-90, 90]`;

/** The grid query bboxes are widened to: 0.001° (~100 m) keeps counts close to the view. */
export const BBOX_GRID_DECIMALS = 3;

/**
 * The bbox widened outward to the grid and clamped to the world, so small pans reuse a cached
 * answer and the rounded box still covers the whole view. Every map query rounds with this one.
 */
export function roundBbox([w, s, e, n]: Bbox): Bbox {
  const k = 10 ** BBOX_GRID_DECIMALS;
  const fix = (v: number) => Number(v.toFixed(BBOX_GRID_DECIMALS));
  return [
    Math.max(-180, fix(Math.floor(w * k) / k)),
    Math.max(-90, fix(Math.floor(s * k) / k)),
    Math.min(180, fix(Math.ceil(e * k) / k)),
    Math.min(90, fix(Math.ceil(n * k) / k)),
  ];
}

/** An ISO 8601 date (`2026-05-01`, midnight UTC) or date-time with an offset. */
export const Instant = (name: string) =>
  single(name)
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(s.trim()) &&
        !Number.isNaN(Date.parse(s)),
      `${name} must be an ISO 8601 date (2026-05-01) or date-time with offset (2026-05-01T12:00:00Z)`,
    )
    .transform((s) => new Date(s.trim()).toISOString());

/** `from` must not be after `to` (add with superRefine to a schema holding both). */
export const spanOrder = <T extends { from?: string; to?: string }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
};

/**
 * The CSV downloads' separator: `comma` (RFC 4180, the default) or `semicolon`, which a spreadsheet
 * in a decimal-comma locale (Finnish Excel) splits into columns when the file is opened.
 */
export const CSV_DELIMITERS = { comma: ',', semicolon: ';' } as const;
export const CsvOptionsQuery = z.object({
  delimiter: single('delimiter')
    .pipe(z.enum(['comma', 'semicolon'], { error: 'delimiter must be comma or semicolon' }))
    .transform((k) => CSV_DELIMITERS[k])
    .optional(),
});
export type CsvDelimiter = (typeof CSV_DELIMITERS)[keyof typeof CSV_DELIMITERS];

export const DownloadFormat = z.enum(['geojson', 'csv'], { error: 'format must be geojson or csv' });

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
