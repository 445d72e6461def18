import { z } from 'zod';
import type { AreaSummary } from './areas.js';
import {
  BboxParam,
  DownloadFormat,
  idList,
  Instant,
  IntParam,
  OffsetParam,
  PlainText,
  slugList,
  spanOrder,
  type Feature,
  type FeatureCollection,
} from './common.js';
import { ContactEmail, Id, IdList, PolygonGeometry, Sector, Themes, type KehraContact, type SectorBalance } from './kehra.js';

/** Shapes of the partnership tables API (kumppanuuspöydät). No server imports: the client imports this file. */

/** A table gathers 5–15 people; outside the range is a warning, not an error. */
export const TABLE_PARTICIPANT_RANGE = { min: 5, max: 15 } as const;

/** The routes an outcome of a partnership table can take, as the model names them. */
export const OUTCOME_ROUTES = [
  'municipal_budget',
  'joint_action',
  'separate_funding',
  'resource_targeting',
  'savings',
  'larger_challenge',
] as const;
export const OutcomeRoute = z.enum(OUTCOME_ROUTES, { error: `route must be one of: ${OUTCOME_ROUTES.join(', ')}` });
export type OutcomeRoute = z.infer<typeof OutcomeRoute>;

const LonNumber = z.number({ error: 'lon must be a longitude' }).min(-180).max(180);
const LatNumber = z.number({ error: 'lat must be a latitude' }).min(-90).max(90);
export const PointBody = z.object({ lon: LonNumber, lat: LatNumber }, { error: 'a point is { lon, lat }' }).strict();
const DateTime = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with offset` })
    .transform((s) => new Date(s).toISOString());

const tableShape = {
  name: PlainText('name', 200, 3),
  convener: PlainText('convener', 200, 2),
  description: PlainText('description', 5000, 0).optional(),
  themes: Themes.optional(),
  /** The area the table concerns: a district id, or a drawn polygon (exactly one). */
  areaId: Id('areaId').optional(),
  geometry: PolygonGeometry.optional(),
  meetingPlaceName: PlainText('meetingPlaceName', 200).optional(),
  meetingPlace: PointBody.optional(),
  contactName: PlainText('contactName', 200).optional(),
  contactEmail: ContactEmail.optional(),
};

export const TableBody = z
  .object(tableShape)
  .strict()
  .superRefine((b, ctx) => {
    if ((b.areaId === undefined) === (b.geometry === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['areaId'], message: 'give exactly one of areaId or geometry' });
    }
  });
export type TableBody = z.output<typeof TableBody>;
/** null empties an optional field: the meeting place and the contact can be removed. */
export const TablePatchBody = z
  .object({
    ...tableShape,
    meetingPlaceName: tableShape.meetingPlaceName.unwrap().nullable(),
    meetingPlace: PointBody.nullable(),
    contactName: tableShape.contactName.unwrap().nullable(),
    contactEmail: ContactEmail.nullable(),
  })
  .partial()
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) ctx.addIssue({ code: 'custom', message: 'give at least one field to change' });
    if (b.areaId !== undefined && b.geometry !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['areaId'], message: 'give at most one of areaId or geometry' });
    }
  });
export type TablePatchBody = z.output<typeof TablePatchBody>;

export const ParticipantBody = z
  .object({
    name: PlainText('name', 200),
    sector: Sector,
    organisation: PlainText('organisation', 200).optional(),
    /** The participant agreed to have their name, organisation and sector published; without it only the table's editors see them. */
    public: z.boolean({ error: 'public must be true or false' }).optional(),
  })
  .strict();
export type ParticipantBody = z.output<typeof ParticipantBody>;

const meetingShape = {
  startsAt: DateTime('startsAt'),
  endsAt: DateTime('endsAt').optional(),
  place: PlainText('place', 300),
  placePoint: PointBody.optional(),
  agenda: PlainText('agenda', 10_000, 0).optional(),
  minutes: PlainText('minutes', 50_000, 0).optional(),
};
const meetingOrder = (b: { startsAt?: string; endsAt?: string | null }, ctx: z.RefinementCtx) => {
  if (b.startsAt && b.endsAt && b.endsAt < b.startsAt)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must not be before startsAt' });
};
export const MeetingBody = z.object(meetingShape).strict().superRefine(meetingOrder);
export type MeetingBody = z.output<typeof MeetingBody>;
export const MeetingPatchBody = z
  .object({ ...meetingShape, endsAt: DateTime('endsAt').nullable(), placePoint: PointBody.nullable() })
  .partial()
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) ctx.addIssue({ code: 'custom', message: 'give at least one field to change' });
    meetingOrder(b, ctx);
  });
export type MeetingPatchBody = z.output<typeof MeetingPatchBody>;

export const OutcomeBody = z
  .object({
    route: OutcomeRoute,
    description: PlainText('description', 5000),
    ideaIds: IdList('ideaIds', 100).optional(),
    activityIds: IdList('activityIds', 100).optional(),
  })
  .strict();
export type OutcomeBody = z.output<typeof OutcomeBody>;

// ---- reading -------------------------------------------------------------------------------

export const TablesQuery = z
  .object({
    bbox: BboxParam().optional(),
    area: idList('area').optional(),
    theme: slugList('theme').optional(),
    /** The convening department. */
    department: slugList('department').optional(),
    limit: IntParam('limit', 1, 10_000).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict();
export type TablesQuery = z.output<typeof TablesQuery>;
export type TableFilter = Pick<TablesQuery, 'bbox' | 'area' | 'theme' | 'department'>;

/** Meetings in a time window (the activities' time filter); `from` defaults to now (upcoming). */
export const MeetingsQuery = z
  .object({
    from: Instant('from').optional(),
    to: Instant('to').optional(),
    area: idList('area').optional(),
    theme: slugList('theme').optional(),
    department: slugList('department').optional(),
    bbox: BboxParam().optional(),
    /** Only these tables' meetings (a table page's own calendar). */
    table: idList('table').optional(),
  })
  .strict()
  .superRefine(spanOrder);
export type MeetingsQuery = z.output<typeof MeetingsQuery>;

export interface TableProperties {
  id: number;
  name: string;
  convener: string;
  themes: string[];
  /** Which of the table's two shapes this feature is. */
  role: 'meeting_place' | 'area';
  meetingPlaceName: string | null;
  nextMeeting: string | null;
  participants: number;
  /** Part of the demo story (`npm run seed:demo`). */
  isDemo: boolean;
}
export type TableCollection = FeatureCollection<TableProperties>;

export const TABLE_CSV_COLUMNS = [
  'id',
  'name',
  'convener',
  'description',
  'themes',
  'areaId',
  'meetingPlaceName',
  'meetingLon',
  'meetingLat',
  'participants',
  'nextMeeting',
  'publicParticipants',
  'wkt',
] as const;

export interface TableParticipant {
  id: number;
  name: string;
  sector: z.infer<typeof Sector>;
  organisation: string | null;
  /** Agreed to be published; visitors see only these. */
  public: boolean;
}
export interface TableMeeting {
  id: number;
  startsAt: string;
  endsAt: string | null;
  place: string;
  placePoint: { lon: number; lat: number } | null;
  agenda: string;
  minutes: string;
}
export interface TableOutcome {
  id: number;
  route: OutcomeRoute;
  description: string;
  ideaIds: number[];
  activityIds: number[];
  createdAt: string;
}
export interface TableDetail {
  id: number;
  name: string;
  convener: string;
  description: string;
  themes: string[];
  area: AreaSummary | null;
  geometry: Feature<unknown>['geometry'];
  meetingPlaceName: string | null;
  meetingPlace: { lon: number; lat: number } | null;
  contact: KehraContact;
  participants: TableParticipant[];
  balance: SectorBalance;
  meetings: TableMeeting[];
  outcomes: TableOutcome[];
  /** Number of outcomes per route (every route present, 0 when none). */
  outcomesByRoute: Record<OutcomeRoute, number>;
  isDemo: boolean;
}

export interface MeetingProperties {
  id: number;
  tableId: number;
  tableName: string;
  convener: string;
  startsAt: string;
  endsAt: string | null;
  place: string;
  themes: string[];
}
