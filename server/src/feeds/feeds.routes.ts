import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { filterOf } from '../collections/collection.service.js';
import type { BaseFilter, Dataset } from '../collections/dataset.js';
import { CALENDAR_DAYS_BACK, CALENDAR_DEFAULT_LIMIT, EventsQuery, FEED_DEFAULT_LIMIT, FeedParams } from '../contracts/feeds.js';
import { badField } from '../http/errors.js';
import { openToEveryOrigin } from '../http/open-data.js';
import { ATOM_FEEDS, atomFeed, eventsCalendar, type AtomFeedId, type FeedDocument, type FeedSite } from './feeds.service.js';

/** Parameters of the feed itself, not of the dataset's filter; they never go into the map link. */
const FEED_ONLY = ['lang', 'limit'];

function siteOf(req: Request, mapPath: string | null): FeedSite {
  const origin = `${req.protocol}://${req.get('host')}`;
  const filter = new URLSearchParams(req.query as Record<string, string>);
  for (const k of FEED_ONLY) filter.delete(k);
  const q = filter.toString();
  return { origin, self: origin + req.originalUrl, alternate: `${origin}${mapPath ?? '/'}${q ? `?${q}` : ''}` };
}

/** Express answers 304 itself from the body's ETag (If-None-Match) or from Last-Modified. */
function send(res: Response, doc: FeedDocument, type: string): void {
  if (doc.lastModified) res.set('Last-Modified', new Date(doc.lastModified).toUTCString());
  res.set('Cache-Control', 'public, max-age=300');
  res.type(type).send(doc.body);
}

/** /feeds/<dataset>.atom for each dataset with a feed, and /feeds/events.ics. */
export function feedsRouter(knex: Knex, datasets: readonly Dataset<never>[]): Router {
  const r = Router();
  r.use(openToEveryOrigin);
  const dataset = (id: string) => {
    const d = datasets.find((x) => x.id === id);
    if (!d?.feed) throw new Error(`the ${id} feed needs the ${id} dataset with a feed declaration`);
    return d as unknown as Dataset<BaseFilter>;
  };

  for (const id of Object.keys(ATOM_FEEDS) as AtomFeedId[]) {
    const d = dataset(id);
    r.get(`/${id}.atom`, async (req, res) => {
      const { lang, limit, ...rest } = req.query as Record<string, unknown>;
      const p = FeedParams.parse({ lang, limit });
      // The dataset's own list grammar parses the filter (the same 400s); paging and downloads are not a feed's.
      for (const k of ['offset', 'format']) if (k in rest) throw badField(k, `${k} is not a feed parameter`);
      const filter = filterOf(d.query.parse(rest));
      const doc = await atomFeed(
        knex,
        id,
        d,
        { filter, lang: p.lang ?? 'fi', limit: p.limit ?? FEED_DEFAULT_LIMIT },
        siteOf(req, `/${d.path}`),
      );
      send(res, doc, 'application/atom+xml; charset=utf-8');
    });
  }

  const activities = dataset('activities') as unknown as Dataset<never>;
  r.get('/events.ics', async (req, res) => {
    const { lang, limit, ...q } = EventsQuery.parse(req.query);
    const from = q.from ?? new Date(Date.now() - CALENDAR_DAYS_BACK * 86_400_000).toISOString();
    const doc = await eventsCalendar(
      knex,
      activities,
      { filter: { ...q, from }, lang: lang ?? 'fi', limit: limit ?? CALENDAR_DEFAULT_LIMIT },
      siteOf(req, '/activities'),
    );
    send(res, doc, 'text/calendar; charset=utf-8');
  });
  return r;
}
