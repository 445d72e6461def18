import { z } from 'zod';
import type { SearchQuery, SearchResult } from '../contracts/search.js';

/** The City's Service Map search (units, addresses): https://api.hel.fi/servicemap/v2/search/ */
export const SERVICE_MAP_SEARCH_URL = 'https://api.hel.fi/servicemap/v2/search/';

const Names = z.object({ fi: z.string().nullish(), sv: z.string().nullish(), en: z.string().nullish() }).partial();
/** One result as Service Map gives it; anything without a name and a point is skipped. */
const Hit = z.object({
  object_type: z.enum(['unit', 'address']),
  id: z.union([z.number(), z.string()]).optional(),
  name: Names,
  location: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  street_address: Names.nullish(),
  municipality: z.union([z.string(), z.object({ id: z.string().optional() }).loose()]).nullish(),
});
const Answer = z.object({ results: z.array(z.unknown()) });

const pick = (names: z.infer<typeof Names> | null | undefined, lang: string) =>
  names ? ((names as Record<string, string | null | undefined>)[lang] ?? names.fi ?? names.sv ?? names.en ?? null) : null;

/**
 * Asks Service Map for units and addresses. Throws on a timeout, a network error or a malformed
 * answer: the caller falls back to the offline search.
 */
export async function searchServiceMap(baseUrl: string, q: SearchQuery, timeoutMs: number): Promise<SearchResult[]> {
  const url = new URL(baseUrl);
  url.searchParams.set('q', q.q);
  url.searchParams.set('type', 'unit,address');
  url.searchParams.set('language', q.lang);
  url.searchParams.set('page_size', String(q.limit));
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`Service Map answered ${res.status}`);
  const answer = Answer.parse(await res.json());
  const results: SearchResult[] = [];
  for (const raw of answer.results) {
    const hit = Hit.safeParse(raw);
    if (!hit.success) continue;
    const h = hit.data;
    const name = pick(h.name, q.lang);
    if (!name) continue;
    const [lon, lat] = h.location.coordinates;
    results.push({
      kind: h.object_type === 'unit' ? 'place' : 'address',
      id: `servicemap:${h.object_type}:${h.id ?? `${lon},${lat}`}`,
      name,
      detail: h.object_type === 'unit' ? pick(h.street_address, q.lang) : null,
      lon,
      lat,
      bbox: null,
      area: null,
    });
  }
  return results;
}
