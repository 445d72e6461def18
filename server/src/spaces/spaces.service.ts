import type { Knex } from 'knex';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  SPACE_TIME_ZONE,
  type Booking,
  type BookingBody,
  type BookingStatus,
  type DecisionBody,
  type OpenHoursRule,
  type SpaceDetail,
} from '../contracts/spaces.js';
import { icsCalendar } from '../feeds/icalendar.js';
import { badField, HttpError, notFound } from '../http/errors.js';
import { tableKeepers } from '../partnership-tables/partnership-tables.repository.js';
import type { AuthContext } from '../auth/session.js';
import * as repo from './spaces.repository.js';

type Actor = AuditActor & { userId: number };

/** 23P01 is the exclusion constraint space_bookings_no_double_booking: the database's word on double booking. */
const slotTaken = () => new HttpError(409, 'slot_taken', 'the slot overlaps a confirmed booking');
const isExclusionViolation = (err: unknown) => (err as { code?: string }).code === '23P01';

// ---- time in Helsinki ----------------------------------------------------------------------

const LOCAL = new Intl.DateTimeFormat('en-GB', {
  timeZone: SPACE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** An instant as a Helsinki wall clock: the date, its ISO weekday and HH:MM. */
export function helsinkiTime(iso: string): { date: string; day: number; time: string } {
  const p = Object.fromEntries(LOCAL.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, day: WEEKDAYS[p.weekday], time: `${p.hour}:${p.minute}` };
}

/** The slot lies inside one rule of the week, on one Helsinki day. */
export function withinOpenHours(rules: OpenHoursRule[], start: string, end: string): boolean {
  const s = helsinkiTime(start);
  const e = helsinkiTime(end);
  // A slot ending at midnight ends on the next date at 00:00: it counts as 24:00 of the start date.
  const endTime = e.date !== s.date && e.time === '00:00' ? '24:00' : e.time;
  if (e.date !== s.date && endTime !== '24:00') return false;
  return rules.some((r) => r.day === s.day && r.opens <= s.time && endTime <= (r.closes === '00:00' ? '24:00' : r.closes));
}

// ---- reading -------------------------------------------------------------------------------

const isOfficialOf = (auth: AuthContext | null | undefined, departmentId: number) =>
  !!auth &&
  (auth.roles.includes('admin') || (auth.roles.includes('official') && auth.departments.some((d) => d.id === departmentId)));

export async function spaceDetail(
  knex: Knex,
  id: number,
  viewer: AuthContext | null | undefined,
  now: Date,
): Promise<SpaceDetail> {
  const s = await repo.spaceById(knex, id);
  if (!s) throw notFound('Space');
  const calendar = (await repo.publicCalendar(knex, id, now)).map(({ stamp: _s, ...b }) => b);
  return repo.toSpaceDetail(s, calendar, isOfficialOf(viewer, s.department_id));
}

export async function spaceCalendarIcs(knex: Knex, id: number, origin: string, now: Date): Promise<string> {
  const host = new URL(origin).host;
  const s = await repo.spaceById(knex, id);
  if (!s) throw notFound('Space');
  // The calendar holds the past month as well, so a subscriber keeps what was booked lately.
  const bookings = await repo.publicCalendar(knex, id, new Date(now.getTime() - 31 * 86_400_000));
  const url = `${origin}/spaces/${id}`;
  return icsCalendar({
    name: `${s.name_fi}: varaukset`,
    description: `Vahvistetut varaukset: ${s.name_fi}, ${s.address}`,
    events: bookings.map((b) => ({
      uid: `space-booking-${b.id}@${host}`,
      stamp: b.stamp,
      start: b.start,
      end: b.end,
      summary: b.groupName ?? 'Varattu',
      description: '',
      location: `${s.name_fi}, ${s.address}`,
      geo: { lat: s.lat, lon: s.lon },
      url,
      categories: ['tilavaraus'],
    })),
  });
}

export async function myBookings(knex: Knex, userId: number): Promise<Booking[]> {
  return (await repo.bookingsOfRequester(knex, userId)).map((r) => repo.toBooking(r, { withRequester: false }));
}

/** The requests an official decides: of their departments' spaces (admins: every space). */
export async function requestsFor(
  knex: Knex,
  auth: AuthContext,
  opts: { spaceId?: number; statuses?: BookingStatus[] },
): Promise<Booking[]> {
  const departmentIds = auth.roles.includes('admin') ? null : auth.departments.map((d) => d.id);
  const rows = await repo.bookingsOfSpaces(knex, { ...opts, departmentIds });
  return rows.map((r) => repo.toBooking(r, { withRequester: true }));
}

// ---- booking -------------------------------------------------------------------------------

export async function requestBooking(
  knex: Knex,
  actor: Actor,
  auth: AuthContext,
  spaceId: number,
  b: BookingBody,
  now: Date,
): Promise<Booking> {
  const s = await repo.spaceById(knex, spaceId);
  if (!s) throw notFound('Space');
  if (Date.parse(b.start) <= now.getTime()) throw badField('start', 'a booking must start in the future');
  if (!withinOpenHours(s.open_hours, b.start, b.end))
    throw badField('start', `the slot must lie within the space's open hours (${SPACE_TIME_ZONE} time)`);
  if (b.attendees > s.capacity) throw badField('attendees', `the space holds at most ${s.capacity} people`);
  if (b.kehraGroupId !== undefined && !auth.kehraGroups.some((g) => g.id === b.kehraGroupId))
    throw new HttpError(403, 'out_of_scope', 'kehraGroupId: you can book only for a Kehrä group you belong to');
  if (b.partnershipTableId !== undefined) {
    const k = await tableKeepers(knex, b.partnershipTableId);
    if (!k) throw badField('partnershipTableId', 'no such partnership table');
    const keeper =
      auth.roles.includes('admin') ||
      k.organiserId === auth.user.id ||
      (auth.roles.includes('official') && auth.departments.some((d) => d.id === k.departmentId));
    if (!keeper) throw new HttpError(403, 'out_of_scope', 'partnershipTableId: you can book only for a table you keep');
  }
  if (await repo.overlapsConfirmed(knex, spaceId, b.start, b.end)) throw slotTaken();
  const id = await knex.transaction(async (trx) => {
    const id = await repo.insertBooking(trx, {
      spaceId,
      requesterId: actor.userId,
      kehraGroupId: b.kehraGroupId ?? null,
      partnershipTableId: b.partnershipTableId ?? null,
      start: b.start,
      end: b.end,
      purpose: b.purpose,
      attendees: b.attendees,
    });
    await recordAudit(trx, actor, {
      action: 'space.booking.request',
      target: { type: 'space_booking', id },
      after: { spaceId, start: b.start, end: b.end, attendees: b.attendees },
    });
    return id;
  });
  return repo.toBooking((await repo.bookingById(knex, id))!, { withRequester: false });
}

/** The booking of this space, or 404 (a booking id of another space names nothing here). */
async function bookingOf(knex: Knex, spaceId: number, bookingId: number, forUpdate = false) {
  const r = await repo.bookingById(knex, bookingId, { forUpdate });
  if (!r || r.space_id !== spaceId) throw notFound('Booking');
  return r;
}

export async function decide(knex: Knex, actor: Actor, spaceId: number, bookingId: number, d: DecisionBody): Promise<Booking> {
  try {
    await knex.transaction(async (trx) => {
      const r = await bookingOf(trx, spaceId, bookingId, true);
      if (r.status !== 'requested') throw new HttpError(409, 'already_decided', `the booking is ${r.status} already`);
      const status = d.decision === 'confirm' ? 'confirmed' : 'declined';
      await repo.setBookingStatus(trx, bookingId, { status, reason: d.reason ?? null, decidedBy: actor.userId });
      await recordAudit(trx, actor, {
        action: `space.booking.${d.decision}`,
        target: { type: 'space_booking', id: bookingId },
        before: { status: r.status },
        after: { status, reason: d.reason ?? null },
      });
    });
  } catch (err) {
    if (isExclusionViolation(err)) throw slotTaken();
    throw err;
  }
  return repo.toBooking((await repo.bookingById(knex, bookingId))!, { withRequester: true });
}

export async function cancel(knex: Knex, actor: Actor, spaceId: number, bookingId: number, now: Date): Promise<Booking> {
  await knex.transaction(async (trx) => {
    const r = await bookingOf(trx, spaceId, bookingId, true);
    if (r.requester_id !== actor.userId) throw new HttpError(403, 'not_requester', 'only the requester cancels a booking');
    if (r.status === 'cancelled' || r.status === 'declined')
      throw new HttpError(409, 'already_decided', `the booking is ${r.status} already`);
    if (Date.parse(r.end) <= now.getTime()) throw new HttpError(409, 'booking_past', 'the booking is over');
    await repo.setBookingStatus(trx, bookingId, { status: 'cancelled', reason: null, decidedBy: null });
    await recordAudit(trx, actor, {
      action: 'space.booking.cancel',
      target: { type: 'space_booking', id: bookingId },
      before: { status: r.status },
      after: { status: 'cancelled' },
    });
  });
  return repo.toBooking((await repo.bookingById(knex, bookingId))!, { withRequester: false });
}

export const departmentOfSpace = repo.departmentOfSpace;
