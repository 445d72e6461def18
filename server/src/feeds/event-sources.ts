import type { Knex } from 'knex';
import { phaseEvents } from '../budgeting/budgeting.repository.js';
import { feedRows } from '../collections/collection.service.js';
import type { Dataset } from '../collections/dataset.js';
import type { ActivityFilter } from '../contracts/activities.js';
import type { EventFilter } from '../contracts/feeds.js';
import type { MeetingProperties } from '../contracts/partnership-tables.js';
import { meetingFeaturesJson } from '../partnership-tables/partnership-tables.repository.js';
import { FEED_TEXTS } from './feed-texts.js';
import type { CalendarEvent } from './icalendar.js';
import type { EntryContext } from './feed-context.js';

type SourceContext = EntryContext & { host: string; limit: number };

/** One kind of dated thing in /feeds/events.ics: its events in the window, by the map's filter. */
export interface EventSource {
  id: string;
  /** False when the filter asks for something this source cannot hold (a table's calendar has no activities). */
  holds?(f: EventFilter): boolean;
  events(knex: Knex, f: EventFilter, c: SourceContext): Promise<CalendarEvent[]>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const suffix = (lang: string) => (lang === 'fi' ? 'Fi' : lang === 'sv' ? 'Sv' : 'En');

/** Activities of kind event, through the activities dataset's own filter and order. */
const activityEvents = (activities: Dataset<never>): EventSource => ({
  id: 'activities',
  holds: (f) => !f.table,
  async events(knex, f, c) {
    const filter: ActivityFilter = { ...f, kind: ['event'] };
    const rows = await feedRows(knex, activities as unknown as Dataset<ActivityFilter>, filter, {
      limit: c.limit,
      order: 'start',
    });
    return rows
      .filter((r) => typeof r.props.startsAt === 'string')
      .map(({ props: p, updated, lat, lon }) => {
        const text = (key: string) => str(p[`${key}${suffix(c.lang)}`]) || str(p[`${key}Fi`]);
        return {
          uid: `activity-${String(p.id)}@${c.host}`,
          stamp: updated,
          start: str(p.startsAt),
          end: str(p.endsAt) || null,
          summary: text('title'),
          description: text('description'),
          geo: { lat, lon },
          url: `${c.origin}/activities/${String(p.id)}`,
          categories: ((p.themes as string[] | undefined) ?? []).map(c.names.theme),
        };
      });
  },
});

interface MeetingFeature {
  geometry: { coordinates: [number, number] } | null;
  properties: MeetingProperties;
}

/** The partnership tables' meetings, through the tables' own filter (district by membership, themes, convening department). */
const tableMeetings: EventSource = {
  id: 'partnership-table-meetings',
  async events(knex, f, c) {
    const out = await meetingFeaturesJson(
      knex,
      { area: f.area, theme: f.theme, department: f.department, bbox: f.bbox, from: f.from, to: f.to, table: f.table },
      c.limit,
    );
    const t = FEED_TEXTS[c.lang];
    return (JSON.parse(out.json) as MeetingFeature[]).map(({ geometry, properties: m }) => ({
      uid: `partnership-table-meeting-${m.id}@${c.host}`,
      // Meetings keep no revision time; their start is the one time that is theirs and stable.
      stamp: m.startsAt,
      start: m.startsAt,
      end: m.endsAt,
      summary: `${t.meeting}: ${m.tableName}`,
      description: `${t.convener}: ${m.convener}`,
      location: m.place,
      ...(geometry && { geo: { lat: geometry.coordinates[1], lon: geometry.coordinates[0] } }),
      url: `${c.origin}/kehra/tables/${m.tableId}`,
      categories: m.themes.map(c.names.theme),
    }));
  },
};

/** The participatory budgeting rounds' phases: one event per phase, from its start to the next phase's. */
const budgetingPhases: EventSource = {
  id: 'budgeting-phases',
  holds: (f) => !f.table,
  async events(knex, f, c) {
    const t = FEED_TEXTS[c.lang];
    const rows = await phaseEvents(knex, f, c.limit);
    return rows.map((r) => {
      const name = (c.lang === 'sv' ? r.nameSv : c.lang === 'en' ? r.nameEn : null) ?? r.nameFi;
      return {
        // Round and phase name the event: moving a phase's dates keeps its UID.
        uid: `budgeting-round-${r.roundId}-${r.phase}@${c.host}`,
        stamp: r.stamp,
        start: r.start,
        end: r.end,
        summary: `${t.budgetingPhases[r.phase]}: ${name}`,
        description: t.budgetingAbout,
        url: `${c.origin}/budgeting/rounds/${r.roundId}`,
        categories: [t.budgeting],
      };
    });
  },
};

/** Every source of /feeds/events.ics, in one place. */
export const eventSources = (d: { activities: Dataset<never> }): EventSource[] => [
  activityEvents(d.activities),
  tableMeetings,
  budgetingPhases,
];
