import { z } from 'zod';
import type { AreaLevel } from './areas.js';
import { PlainText } from './common.js';

/** Shortest and longest search text: one letter matches too much, and a long text is no place name. */
export const SEARCH_Q_MIN = 2;
export const SEARCH_Q_MAX = 100;
export const SEARCH_LIMIT_MAX = 20;

/** GET /api/search?q=&lang=&limit= — districts by name, places and addresses. */
export const SearchQuery = z
  .object({
    q: PlainText('q', SEARCH_Q_MAX, SEARCH_Q_MIN),
    lang: z.enum(['fi', 'sv', 'en'], { error: 'lang must be fi, sv or en' }).default('fi'),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(SEARCH_LIMIT_MAX, `limit must be at most ${SEARCH_LIMIT_MAX}`)
      .default(10),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SEARCH_KINDS = ['area', 'place', 'address'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One thing found: where to put the map, and for a district which one it is. */
export interface SearchResult {
  kind: SearchKind;
  /** Unique within one answer: `area:12`, `place:rautatientori`, `servicemap:unit:1234`. */
  id: string;
  /** In the asked language where the source has it. */
  name: string;
  /** A second line: the district level, the district or the kind of place. */
  detail: string | null;
  lon: number;
  lat: number;
  /** [west, south, east, north] when the result has an extent (districts). */
  bbox: [number, number, number, number] | null;
  /** For a district: its id (the app's district filter) and level. */
  area: { id: number; level: AreaLevel } | null;
}

export interface SearchResponse {
  results: SearchResult[];
  /** `online` when the City's Service Map answered; `offline` for the district names and fixture places only. */
  source: 'online' | 'offline';
}

/** One place of the offline fixture (data/search/places.json). */
export const FixturePlace = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.object({ fi: z.string().min(1), sv: z.string().min(1).optional(), en: z.string().min(1).optional() }),
    kind: z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) }),
    lon: z.number().min(24.5).max(25.5),
    lat: z.number().min(60).max(60.4),
  })
  .strict();
export type FixturePlace = z.infer<typeof FixturePlace>;
