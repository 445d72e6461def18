import { useTranslation } from 'react-i18next';

/** A feed of the server's /feeds: Atom of a dataset, or the events calendar. */
export type FeedKind = 'ideas' | 'activities' | 'events' | 'meetings';

const FEED_PATHS: Record<FeedKind, string> = {
  ideas: '/feeds/ideas.atom',
  activities: '/feeds/activities.atom',
  events: '/feeds/events.ics',
  // The same calendar, limited by its filter (`table=`) to a partnership table's meetings.
  meetings: '/feeds/events.ics',
};
const FEED_TYPES: Record<FeedKind, string> = {
  ideas: 'application/atom+xml',
  activities: 'application/atom+xml',
  events: 'text/calendar',
  meetings: 'text/calendar',
};

/** The feed's address for a view's filter (the API's query string), its texts in the reader's language. */
export function feedHref(kind: FeedKind, filter: string, lang: string): string {
  const q = new URLSearchParams(filter);
  q.set('lang', lang);
  return `${FEED_PATHS[kind]}?${q.toString()}`;
}

interface SubscribeLinksProps {
  /** Each feed with the filter of the view it sits beside. */
  feeds: { kind: FeedKind; filter: string }[];
  /** The lead-in, when the links follow one thing rather than a filtered view. */
  label?: string;
  testId?: string;
}

/**
 * "Subscribe" beside a filtered view: links to the Atom feed (and the calendar) with the view's
 * own filter, so a feed reader or a calendar follows what the reader sees. Plain links, each
 * named in words (not an icon), so they read well to a screen reader too.
 */
export function SubscribeLinks({ feeds, label, testId }: SubscribeLinksProps) {
  const { t, i18n } = useTranslation();
  return (
    <p className="subscribe-links" data-testid={testId}>
      <span>{label ?? t('feeds.subscribe.label')}</span>
      {feeds.map(({ kind, filter }) => (
        <a key={kind} href={feedHref(kind, filter, i18n.language)} type={FEED_TYPES[kind]} data-testid={`subscribe-${kind}`}>
          {t(`feeds.subscribe.${kind}`)}
        </a>
      ))}
    </p>
  );
}
