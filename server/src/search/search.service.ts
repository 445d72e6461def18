import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { z } from 'zod';
import { repoRoot } from '../config.js';
import type { AreaLevel } from '../contracts/areas.js';
import { FixturePlace, type SearchQuery, type SearchResponse, type SearchResult } from '../contracts/search.js';
import { log } from '../log.js';
import { areasByName, type AreaMatchRow } from './search.repository.js';
import { searchServiceMap } from './service-map.js';

export interface SearchSettings {
  /** Ask the City's Service Map too (KK_SEARCH_ONLINE); off, only districts and the fixture places. */
  online: boolean;
  serviceMapUrl: string;
  timeoutMs: number;
}

export const SEARCH_FIXTURE = path.join(repoRoot, 'data/search/places.json');

const LEVEL_NAMES: Record<AreaLevel, Record<SearchQuery['lang'], string>> = {
  suurpiiri: { fi: 'Suurpiiri', sv: 'Stordistrikt', en: 'Major district' },
  peruspiiri: { fi: 'Peruspiiri', sv: 'Distrikt', en: 'District' },
  osa_alue: { fi: 'Osa-alue', sv: 'Delområde', en: 'Sub-district' },
};

let fixture: FixturePlace[] | null = null;
/** The offline places, read and checked once. */
function fixturePlaces(): FixturePlace[] {
  fixture ??= z.object({ places: z.array(FixturePlace) }).parse(JSON.parse(fs.readFileSync(SEARCH_FIXTURE, 'utf8'))).places;
  return fixture;
}

const localName = (fi: string, sv: string | null, lang: SearchQuery['lang']) => (lang === 'sv' && sv ? sv : fi);

function areaResult(r: AreaMatchRow, lang: SearchQuery['lang']): SearchResult {
  const parent = r.parent_name_fi ? localName(r.parent_name_fi, r.parent_name_sv, lang) : null;
  return {
    kind: 'area',
    id: `area:${r.id}`,
    name: localName(r.name_fi, r.name_sv, lang),
    detail: parent ? `${LEVEL_NAMES[r.level][lang]}, ${parent}` : LEVEL_NAMES[r.level][lang],
    lon: r.lon,
    lat: r.lat,
    bbox: r.bbox,
    area: { id: r.id, level: r.level },
  };
}

function fixtureResults(q: SearchQuery): SearchResult[] {
  const text = q.q.toLocaleLowerCase('fi');
  return fixturePlaces()
    .filter((p) => Object.values(p.name).some((n) => n?.toLocaleLowerCase('fi').includes(text)))
    .map((p) => ({
      kind: 'place' as const,
      id: `place:${p.id}`,
      name: p.name[q.lang] ?? p.name.fi,
      detail: p.kind[q.lang],
      lon: p.lon,
      lat: p.lat,
      bbox: null,
      area: null,
    }));
}

/**
 * Districts by name first (they answer the map's own filter), then places: the City's Service Map
 * when online and it answers in time, else the project's fixture places.
 */
export async function search(knex: Knex, settings: SearchSettings, q: SearchQuery): Promise<SearchResponse> {
  const [areas, online] = await Promise.all([
    areasByName(knex, q.q, q.limit),
    settings.online
      ? searchServiceMap(settings.serviceMapUrl, q, settings.timeoutMs).catch((err: Error) => {
          log.warn(`Search: Service Map did not answer (${err.message}); offline results only`);
          return null;
        })
      : Promise.resolve(null),
  ]);
  const places = online ?? fixtureResults(q);
  return {
    results: [...areas.map((r) => areaResult(r, q.lang)), ...places].slice(0, q.limit),
    source: online ? 'online' : 'offline',
  };
}
