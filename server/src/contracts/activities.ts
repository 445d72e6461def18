import { z } from 'zod';
import type { AreaSummary } from './areas.js';
import {
  BboxParam,
  DownloadFormat,
  enumList,
  Id,
  idList,
  IdParam,
  Instant,
  IntParam,
  OffsetParam,
  PlainText,
  single,
  Slug,
  slugList,
  spanOrder,
  type Feature,
  type FeatureCollection,
  type GeoJsonGeometry,
} from './common.js';

/** Shapes of the activities API. No server imports: the client imports this file. */

export const ACTIVITY_KINDS = ['project', 'service', 'event', 'construction', 'planning', 'participation'] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

/** Most features one list request returns; the map asks per viewport, never for everything. */
export const ACTIVITIES_MAX_LIMIT = 5000;
export const ACTIVITIES_DEFAULT_LIMIT = 1000;
/** Largest "what else happens here" distance, in metres. */
export const OVERLAP_MAX_DISTANCE = 5000;
export const OVERLAP_DEFAULT_DISTANCE = 100;

/** Filters shared by the list, the exports and the OGC activities collection. */
export const activityFilterShape = {
  bbox: BboxParam().optional(),
  area: idList('area').optional(),
  theme: slugList('theme').optional(),
  department: slugList('department').optional(),
  kind: enumList('kind', ACTIVITY_KINDS).optional(),
  status: enumList('status', ACTIVITY_STATUSES).optional(),
  from: Instant('from').optional(),
  to: Instant('to').optional(),
  demo: z.enum(['include', 'exclude', 'only'], { error: 'demo must be include, exclude or only' }).optional(),
};

export const ActivitiesQuery = z
  .object({
    ...activityFilterShape,
    limit: IntParam('limit', 1, ACTIVITIES_MAX_LIMIT).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict()
  .superRefine(spanOrder);
export type ActivitiesQuery = z.output<typeof ActivitiesQuery>;

/** Downloads (/api/activities.csv, .geojson): the same filters, all matches up to a larger cap. */
export const ACTIVITIES_EXPORT_MAX = 100_000;
export const ActivitiesExportQuery = z
  .object({
    ...activityFilterShape,
    limit: IntParam('limit', 1, ACTIVITIES_EXPORT_MAX).optional(),
    offset: OffsetParam().optional(),
  })
  .strict()
  .superRefine(spanOrder);

/**
 * GET /api/activities/clusters: counts per map cell for a view that holds more activities than the
 * map fetches one by one (MAP_LIMIT on the client), so the map never shows an arbitrary subset.
 */
export const ActivityClustersQuery = z
  .object({ ...activityFilterShape, bbox: BboxParam(), zoom: IntParam('zoom', 0, 22) })
  .strict()
  .superRefine(spanOrder);

/** One cell of the grid: its centre, how many activities, the box they span, and how many per department. */
export interface ActivityCluster {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { count: number; bbox: [number, number, number, number]; departments: Record<string, number> };
}
export interface ActivityClusterCollection {
  type: 'FeatureCollection';
  numberMatched: number;
  features: ActivityCluster[];
}

/** The filter part of a parsed query, as the service and repository take it. */
export type ActivityFilter = Pick<
  ActivitiesQuery,
  'bbox' | 'area' | 'theme' | 'department' | 'kind' | 'status' | 'from' | 'to' | 'demo'
>;

export const ActivityIdParams = z.object({ id: IdParam('id') });

export const ActivityDetailQuery = z.object({ distance: IntParam('distance', 0, OVERLAP_MAX_DISTANCE).optional() }).strict();

/** GET /api/overlaps: exactly one of area (an area id) or geometry (GeoJSON text). */
export const OverlapsQuery = z
  .object({
    area: IdParam('area').optional(),
    geometry: single('geometry')
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'geometry must be GeoJSON geometry text' });
          return z.NEVER;
        }
      })
      .optional(),
    from: Instant('from').optional(),
    to: Instant('to').optional(),
    distance: IntParam('distance', 0, OVERLAP_MAX_DISTANCE).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    spanOrder(q, ctx);
    if ((q.area === undefined) === (q.geometry === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['area'], message: 'give exactly one of area or geometry' });
    }
  });
export type OverlapsQuery = z.output<typeof OverlapsQuery>;

/** POST /api/overlaps: the same inputs as a JSON body, for drawn shapes too long for a URL. */
export const OverlapsBody = z
  .object({
    area: Id('area').optional(),
    geometry: z.record(z.string(), z.unknown()).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    distance: z.number().int().min(0).max(OVERLAP_MAX_DISTANCE).optional(),
  })
  .strict()
  .transform((b) => ({
    ...b,
    from: b.from ? new Date(b.from).toISOString() : undefined,
    to: b.to ? new Date(b.to).toISOString() : undefined,
  }))
  .superRefine((q, ctx) => {
    spanOrder(q, ctx);
    if ((q.area === undefined) === (q.geometry === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['area'], message: 'give exactly one of area or geometry' });
    }
  });

// ---- responses -----------------------------------------------------------------------------

export interface Department {
  id: number;
  slug: string;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  color: string;
}
export interface Theme {
  id: number;
  slug: string;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
}

/** Properties of an activity on the map (list, exports, OGC). */
export interface ActivityProperties {
  id: number;
  department: string;
  departmentColor: string;
  kind: ActivityKind;
  status: ActivityStatus;
  titleFi: string;
  titleSv: string | null;
  titleEn: string | null;
  startsAt: string | null;
  endsAt: string | null;
  themes: string[];
  isDemo: boolean;
}
/** Everything the list carries plus the long texts and provenance; exports use this. */
export interface ActivityFullProperties extends ActivityProperties {
  descriptionFi: string | null;
  descriptionSv: string | null;
  descriptionEn: string | null;
  contact: string | null;
  url: string | null;
  source: string;
  sourceId: string;
  updatedAt: string;
}

export type ActivityCollection = FeatureCollection<ActivityProperties> & {
  numberMatched: number;
  numberReturned: number;
  limit: number;
  offset: number;
};

/** What names an activity in a list of others: what, whose, when. */
export type ActivityHeadline = Pick<
  ActivityProperties,
  'id' | 'department' | 'kind' | 'status' | 'titleFi' | 'titleSv' | 'titleEn' | 'startsAt' | 'endsAt' | 'isDemo'
>;

/** One other department's activity near the subject, with how it overlaps. */
export interface OverlapItem extends ActivityHeadline {
  /** Shortest distance in metres (0 when the geometries touch). */
  distanceMetres: number;
  intersects: boolean;
  timeOverlaps: boolean;
}

/** A step of an activity on its public timeline (e.g. a funded budgeting plan's implementation). */
export interface ActivityMilestone {
  id: number;
  titleFi: string;
  titleSv: string | null;
  titleEn: string | null;
  /** The planned (or, once done, the actual) date: YYYY-MM-DD. */
  date: string;
  done: boolean;
  doneAt: string | null;
}

export interface ActivityDetail {
  type: 'Feature';
  id: number;
  geometry: GeoJsonGeometry;
  properties: ActivityFullProperties & {
    departmentInfo: Department;
    themeInfo: Theme[];
    areas: AreaSummary[];
    /** Its public timeline, by date. */
    milestones: ActivityMilestone[];
    /** Where it comes from when it is a funded participatory budgeting plan. */
    budgeting: { roundId: number; roundName: string; planId: number; planTitle: string } | null;
  };
  /** "What else happens here": other departments' activities within `distance` metres. */
  overlaps: { distance: number; items: OverlapItem[] };
}

export interface OverlapPair {
  a: OverlapItem;
  b: OverlapItem;
  distanceMetres: number;
  intersects: boolean;
  timeOverlaps: boolean;
}

export interface OverlapsResponse {
  query: { area: number | null; distance: number; from: string | null; to: string | null };
  /** Activities touching the area or geometry (within distance), time-filtered when from/to are given. */
  activities: Feature<ActivityProperties>[];
  departments: { department: string; count: number }[];
  /** Cross-department pairs among them that lie within `distance` of each other. */
  pairs: OverlapPair[];
  truncated: boolean;
}

/** Columns of the activities CSV export, in order (snake_case is what spreadsheets and GIS expect). */
export const ACTIVITY_CSV_COLUMNS = [
  'id',
  'department',
  'kind',
  'status',
  'titleFi',
  'titleSv',
  'titleEn',
  'descriptionFi',
  'descriptionSv',
  'descriptionEn',
  'startsAt',
  'endsAt',
  'themes',
  'contact',
  'url',
  'source',
  'sourceId',
  'isDemo',
  'updatedAt',
  'lon',
  'lat',
  'wkt',
] as const;

// ---- writing (officials of the activity's department, admins) ------------------------------

/** The source of activities entered in the app; importers may not use it, so keys never collide. */
export const OFFICIAL_SOURCE = 'official';
export const ACTIVITY_TITLE_MAX = 300;
export const ACTIVITY_DESCRIPTION_MAX = 10_000;

/** A start or end: an ISO date (midnight UTC) or a date-time with offset; null leaves it open. */
const ActivityTime = (name: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: `${name} must be an ISO 8601 date (2026-05-01) or date-time with offset`,
    })
    .transform((s) => new Date(s).toISOString())
    .nullable();

const optionalText = (name: string, max: number) => PlainText(name, max).nullable().optional();

const activityShape = {
  department: Slug('department must be a department slug'),
  kind: z.enum(ACTIVITY_KINDS, { error: `kind must be one of: ${ACTIVITY_KINDS.join(', ')}` }),
  status: z.enum(ACTIVITY_STATUSES, { error: `status must be one of: ${ACTIVITY_STATUSES.join(', ')}` }),
  titleFi: PlainText('titleFi', ACTIVITY_TITLE_MAX),
  titleSv: optionalText('titleSv', ACTIVITY_TITLE_MAX),
  titleEn: optionalText('titleEn', ACTIVITY_TITLE_MAX),
  descriptionFi: optionalText('descriptionFi', ACTIVITY_DESCRIPTION_MAX),
  descriptionSv: optionalText('descriptionSv', ACTIVITY_DESCRIPTION_MAX),
  descriptionEn: optionalText('descriptionEn', ACTIVITY_DESCRIPTION_MAX),
  startsAt: ActivityTime('startsAt').optional(),
  endsAt: ActivityTime('endsAt').optional(),
  themes: z
    .array(Slug('themes are theme slugs'), { error: 'themes must be a list of theme slugs' })
    .max(13, 'choose at most 13 themes')
    .refine((a) => new Set(a).size === a.length, 'themes must not repeat')
    .optional(),
  contact: optionalText('contact', 500),
  url: z
    .url({ protocol: /^https?$/, error: 'url must be a web address (http or https)' })
    .max(2000, 'url must be at most 2000 characters')
    .nullable()
    .optional(),
  geometry: z.record(z.string(), z.unknown(), { error: 'geometry must be a GeoJSON geometry object' }),
};

const timeOrder = (b: { startsAt?: string | null; endsAt?: string | null }, ctx: z.RefinementCtx) => {
  if (b.startsAt && b.endsAt && b.endsAt < b.startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must not be before startsAt' });
  }
};

/** POST /api/activities: a new activity of one department. */
export const ActivityBody = z.object(activityShape).strict().superRefine(timeOrder);
export type ActivityBody = z.output<typeof ActivityBody>;

/** PATCH /api/activities/:id: what it names changes; null empties an optional field (or a date). */
export const ActivityPatchBody = z
  .object(activityShape)
  .partial()
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) ctx.addIssue({ code: 'custom', message: 'give at least one field to change' });
    timeOrder(b, ctx);
  });
export type ActivityPatchBody = z.output<typeof ActivityPatchBody>;
