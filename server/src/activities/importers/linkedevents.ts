import type { Knex } from 'knex';
import type { ActivityStatus } from '../../contracts/activities.js';
import {
  defaultFetchJson,
  isUrl,
  readJsonSource,
  runImport,
  text,
  type Candidate,
  type FetchJson,
  type ImportSummary,
} from './import-runner.js';

/**
 * Linked Events, the City's events API (https://api.hel.fi/linkedevents/v1/event/?include=location),
 * pages of `{meta: {count, next, previous}, data: [event…]}` → activities of kind 'event', with
 * the place from `location.position` and the time from start_time/end_time.
 */
export const LINKEDEVENTS_SOURCE = 'linkedevents';
export const LINKEDEVENTS_DEFAULT_URL =
  'https://api.hel.fi/linkedevents/v1/event/?include=location,keywords&start=today&division=kunta:helsinki&page_size=100';

/**
 * Publishers are Ahjo organisation codes (`ahjo:u480400…`); the division is its prefix:
 * U420300 Kasvatuksen ja koulutuksen toimiala, U480400 Kulttuurin ja vapaa-ajan toimiala,
 * U541000 Kaupunkiympäristön toimiala, U320200 Sosiaali-, terveys- ja pelastustoimiala,
 * 02/U50 Kaupunginkanslia (keskushallinto). Others fall back to `--department` (default kuva,
 * which publishes most events).
 */
const PUBLISHER_PREFIXES: [string, string][] = [
  ['ahjo:u4203', 'kasko'],
  ['ahjo:u4804', 'kuva'],
  ['ahjo:u5410', 'kymp'],
  ['ahjo:u3202', 'sote'],
  ['ahjo:u02', 'kanslia'],
  ['ahjo:u50', 'kanslia'],
];

export const departmentOfPublisher = (publisher: unknown, fallback: string): string => {
  const p = typeof publisher === 'string' ? publisher.toLowerCase() : '';
  return PUBLISHER_PREFIXES.find(([prefix]) => p.startsWith(prefix))?.[1] ?? fallback;
};

/** YSO keywords (https://finto.fi/yso) → themes; names catch keywords given as objects. */
const THEME_BY_YSO: Record<string, string> = {
  'yso:p11617': 'youth', // nuoret
  'yso:p2433': 'elderly', // ikääntyneet
  'yso:p4354': 'children-families', // lapset
  'yso:p13050': 'children-families', // lapsiperheet
  'yso:p916': 'sport-outdoors', // liikunta
  'yso:p2771': 'sport-outdoors', // ulkoilu
  'yso:p360': 'culture', // kulttuuritapahtumat
  'yso:p1808': 'culture', // musiikki
  'yso:p1235': 'culture', // elokuvat
  'yso:p2625': 'culture', // teatteritaide
  'yso:p8270': 'community', // yhteisöllisyys
  'yso:p5121': 'environment-climate', // ympäristö
  'yso:p5102': 'environment-climate', // ilmastonmuutokset
};

const keywordId = (k: unknown): string | null => {
  const ref = (k as { '@id'?: string; id?: string })?.id ?? (k as { '@id'?: string })?.['@id'];
  if (!ref) return null;
  const m = /([a-z]+:[a-z0-9]+)\/?$/i.exec(ref);
  return m ? m[1].toLowerCase() : null;
};

interface LeEvent {
  id?: string;
  name?: unknown;
  short_description?: unknown;
  description?: unknown;
  start_time?: string | null;
  end_time?: string | null;
  event_status?: string;
  publisher?: string;
  info_url?: unknown;
  keywords?: unknown[];
  provider?: unknown;
  location?: {
    id?: string;
    name?: unknown;
    position?: { type?: string; coordinates?: unknown } | null;
    telephone?: unknown;
    email?: string | null;
  } | null;
}

export function eventStatus(e: LeEvent, now: Date): ActivityStatus {
  if (e.event_status === 'EventCancelled') return 'cancelled';
  const start = e.start_time ? Date.parse(e.start_time) : null;
  const end = e.end_time ? Date.parse(e.end_time) : null;
  if (end !== null && end < now.getTime()) return 'done';
  if (start !== null && start > now.getTime()) return 'planned';
  return 'ongoing';
}

export function eventToCandidate(e: LeEvent, opts: { fallbackDepartment: string; now: Date }): Candidate {
  const where = `event ${e.id ?? '?'}`;
  if (!e.id) return { rejected: 'no id', where };
  const titleFi = text(e.name, 'fi') ?? text(e.name, 'sv') ?? text(e.name, 'en');
  if (!titleFi) return { rejected: 'no name', where };
  const pos = e.location?.position;
  if (!pos || pos.type !== 'Point' || !Array.isArray(pos.coordinates)) {
    return { rejected: `no position (location ${e.location?.id ?? 'missing'}; include=location given?)`, where };
  }
  let startsAt = e.start_time ?? null;
  let endsAt = e.end_time ?? null;
  // A few events end before they start in the source; keep the start, drop the impossible end.
  if (startsAt && endsAt && Date.parse(endsAt) < Date.parse(startsAt)) endsAt = null;
  if (startsAt) startsAt = new Date(startsAt).toISOString();
  if (endsAt) endsAt = new Date(endsAt).toISOString();
  const themes = new Set<string>();
  for (const k of e.keywords ?? []) {
    const theme = THEME_BY_YSO[keywordId(k) ?? ''];
    if (theme) themes.add(theme);
  }
  if (themes.size === 0) themes.add('culture');
  const place = text(e.location?.name, 'fi');
  const contact = [place, text(e.location?.telephone), e.location?.email].filter(Boolean).join(', ') || null;
  return {
    activity: {
      source: LINKEDEVENTS_SOURCE,
      sourceId: e.id,
      department: departmentOfPublisher(e.publisher, opts.fallbackDepartment),
      kind: 'event',
      status: eventStatus(e, opts.now),
      titleFi,
      titleSv: text(e.name, 'sv'),
      titleEn: text(e.name, 'en'),
      descriptionFi: text(e.short_description, 'fi') ?? text(e.description, 'fi'),
      descriptionSv: text(e.short_description, 'sv') ?? text(e.description, 'sv'),
      descriptionEn: text(e.short_description, 'en') ?? text(e.description, 'en'),
      startsAt,
      endsAt,
      themes: [...themes].sort(),
      contact,
      url: text(e.info_url, 'fi') ?? text(e.info_url, 'en') ?? text(e.info_url, 'sv'),
      geometry: { type: 'Point', coordinates: pos.coordinates },
    },
  };
}

async function* candidates(
  from: string,
  fetchJson: FetchJson,
  onProgress: (m: string) => void,
  opts: { fallbackDepartment: string; now: Date; maxPages: number },
): AsyncGenerator<Candidate> {
  let page = (await readJsonSource(from, fetchJson)) as { meta?: { count?: number; next?: string | null }; data?: LeEvent[] };
  for (let n = 1; ; n++) {
    if (!Array.isArray(page?.data)) throw new Error(`${from} is not a Linked Events page ({meta, data})`);
    onProgress(`  page ${n}: ${page.data.length} events${page.meta?.count ? ` of ${page.meta.count}` : ''}`);
    for (const e of page.data) yield eventToCandidate(e, opts);
    const next = page.meta?.next;
    if (!next) return;
    if (!isUrl(from)) {
      onProgress(`  (a file holds one page; not following meta.next)`);
      return;
    }
    if (n >= opts.maxPages) {
      onProgress(`  stopping after ${n} pages (--max-pages); meta.next = ${next}`);
      return;
    }
    page = (await fetchJson(next)) as typeof page;
  }
}

export async function importLinkedEvents(
  knex: Knex,
  from: string,
  opts: { fetchJson?: FetchJson; onProgress?: (m: string) => void; department?: string; now?: Date; maxPages?: number } = {},
): Promise<ImportSummary> {
  const onProgress = opts.onProgress ?? (() => {});
  return runImport(
    knex,
    'activities:linkedevents',
    from,
    candidates(from, opts.fetchJson ?? defaultFetchJson, onProgress, {
      fallbackDepartment: opts.department ?? 'kuva',
      now: opts.now ?? new Date(),
      maxPages: opts.maxPages ?? 1000,
    }),
    onProgress,
  );
}
