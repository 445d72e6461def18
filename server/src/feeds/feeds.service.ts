import type { Knex } from 'knex';
import { feedRows, type FeedRow } from '../collections/collection.service.js';
import type { BaseFilter, Dataset } from '../collections/dataset.js';
import type { EventFilter, FeedLang } from '../contracts/feeds.js';
import { atomXml, type AtomEntry } from './atom.js';
import { eventSources } from './event-sources.js';
import { referenceNames, type EntryContext, type ReferenceNames } from './feed-context.js';
import { FEED_TEXTS, feedTitle, type FeedTexts, type FilterNames } from './feed-texts.js';
import { areaNames } from './feeds.repository.js';
import { icsCalendar } from './icalendar.js';
import { tableNames } from '../partnership-tables/partnership-tables.repository.js';

/** Where the feed is read from: absolute links and tag authority come from the request. */
export interface FeedSite {
  /** https://host — the site's origin. */
  origin: string;
  /** The feed's own URL, as asked (the Atom id and self link). */
  self: string;
  /** The map view with the same filter (the alternate link). */
  alternate: string;
}

async function filterNames(knex: Knex, f: BaseFilter, lang: FeedLang, names: ReferenceNames): Promise<FilterNames> {
  return {
    areas: await areaNames(knex, f.area ?? [], lang),
    themes: (f.theme ?? []).map(names.theme),
    departments: (f.department ?? []).map(names.department),
  };
}

/** How one dataset's rows read as Atom entries; the rows themselves come from the dataset's declaration. */
export interface AtomFeedSpec {
  title: (t: FeedTexts) => string;
  about: (t: FeedTexts) => string;
  entry(r: FeedRow, c: EntryContext): Omit<AtomEntry, 'updated' | 'point'>;
}

const SUMMARY_MAX = 1000;
const clip = (s: string) => (s.length > SUMMARY_MAX ? `${s.slice(0, SUMMARY_MAX - 1)}…` : s);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const inLang = (p: Record<string, unknown>, key: string, lang: FeedLang) =>
  str(p[`${key}${lang === 'fi' ? 'Fi' : lang === 'sv' ? 'Sv' : 'En'}`]) || str(p[`${key}Fi`]);

/** Themes and the department as Atom categories, each with the scheme naming its list. */
function categories(p: Record<string, unknown>, c: EntryContext) {
  const themes = Array.isArray(p.themes) ? (p.themes as string[]) : [];
  return [
    ...themes.map((s) => ({ term: s, label: c.names.theme(s), scheme: `${c.origin}/api/themes` })),
    ...(typeof p.department === 'string'
      ? [{ term: p.department, label: c.names.department(p.department), scheme: `${c.origin}/api/departments` }]
      : []),
  ];
}

export const ATOM_FEEDS = {
  ideas: {
    title: (t) => t.ideas,
    about: (t) => t.ideasAbout,
    entry: ({ props: p }, c) => ({
      id: `${c.origin}/ideas/${String(p.id)}`,
      link: `${c.origin}/ideas/${String(p.id)}`,
      title: str(p.title),
      summary: clip(str(p.description)),
      published: str(p.submittedAt) || undefined,
      categories: categories(p, c),
    }),
  },
  activities: {
    title: (t) => t.activities,
    about: (t) => t.activitiesAbout,
    entry: ({ props: p }, c) => ({
      id: `${c.origin}/activities/${String(p.id)}`,
      link: `${c.origin}/activities/${String(p.id)}`,
      title: inLang(p, 'title', c.lang),
      summary: clip(inLang(p, 'description', c.lang) || inLang(p, 'title', c.lang)),
      categories: categories(p, c),
    }),
  },
} as const satisfies Record<string, AtomFeedSpec>;
export type AtomFeedId = keyof typeof ATOM_FEEDS;

/** A feed document and the time of its newest item (Last-Modified), when it has any. */
export interface FeedDocument {
  body: string;
  lastModified: string | null;
}

/** An empty feed still needs an `updated`: a fixed one keeps its ETag stable. */
const NEVER = '1970-01-01T00:00:00Z';

export async function atomFeed<F extends BaseFilter>(
  knex: Knex,
  id: AtomFeedId,
  d: Dataset<F>,
  q: { filter: F; lang: FeedLang; limit: number },
  site: FeedSite,
): Promise<FeedDocument> {
  const spec: AtomFeedSpec = ATOM_FEEDS[id];
  const rows = await feedRows(knex, d, q.filter, { limit: q.limit, order: 'updated' });
  const names = await referenceNames(knex, q.lang);
  const t = FEED_TEXTS[q.lang];
  const c: EntryContext = { lang: q.lang, origin: site.origin, names };
  const lastModified = rows[0]?.updated ?? null;
  const body = atomXml({
    id: site.self,
    lang: q.lang,
    title: feedTitle(spec.title(t), await filterNames(knex, q.filter, q.lang, names), t),
    subtitle: spec.about(t),
    updated: lastModified ?? NEVER,
    self: site.self,
    alternate: site.alternate,
    author: { name: t.service, uri: `${site.origin}/` },
    rights: t.rights,
    entries: rows.map((r) => ({ ...spec.entry(r, c), updated: r.updated, point: { lat: r.lat, lon: r.lon } })),
  });
  return { body, lastModified };
}

/** Events of every source in the window, in start order, bounded. */
export async function eventsCalendar(
  knex: Knex,
  activities: Dataset<never>,
  q: { filter: EventFilter; lang: FeedLang; limit: number },
  site: FeedSite,
): Promise<FeedDocument> {
  const names = await referenceNames(knex, q.lang);
  const t = FEED_TEXTS[q.lang];
  const c: EntryContext = { lang: q.lang, origin: site.origin, names };
  const host = new URL(site.origin).hostname;
  const lists = await Promise.all(
    eventSources({ activities })
      .filter((s) => s.holds?.(q.filter) ?? true)
      .map((s) => s.events(knex, q.filter, { ...c, host, limit: q.limit })),
  );
  const events = lists
    .flat()
    .sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid))
    .slice(0, q.limit);
  const stamps = events.map((e) => e.stamp).sort();
  const body = icsCalendar({
    name: feedTitle(
      t.events,
      {
        ...(await filterNames(knex, q.filter, q.lang, names)),
        tables: q.filter.table && (await tableNames(knex, q.filter.table)),
      },
      t,
    ),
    description: t.eventsAbout,
    events,
  });
  return { body, lastModified: stamps.at(-1) ?? null };
}
