import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextArea, TextInput } from 'hds-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Booking, BookingBody, PublicBooking, SpaceDetail } from '@contracts/spaces';
import { ApiError, sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { spaceKeys, spaceQuery } from '@/layers/spaces/query';
import { DemoTag } from '@/ui/DemoLabel';
import { errorProps } from '@/ui/error-props';
import { StatusLine } from '@/ui/Feedback';
import { errorMessage } from '@/ui/format';
import { formatDayLabel, formatTimeRange, helsinkiDate, toIsoWithOffset, weekdayName } from '@/ui/helsinki-time';
import { NativeSelect } from '@/ui/NativeSelect';
import { Panel } from '@/ui/Panel';
import { useRouteId } from '@/state/route-id';
import { usePageTitle } from '@/ui/use-page-title';
import { spaceName } from './space-names';
import './spaces.css';

const HEADING = 'space-heading';
const DAY_MS = 86_400_000;

/** /spaces/:id: a space's details, open hours, a week of its bookings, its iCalendar and the booking form. */
export function SpacePage() {
  const id = useRouteId() ?? 0;
  return <SpacePageOf key={id} id={id} />;
}

function SpacePageOf({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const valid = Number.isInteger(id) && id > 0;
  const space = useQuery({ ...spaceQuery(id), enabled: valid });
  const d = space.data;
  usePageTitle(d ? spaceName(d, i18n.language) : t('spaces.heading'));
  return (
    <>
      <section className="panel" aria-labelledby={HEADING}>
        <Link to={{ pathname: '/spaces', search }}>{t('spaces.back')}</Link>
        {space.isPending && valid && <LoadingSpinner small loadingText={t('spaces.loading')} />}
        {(space.error || !valid) && <p className="form-error">{valid ? errorMessage(space.error) : t('spaces.notFound')}</p>}
        {d && <SpaceDetails space={d} />}
      </section>
      {d && <OpenHours space={d} />}
      {d && <WeekCalendar space={d} />}
      {d && <BookingForm space={d} />}
    </>
  );
}

function SpaceDetails({ space: d }: { space: SpaceDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dept = (lang === 'sv' ? d.department.nameSv : lang === 'en' ? d.department.nameEn : null) ?? d.department.nameFi;
  const access = [
    d.accessibility.stepFree && t('spaces.access.stepFree'),
    d.accessibility.accessibleToilet && t('spaces.access.toilet'),
    d.accessibility.inductionLoop && t('spaces.access.loop'),
  ].filter(Boolean);
  return (
    <>
      <h2 id={HEADING} className="panel-heading" tabIndex={-1}>
        {spaceName(d, lang)}
      </h2>
      {d.isDemo && <DemoTag />}
      <p>
        {t(`spaces.kind.${d.kind}`)} · {t('spaces.capacity', { count: d.capacity })}
      </p>
      <p>{d.address}</p>
      <p>
        {t('spaces.access.heading')}: {access.length ? access.join(', ') : t('spaces.access.none')}
        {d.accessibility.notes ? `. ${d.accessibility.notes}` : ''}
      </p>
      <p>{t('spaces.department', { name: dept })}</p>
      {(d.contact.phone || d.contact.url) && (
        <p>
          {t('spaces.contact')}: {d.contact.phone && <a href={`tel:${d.contact.phone.replace(/\s/g, '')}`}>{d.contact.phone}</a>}
          {d.contact.phone && d.contact.url && ' · '}
          {d.contact.url && <a href={d.contact.url}>{d.contact.url}</a>}
        </p>
      )}
      {d.canDecide && (
        <p>
          <Link to="/spaces/requests">{t('spaces.requests.link')}</Link>
        </p>
      )}
    </>
  );
}

function OpenHours({ space: d }: { space: SpaceDetail }) {
  const { t, i18n } = useTranslation();
  const days = [1, 2, 3, 4, 5, 6, 7];
  return (
    <Panel id="space-hours-heading" heading={t('spaces.hours.heading')}>
      <p className="panel-help">{t('spaces.hours.help')}</p>
      <dl className="spaces-hours">
        {days.map((day) => {
          const rules = d.openHours.filter((r) => r.day === day);
          return (
            <div key={day} style={{ display: 'contents' }}>
              <dt>{weekdayName(day, i18n.language)}</dt>
              <dd>{rules.length ? rules.map((r) => `${r.opens}–${r.closes}`).join(', ') : t('spaces.hours.closed')}</dd>
            </div>
          );
        })}
      </dl>
    </Panel>
  );
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** A week of confirmed bookings, Monday first: each day a heading and a list, so a screen reader reads it as lists. */
function WeekCalendar({ space: d }: { space: SpaceDetail }) {
  const { t, i18n } = useTranslation();
  const today = helsinkiDate(new Date().toISOString());
  const monday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
  const [week, setWeek] = useState(0);
  // The week of the next booking first, when it is later than this week.
  const firstWeek = useMemo(() => {
    const next = d.calendar[0];
    if (!next) return 0;
    const diff = Math.floor((Date.parse(`${helsinkiDate(next.start)}T12:00:00Z`) - Date.parse(`${monday}T12:00:00Z`)) / DAY_MS);
    return Math.max(0, Math.floor(diff / 7));
  }, [d.calendar, monday]);
  const [touched, setTouched] = useState(false);
  const shown = touched ? week : firstWeek;
  const start = addDays(monday, shown * 7);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const byDay = new Map<string, PublicBooking[]>();
  for (const b of d.calendar) {
    const key = helsinkiDate(b.start);
    byDay.set(key, [...(byDay.get(key) ?? []), b]);
  }
  const dayLabel = (date: string) => formatDayLabel(date, i18n.language);
  const move = (n: number) => {
    setTouched(true);
    setWeek(Math.max(0, shown + n));
  };
  return (
    <Panel id="space-calendar-heading" heading={t('spaces.calendar.heading')} testId="space-calendar">
      <div className="spaces-week-nav">
        <Button
          type="button"
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          disabled={shown === 0}
          onClick={() => move(-1)}
        >
          {t('spaces.calendar.previous')}
        </Button>
        <span aria-live="polite">
          {t('spaces.calendar.week', {
            from: dayLabel(days[0]),
            to: dayLabel(days[6]),
          })}
        </span>
        <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => move(1)}>
          {t('spaces.calendar.next')}
        </Button>
      </div>
      <ol className="spaces-week">
        {days.map((day) => {
          const bookings = byDay.get(day) ?? [];
          return (
            <li key={day} className="spaces-day">
              <h4>{dayLabel(day)}</h4>
              {bookings.length === 0 ? (
                <p className="spaces-list-meta">{t('spaces.calendar.free')}</p>
              ) : (
                <ul>
                  {bookings.map((b) => (
                    <li key={b.id} className="spaces-booking">
                      {formatTimeRange(b.start, b.end)} {b.groupName ?? t('spaces.calendar.booked')}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      <p>
        <a href={`/api/spaces/${d.id}/calendar.ics`}>{t('spaces.calendar.subscribe')}</a>
      </p>
    </Panel>
  );
}

type Errors = Partial<Record<'start' | 'end' | 'attendees' | 'purpose' | 'form', string>>;

function BookingForm({ space: d }: { space: SpaceDetail }) {
  const { t } = useTranslation();
  const { user, kehraGroups } = useAccount();
  const queryClient = useQueryClient();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [attendees, setAttendees] = useState('');
  const [purpose, setPurpose] = useState('');
  const [group, setGroup] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState('');
  const book = useMutation({
    mutationFn: (body: BookingBody) => sendJson<Booking>('POST', `/api/spaces/${d.id}/bookings`, body),
    onSuccess: async () => {
      setMessage(t('spaces.book.sent'));
      setStart('');
      setEnd('');
      setAttendees('');
      setPurpose('');
      await queryClient.invalidateQueries({ queryKey: spaceKeys.all });
    },
    onError: (err) => {
      const fields = err instanceof ApiError ? err.fieldMessages() : {};
      const known = (['start', 'end', 'attendees', 'purpose'] as const).filter((f) => fields[f]);
      setErrors({
        ...Object.fromEntries(known.map((f) => [f, fields[f].join(' ')])),
        form: known.length ? undefined : errorMessage(err),
      });
    },
  });
  if (!user)
    return (
      <Panel id="space-book-heading" heading={t('spaces.book.heading')}>
        <p>{t('spaces.book.signIn')}</p>
      </Panel>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    const s = start ? toIsoWithOffset(start) : null;
    const en = end ? toIsoWithOffset(end) : null;
    const n = Number(attendees);
    const next: Errors = {
      start: s ? undefined : t('spaces.book.errors.start'),
      end: en ? undefined : t('spaces.book.errors.end'),
      attendees: Number.isInteger(n) && n >= 1 ? undefined : t('spaces.book.errors.attendees'),
      purpose: purpose.trim().length >= 3 ? undefined : t('spaces.book.errors.purpose'),
    };
    setErrors(next);
    if (!s || !en || next.attendees || next.purpose) return;
    book.mutate({
      start: s,
      end: en,
      attendees: n,
      purpose: purpose.trim(),
      ...(group ? { kehraGroupId: Number(group) } : {}),
    } as BookingBody);
  };
  return (
    <Panel id="space-book-heading" heading={t('spaces.book.heading')} testId="space-book">
      <form className="spaces-filters" onSubmit={submit} noValidate>
        <p className="panel-help">{t('spaces.book.help', { capacity: d.capacity })}</p>
        <div className="locate-fields">
          <TextInput
            id="space-book-start"
            type="datetime-local"
            label={t('spaces.book.start')}
            required
            value={start}
            onChange={(e) => setStart(e.target.value)}
            {...errorProps(errors.start)}
          />
          <TextInput
            id="space-book-end"
            type="datetime-local"
            label={t('spaces.book.end')}
            required
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            {...errorProps(errors.end)}
          />
        </div>
        <TextInput
          id="space-book-attendees"
          type="number"
          min={1}
          max={d.capacity}
          label={t('spaces.book.attendees')}
          required
          value={attendees}
          onChange={(e) => setAttendees(e.target.value)}
          {...errorProps(errors.attendees)}
        />
        <TextArea
          id="space-book-purpose"
          label={t('spaces.book.purpose')}
          required
          maxLength={1000}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          {...errorProps(errors.purpose)}
        />
        {kehraGroups.length > 0 && (
          <NativeSelect
            id="space-book-group"
            label={t('spaces.book.group')}
            value={group}
            placeholder={t('spaces.book.noGroup')}
            options={kehraGroups.map((g) => ({ value: String(g.id), label: g.name }))}
            onChange={setGroup}
          />
        )}
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div>
          <Button type="submit" size={ButtonSize.Small} disabled={book.isPending}>
            {t('spaces.book.submit')}
          </Button>
        </div>
        <StatusLine text={message} testId="space-book-status" />
      </form>
    </Panel>
  );
}
