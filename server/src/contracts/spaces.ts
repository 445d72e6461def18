import { z } from 'zod';
import {
  BboxParam,
  DownloadFormat,
  enumList,
  Id,
  idList,
  Instant,
  IntParam,
  OffsetParam,
  PlainText,
  slugList,
  type FeatureCollection,
} from './common.js';

/** Shapes of the shared city spaces API (/api/spaces). No server imports: the client imports this file. */

export const SPACE_KINDS = ['school_hall', 'youth_centre', 'meeting_room', 'other'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];
export const BOOKING_STATUSES = ['requested', 'confirmed', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The longest slot one booking may hold. */
export const BOOKING_MAX_HOURS = 8;
/** Open hours, bookings and the calendar are in the city's own time. */
export const SPACE_TIME_ZONE = 'Europe/Helsinki';

/** One weekly rule: ISO weekday (Monday = 1) and local opening and closing times. */
export interface OpenHoursRule {
  day: number;
  opens: string;
  closes: string;
}

// ---- reading -------------------------------------------------------------------------------

export const SpacesQuery = z
  .object({
    bbox: BboxParam().optional(),
    area: idList('area').optional(),
    department: slugList('department').optional(),
    kind: enumList('kind', SPACE_KINDS).optional(),
    /** At least this many people fit. */
    capacity: IntParam('capacity', 1, 10_000).optional(),
    /** Free (no confirmed booking) over the whole window [freeFrom, freeTo). Both or neither. */
    freeFrom: Instant('freeFrom').optional(),
    freeTo: Instant('freeTo').optional(),
    limit: IntParam('limit', 1, 10_000).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.freeFrom === undefined) !== (q.freeTo === undefined))
      ctx.addIssue({ code: 'custom', path: [q.freeFrom ? 'freeTo' : 'freeFrom'], message: 'give both freeFrom and freeTo' });
    if (q.freeFrom && q.freeTo && q.freeFrom >= q.freeTo)
      ctx.addIssue({ code: 'custom', path: ['freeFrom'], message: 'freeFrom must be before freeTo' });
  });
export type SpacesQuery = z.output<typeof SpacesQuery>;
export type SpaceFilter = Pick<SpacesQuery, 'bbox' | 'area' | 'department' | 'kind' | 'capacity' | 'freeFrom' | 'freeTo'>;

export interface SpaceProperties {
  id: number;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  kind: SpaceKind;
  address: string;
  capacity: number;
  department: string;
  departmentColor: string;
  stepFree: boolean;
  isDemo: boolean;
}
export type SpaceCollection = FeatureCollection<SpaceProperties>;

export const SPACE_CSV_COLUMNS = [
  'id',
  'nameFi',
  'nameSv',
  'nameEn',
  'kind',
  'address',
  'capacity',
  'department',
  'stepFree',
  'accessibleToilet',
  'inductionLoop',
  'accessibilityNotes',
  'phone',
  'url',
  'source',
  'sourceId',
  'lon',
  'lat',
  'wkt',
] as const;

/** A booking as anyone sees it on a space's calendar: when, and for whom only if a public group. */
export interface PublicBooking {
  id: number;
  start: string;
  end: string;
  /** The Kehrä group or partnership table it is for; null means just "booked". */
  groupName: string | null;
}

export interface SpaceDetail {
  id: number;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  kind: SpaceKind;
  lon: number;
  lat: number;
  address: string;
  capacity: number;
  accessibility: { stepFree: boolean; accessibleToilet: boolean; inductionLoop: boolean; notes: string | null };
  openHours: OpenHoursRule[];
  /** The venue's own phone and web page (never a person's). */
  contact: { phone: string | null; url: string | null };
  department: { slug: string; nameFi: string; nameSv: string | null; nameEn: string | null };
  source: string;
  isDemo: boolean;
  /** Confirmed bookings from now on. */
  calendar: PublicBooking[];
  /** The viewer may decide this space's requests. */
  canDecide: boolean;
}

// ---- booking -------------------------------------------------------------------------------

const DateTime = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} must be an ISO 8601 date-time with offset` })
    .transform((s) => new Date(s).toISOString());

export const BookingBody = z
  .object({
    start: DateTime('start'),
    end: DateTime('end'),
    purpose: PlainText('purpose', 1000, 3),
    attendees: z
      .number({ error: 'attendees must be a whole number' })
      .int('attendees must be a whole number')
      .min(1, 'attendees must be at least 1')
      .max(10_000, 'attendees must be at most 10000'),
    /** Booked for a Kehrä group the requester belongs to, or a partnership table they keep (at most one). */
    kehraGroupId: Id('kehraGroupId').optional(),
    partnershipTableId: Id('partnershipTableId').optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.start >= b.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start' });
    else if (Date.parse(b.end) - Date.parse(b.start) > BOOKING_MAX_HOURS * 3_600_000)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `a booking is at most ${BOOKING_MAX_HOURS} hours` });
    if (b.kehraGroupId !== undefined && b.partnershipTableId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['kehraGroupId'], message: 'give at most one of kehraGroupId or partnershipTableId' });
  });
export type BookingBody = z.output<typeof BookingBody>;

export const DecisionBody = z
  .object({
    decision: z.enum(['confirm', 'decline'], { error: 'decision must be confirm or decline' }),
    reason: PlainText('reason', 1000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'decline' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a decline needs a reason' });
  });
export type DecisionBody = z.output<typeof DecisionBody>;

export const SpaceRequestsQuery = z.object({ status: enumList('status', BOOKING_STATUSES).optional() }).strict();
export type SpaceRequestsQuery = z.output<typeof SpaceRequestsQuery>;

/** A booking as its requester and the space's officials see it. */
export interface Booking {
  id: number;
  spaceId: number;
  spaceName: string;
  start: string;
  end: string;
  purpose: string;
  attendees: number;
  status: BookingStatus;
  decisionReason: string | null;
  decidedAt: string | null;
  kehraGroup: { id: number; name: string } | null;
  partnershipTable: { id: number; name: string } | null;
  /** Who asked: shown to the space's officials only (their name, else their e-mail). */
  requester?: { name: string };
  createdAt: string;
}
