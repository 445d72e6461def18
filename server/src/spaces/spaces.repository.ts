import type { Knex } from 'knex';
import { isoTime } from '../collections/sql.js';
import type { Booking, BookingStatus, OpenHoursRule, PublicBooking, SpaceDetail, SpaceKind } from '../contracts/spaces.js';

/** SQL only: the rules live in spaces.service.ts. */

export interface SpaceRow {
  id: number;
  name_fi: string;
  name_sv: string | null;
  name_en: string | null;
  kind: SpaceKind;
  lon: number;
  lat: number;
  address: string;
  capacity: number;
  step_free: boolean;
  accessible_toilet: boolean;
  induction_loop: boolean;
  accessibility_notes: string | null;
  open_hours: OpenHoursRule[];
  phone: string | null;
  url: string | null;
  department_id: number;
  dept_slug: string;
  dept_name_fi: string;
  dept_name_sv: string | null;
  dept_name_en: string | null;
  source: string;
  is_demo: boolean;
  updated_at: string;
}

export async function spaceById(knex: Knex, id: number): Promise<SpaceRow | null> {
  const { rows } = await knex.raw(
    `SELECT s.id, s.name_fi, s.name_sv, s.name_en, s.kind, s.address, s.capacity, s.step_free, s.accessible_toilet,
            s.induction_loop, s.accessibility_notes, s.open_hours, s.phone, s.url, s.department_id, s.source, s.is_demo,
            round(ST_X(s.geom)::numeric, 6)::float8 AS lon, round(ST_Y(s.geom)::numeric, 6)::float8 AS lat,
            d.slug AS dept_slug, d.name_fi AS dept_name_fi, d.name_sv AS dept_name_sv, d.name_en AS dept_name_en,
            ${isoTime('s.updated_at')} AS updated_at
       FROM spaces s JOIN departments d ON d.id = s.department_id WHERE s.id = ?`,
    [id],
  );
  return (rows[0] as SpaceRow | undefined) ?? null;
}

export const toSpaceDetail = (r: SpaceRow, calendar: PublicBooking[], canDecide: boolean): SpaceDetail => ({
  id: r.id,
  nameFi: r.name_fi,
  nameSv: r.name_sv,
  nameEn: r.name_en,
  kind: r.kind,
  lon: r.lon,
  lat: r.lat,
  address: r.address,
  capacity: r.capacity,
  accessibility: {
    stepFree: r.step_free,
    accessibleToilet: r.accessible_toilet,
    inductionLoop: r.induction_loop,
    notes: r.accessibility_notes,
  },
  openHours: r.open_hours,
  contact: { phone: r.phone, url: r.url },
  department: { slug: r.dept_slug, nameFi: r.dept_name_fi, nameSv: r.dept_name_sv, nameEn: r.dept_name_en },
  source: r.source,
  isDemo: r.is_demo,
  calendar,
  canDecide,
});

export async function departmentOfSpace(knex: Knex, id: number): Promise<number | null> {
  const { rows } = await knex.raw('SELECT department_id FROM spaces WHERE id = ?', [id]);
  return rows[0]?.department_id ?? null;
}

/** Confirmed bookings ending after `from`: only the slot and the public group's name (never the requester). */
export async function publicCalendar(knex: Knex, spaceId: number, from: Date): Promise<(PublicBooking & { stamp: string })[]> {
  const { rows } = await knex.raw(
    `SELECT b.id, ${isoTime('lower(b.slot)')} AS start, ${isoTime('upper(b.slot)')} AS "end",
            coalesce(g.name, t.name) AS "groupName", ${isoTime('b.updated_at')} AS stamp
       FROM space_bookings b
       LEFT JOIN kehra_groups g ON g.id = b.kehra_group_id
       LEFT JOIN partnership_tables t ON t.id = b.partnership_table_id
      WHERE b.space_id = ? AND b.status = 'confirmed' AND upper(b.slot) > ?
      ORDER BY lower(b.slot), b.id LIMIT 1000`,
    [spaceId, from.toISOString()],
  );
  return rows;
}

interface BookingRow {
  id: number;
  space_id: number;
  space_name: string;
  start: string;
  end: string;
  purpose: string;
  attendees: number;
  status: BookingStatus;
  decision_reason: string | null;
  decided_at: string | null;
  kehra_group_id: number | null;
  kehra_group_name: string | null;
  partnership_table_id: number | null;
  partnership_table_name: string | null;
  requester_name: string;
  requester_id: number;
  created_at: string;
}

const BOOKING_SELECT = `
  SELECT b.id, b.space_id, s.name_fi AS space_name, ${isoTime('lower(b.slot)')} AS start, ${isoTime('upper(b.slot)')} AS "end",
         b.purpose, b.attendees, b.status, b.decision_reason, ${isoTime('b.decided_at')} AS decided_at,
         b.kehra_group_id, g.name AS kehra_group_name, b.partnership_table_id, t.name AS partnership_table_name,
         b.requester_id, coalesce(u.display_name, u.email) AS requester_name, ${isoTime('b.created_at')} AS created_at
    FROM space_bookings b
    JOIN spaces s ON s.id = b.space_id
    JOIN users u ON u.id = b.requester_id
    LEFT JOIN kehra_groups g ON g.id = b.kehra_group_id
    LEFT JOIN partnership_tables t ON t.id = b.partnership_table_id`;

export const toBooking = (r: BookingRow, opts: { withRequester: boolean }): Booking => ({
  id: r.id,
  spaceId: r.space_id,
  spaceName: r.space_name,
  start: r.start,
  end: r.end,
  purpose: r.purpose,
  attendees: r.attendees,
  status: r.status,
  decisionReason: r.decision_reason,
  decidedAt: r.decided_at,
  kehraGroup: r.kehra_group_id === null ? null : { id: r.kehra_group_id, name: r.kehra_group_name ?? '' },
  partnershipTable: r.partnership_table_id === null ? null : { id: r.partnership_table_id, name: r.partnership_table_name ?? '' },
  ...(opts.withRequester ? { requester: { name: r.requester_name } } : {}),
  createdAt: r.created_at,
});

export async function bookingById(knex: Knex, id: number, opts: { forUpdate?: boolean } = {}): Promise<BookingRow | null> {
  if (opts.forUpdate) await knex.raw('SELECT 1 FROM space_bookings WHERE id = ? FOR UPDATE', [id]);
  const { rows } = await knex.raw(`${BOOKING_SELECT} WHERE b.id = ?`, [id]);
  return (rows[0] as BookingRow | undefined) ?? null;
}

export async function bookingsOfRequester(knex: Knex, userId: number): Promise<BookingRow[]> {
  const { rows } = await knex.raw(`${BOOKING_SELECT} WHERE b.requester_id = ? ORDER BY lower(b.slot) DESC, b.id LIMIT 500`, [
    userId,
  ]);
  return rows;
}

/** Bookings of spaces of the departments (null: every space), newest slot last. */
export async function bookingsOfSpaces(
  knex: Knex,
  opts: { spaceId?: number; departmentIds: number[] | null; statuses?: BookingStatus[] },
): Promise<BookingRow[]> {
  const { rows } = await knex.raw(
    `${BOOKING_SELECT}
      WHERE (?::int IS NULL OR b.space_id = ?::int)
        AND (?::int[] IS NULL OR s.department_id = ANY(?::int[]))
        AND (?::text[] IS NULL OR b.status = ANY(?::text[]))
      ORDER BY lower(b.slot), b.id LIMIT 1000`,
    [
      opts.spaceId ?? null,
      opts.spaceId ?? null,
      opts.departmentIds,
      opts.departmentIds,
      opts.statuses ?? null,
      opts.statuses ?? null,
    ],
  );
  return rows;
}

export async function overlapsConfirmed(knex: Knex, spaceId: number, start: string, end: string): Promise<boolean> {
  const { rows } = await knex.raw(
    `SELECT EXISTS (SELECT 1 FROM space_bookings WHERE space_id = ? AND status = 'confirmed'
                      AND slot && tstzrange(?::timestamptz, ?::timestamptz, '[)')) AS taken`,
    [spaceId, start, end],
  );
  return rows[0].taken;
}

export async function insertBooking(
  knex: Knex,
  b: {
    spaceId: number;
    requesterId: number;
    kehraGroupId: number | null;
    partnershipTableId: number | null;
    start: string;
    end: string;
    purpose: string;
    attendees: number;
  },
): Promise<number> {
  const { rows } = await knex.raw(
    `INSERT INTO space_bookings (space_id, requester_id, kehra_group_id, partnership_table_id, slot, purpose, attendees)
     VALUES (?, ?, ?, ?, tstzrange(?::timestamptz, ?::timestamptz, '[)'), ?, ?) RETURNING id`,
    [b.spaceId, b.requesterId, b.kehraGroupId, b.partnershipTableId, b.start, b.end, b.purpose, b.attendees],
  );
  return rows[0].id;
}

export async function setBookingStatus(
  knex: Knex,
  id: number,
  s: { status: BookingStatus; reason: string | null; decidedBy: number | null },
): Promise<void> {
  await knex.raw(
    `UPDATE space_bookings SET status = ?, decision_reason = coalesce(?, decision_reason),
            decided_by = coalesce(?, decided_by), decided_at = CASE WHEN ?::int IS NULL THEN decided_at ELSE now() END,
            updated_at = now()
      WHERE id = ?`,
    [s.status, s.reason, s.decidedBy, s.decidedBy, id],
  );
}

export async function partnershipTableExists(knex: Knex, id: number): Promise<boolean> {
  const { rows } = await knex.raw('SELECT EXISTS (SELECT 1 FROM partnership_tables WHERE id = ?) AS e', [id]);
  return rows[0].e;
}
