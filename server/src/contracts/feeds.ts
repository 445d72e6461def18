import { z } from 'zod';
import { BboxParam, idList, Instant, IntParam, slugList, spanOrder } from './common.js';

/** Languages a feed's texts come in (its title, the entries' titles where a dataset has them). */
export const FEED_LANGS = ['fi', 'sv', 'en'] as const;
export type FeedLang = (typeof FEED_LANGS)[number];

/** An Atom feed holds the latest 50 entries; a reader may ask for up to 200. */
export const FEED_DEFAULT_LIMIT = 50;
export const FEED_MAX_LIMIT = 200;
/** A calendar holds at most this many events by default, and up to the max on request. */
export const CALENDAR_DEFAULT_LIMIT = 500;
export const CALENDAR_MAX_LIMIT = 2000;
/** A calendar starts this many days back unless `from` says otherwise. */
export const CALENDAR_DAYS_BACK = 30;

const Lang = z.enum(FEED_LANGS, { error: 'lang must be fi, sv or en' });

/** What a feed takes besides its dataset's own filter (which the dataset's list query parses). */
export const FeedParams = z.object({ lang: Lang.optional(), limit: IntParam('limit', 1, FEED_MAX_LIMIT).optional() }).strict();
export type FeedParams = z.output<typeof FeedParams>;

/** GET /feeds/events.ics: the map's filters (district, theme, department, box) and a time window. */
export const EventsQuery = z
  .object({
    area: idList('area').optional(),
    theme: slugList('theme').optional(),
    department: slugList('department').optional(),
    bbox: BboxParam().optional(),
    from: Instant('from').optional(),
    to: Instant('to').optional(),
    /** Only these partnership tables' meetings: a table page's "subscribe" calendar holds nothing else. */
    table: idList('table').optional(),
    lang: Lang.optional(),
    limit: IntParam('limit', 1, CALENDAR_MAX_LIMIT).optional(),
  })
  .strict()
  .superRefine(spanOrder);
export type EventsQuery = z.output<typeof EventsQuery>;
export type EventFilter = Omit<EventsQuery, 'lang' | 'limit'> & { from: string };
