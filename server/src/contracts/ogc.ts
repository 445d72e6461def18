import { z } from 'zod';
import { activityFilterShape } from './activities.js';
import { BBOX_DEGREES_MESSAGE, BboxParam, bboxInDegrees, enumList, OFFSET_MAX } from './common.js';
import { IDEA_STAGES } from './ideas.js';

/** OGC API – Features Part 1 items query (https://docs.ogc.org/is/17-069r4/17-069r4.html). */
export const OGC_MAX_LIMIT = 10_000;
export const OGC_DEFAULT_LIMIT = 100;
/** The most a CQL2 filter may say; a longer one is a malformed or hostile link. */
export const CQL2_MAX_LENGTH = 2000;
/** CQL2 text, and its name in the drafts (`cql-text`) that GDAL before 3.7 sends with its filters. */
export const CQL2_TEXT_NAMES = ['cql2-text', 'cql-text'] as const;

/**
 * The coordinate reference systems /ogc answers in (OGC API – Features Part 2). CRS84 is the
 * storage CRS (lon/lat, WGS84); the two Finnish ones are what the City's GIS users work in:
 * ETRS-TM35FIN (the national grid) and ETRS-GK25FIN (Helsinki's own plane coordinates).
 * `axes` is the axis order of the CRS's own definition, which OGC asks for: EPSG:3879 is defined
 * northing first (`projinfo EPSG:3879`), EPSG:3067 easting first.
 */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const OGC_CRS = [
  { uri: CRS84, srid: 4326, axes: 'east-north', decimals: 6, title: 'WGS 84 longitude/latitude (CRS84)' },
  {
    uri: 'http://www.opengis.net/def/crs/EPSG/0/3067',
    srid: 3067,
    axes: 'east-north',
    decimals: 2,
    title: 'ETRS89 / TM35FIN(E,N) (EPSG:3067)',
  },
  {
    uri: 'http://www.opengis.net/def/crs/EPSG/0/3879',
    srid: 3879,
    axes: 'north-east',
    decimals: 2,
    title: 'ETRS89 / GK25FIN (EPSG:3879), northing first',
  },
] as const;
export type OgcCrs = (typeof OGC_CRS)[number];
export const OGC_CRS_URIS = OGC_CRS.map((c) => c.uri);

/** A CRS parameter (`crs`, `bbox-crs`): one of the URIs above, read into its entry. */
const crsParam = (name: string) =>
  z
    .string({ error: `${name} must be given once` })
    .transform((v, ctx) => {
      const c = OGC_CRS.find((x) => x.uri === v);
      if (!c) ctx.addIssue({ code: 'custom', message: `${name} must be one of: ${OGC_CRS_URIS.join(', ')}` });
      return c ?? OGC_CRS[0];
    })
    .optional();

const num = z.string().trim().min(1).transform(Number).pipe(z.number().finite());

/**
 * `limit` above the maximum is not an error in OGC API – Features (the server uses its maximum);
 * unknown parameters are (/req/core/query-param-unknown).
 */
export const OgcItemsQuery = z
  .object({
    bbox: BboxParam('bbox', { threeD: true, anyCrs: true }).optional(),
    'bbox-crs': crsParam('bbox-crs'),
    crs: crsParam('crs'),
    datetime: z
      .string({ error: 'datetime must be given once' })
      .transform((s, ctx) => {
        const parse = (p: string) => {
          if (p === '' || p === '..') return undefined;
          const t = Date.parse(p);
          if (!/^\d{4}-\d{2}-\d{2}/.test(p) || Number.isNaN(t)) {
            ctx.addIssue({ code: 'custom', message: 'datetime must be an RFC 3339 instant or interval (a/b, ../b, a/..)' });
            return undefined;
          }
          return new Date(t).toISOString();
        };
        const parts = s.split('/');
        if (parts.length > 2) ctx.addIssue({ code: 'custom', message: 'datetime has more than one "/"' });
        if (parts.length === 1) {
          const t = parse(parts[0]);
          return { from: t, to: t };
        }
        const r = { from: parse(parts[0]), to: parse(parts[1]) };
        if (r.from && r.to && r.from > r.to) ctx.addIssue({ code: 'custom', message: 'datetime interval starts after it ends' });
        return r;
      })
      .optional(),
    limit: num
      .pipe(z.number().int().min(1, 'limit must be at least 1'))
      .transform((n) => Math.min(n, OGC_MAX_LIMIT))
      .optional(),
    offset: num
      .pipe(
        z
          .number()
          .int('offset must be a whole number')
          .min(0, 'offset must not be negative')
          .max(OFFSET_MAX, `offset must be at most ${OFFSET_MAX}`),
      )
      .optional(),
    f: z.enum(['json', 'geojson', 'html'], { error: 'f must be json, geojson or html' }).optional(),
    // OGC API – Features Part 3: a CQL2 text filter on the collection's queryables (ogc/cql2.ts parses it).
    filter: z
      .string({ error: 'filter must be given once' })
      .max(CQL2_MAX_LENGTH, `filter must be at most ${CQL2_MAX_LENGTH} characters`)
      .optional(),
    'filter-lang': z.enum(CQL2_TEXT_NAMES, { error: 'filter-lang must be cql2-text' }).optional(),
    // Filters of some collections (each declares which it takes; others answer 400).
    theme: activityFilterShape.theme,
    department: activityFilterShape.department,
    kind: activityFilterShape.kind,
    status: activityFilterShape.status,
    stage: enumList('stage', IDEA_STAGES).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    // A bbox in CRS84 (no bbox-crs) is degrees; one in a projected CRS is metres, any range.
    if (q.bbox && (q['bbox-crs'] ?? OGC_CRS[0]).srid === 4326 && !bboxInDegrees(q.bbox))
      ctx.addIssue({ code: 'custom', path: ['bbox'], message: BBOX_DEGREES_MESSAGE('bbox') });
    if (q['bbox-crs'] && !q.bbox) ctx.addIssue({ code: 'custom', path: ['bbox-crs'], message: 'bbox-crs needs a bbox' });
  });
export type OgcItemsQuery = z.output<typeof OgcItemsQuery>;

export const OgcCollectionQuery = z
  .object({ f: z.enum(['json', 'html'], { error: 'f must be json or html' }).optional() })
  .strict();

/** One feature: its format, and the CRS of its coordinates. */
export const OgcItemQuery = OgcCollectionQuery.extend({ crs: crsParam('crs') }).strict();

// ---- responses (the OpenAPI document's schemas are generated from these) ----------------------

export const OgcLink = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
});
const OgcBbox = z.array(z.number()).length(4);

export const OgcLanding = z.object({
  title: z.string(),
  description: z.string(),
  attribution: z.string(),
  links: z.array(OgcLink),
});

export const OgcConformance = z.object({ conformsTo: z.array(z.string()) });

export const OgcCollectionInfo = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  attribution: z.string(),
  itemType: z.literal('feature'),
  crs: z.array(z.string()),
  storageCrs: z.string(),
  extent: z.object({
    spatial: z.object({ bbox: z.array(OgcBbox), crs: z.string() }),
    temporal: z.object({ interval: z.array(z.array(z.string().nullable()).length(2)), trs: z.string() }).optional(),
  }),
  links: z.array(OgcLink),
});

export type OgcCollectionInfo = z.infer<typeof OgcCollectionInfo>;

export const OgcCollections = z.object({ links: z.array(OgcLink), collections: z.array(OgcCollectionInfo) });

export const OgcFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.number(), z.string()]),
  geometry: z.object({
    type: z.enum(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']),
    coordinates: z.array(z.unknown()),
  }),
  properties: z.record(z.string(), z.unknown()),
  links: z.array(OgcLink).optional(),
});

export const OgcFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  timeStamp: z.string(),
  numberMatched: z.number().int().min(0),
  numberReturned: z.number().int().min(0),
  links: z.array(OgcLink),
  features: z.array(OgcFeature),
});
