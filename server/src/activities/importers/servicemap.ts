import type { Knex } from 'knex';
import type { ActivityInput } from '../activities.repository.js';
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
 * City of Helsinki Service Map (palvelukartta; units of the TPR service register) → services.
 *
 * Two inputs, one source name ('servicemap', source id = the TPR unit id, so both update the
 * same rows):
 *  - the REST API, https://api.hel.fi/servicemap/v2/unit/?… (pages of `{count, next, results}`),
 *    each unit with `name {fi,sv,en}`, `location {type: Point}`, `department` and
 *    `root_department` (ids, or `{id, name}` objects with `include=department,root_department`);
 *  - the map service's "Leikkipuistot" layer export (GeoJSON of `palvelukartta_julkinen` rows:
 *    `ID`, `Name_fi`, `Department_fi`, `ServiceTypeID`, …), e.g. shared/data/helsinki/hki-leikkipuistot.
 */
export const SERVICEMAP_SOURCE = 'servicemap';
export const SERVICEMAP_DEFAULT_URL =
  'https://api.hel.fi/servicemap/v2/unit/?municipality=helsinki&only=name,location,street_address,www,phone,email,department,root_department,description&include=department,root_department&page_size=500';

/**
 * Organisation units → our departments. Service Map department ids are sub-units that change with
 * reorganisations, so the mapping goes by the names the units carry (fi, sv or en, of the root
 * department or the unit itself), first match wins; the known ids below come from the real
 * Leikkipuistot export and catch units whose names say nothing of their division.
 */
export const DEPARTMENT_BY_ID: Record<string, string> = {
  'db5dbae8-93bb-4248-bfe6-e237b59eec12': 'kymp', // Kaupunkitila- ja maisemasuunnittelu
  '85080572-9a95-4a18-be6b-5bc306eb3d85': 'kymp', // Kaupunkiympäristön toimiala
  '81ee726a-9bed-41fa-ac9a-05cee56d55b2': 'kymp', // Maankäyttö ja kaupunkirakenne
};
export const DEPARTMENT_PATTERNS: [RegExp, string][] = [
  [/kasvatuksen ja koulutuksen|varhaiskasvatus|perusopetus|lukio|fostran|utbildning|education|early childhood/i, 'kasko'],
  [
    /kaupunkiympäristö|kaupunkitila|maisemasuunnittelu|maankäyttö|rakennukset ja yleiset alueet|liikenne|stadsmiljö|urban environment/i,
    'kymp',
  ],
  [/kulttuurin ja vapaa-ajan|kulttuuri|liikunta|nuoriso|kirjasto|kultur|fritid|culture|leisure|library|sports|youth/i, 'kuva'],
  [/sosiaali|terveys|pelastus|social|hälsa|hälsovård|räddning|health|rescue/i, 'sote'],
  [/kaupunginkanslia|stadskansliet|city executive office|keskushallinto/i, 'kanslia'],
];

export function departmentFor(ids: (string | null | undefined)[], names: (string | null | undefined)[]): string | null {
  for (const id of ids) if (id && DEPARTMENT_BY_ID[id]) return DEPARTMENT_BY_ID[id];
  for (const name of names) {
    if (!name) continue;
    for (const [re, slug] of DEPARTMENT_PATTERNS) if (re.test(name)) return slug;
  }
  return null;
}

/** `<a href="https://…">…</a>` (the export's Link_* fields) → the URL; plain URLs pass through. */
export const hrefOf = (v: string | null): string | null => {
  if (!v) return null;
  const m = /href="([^"]+)"/.exec(v);
  return m ? m[1] : /^https?:\/\//.test(v.trim()) ? v.trim() : null;
};

interface ApiUnit {
  id: number | string;
  name?: unknown;
  description?: unknown;
  short_description?: unknown;
  street_address?: unknown;
  www?: unknown;
  phone?: string | null;
  email?: string | null;
  location?: { type?: string; coordinates?: unknown } | null;
  department?: unknown;
  root_department?: unknown;
}

const orgIdAndNames = (v: unknown): { id: string | null; names: (string | null)[] } => {
  if (typeof v === 'string') return { id: v, names: [] };
  if (v && typeof v === 'object') {
    const o = v as { id?: string; name?: unknown };
    return { id: o.id ?? null, names: [text(o.name, 'fi'), text(o.name, 'sv'), text(o.name, 'en')] };
  }
  return { id: null, names: [] };
};

export function unitToCandidate(u: ApiUnit, fallbackDepartment?: string): Candidate {
  const where = `unit ${u.id}`;
  const titleFi = text(u.name, 'fi') ?? text(u.name, 'sv') ?? text(u.name, 'en');
  if (!titleFi) return { rejected: 'no name', where };
  if (!u.location || u.location.type !== 'Point') return { rejected: 'no location', where };
  const root = orgIdAndNames(u.root_department);
  const dept = orgIdAndNames(u.department);
  const department = departmentFor([dept.id, root.id], [...root.names, ...dept.names, titleFi]) ?? fallbackDepartment;
  if (!department) return { rejected: `no department mapping for ${root.id ?? dept.id ?? 'a unit without department'}`, where };
  const contact = [u.phone, u.email, text(u.street_address)].filter(Boolean).join(', ') || null;
  return {
    activity: {
      source: 'servicemap',
      sourceId: String(u.id),
      department,
      kind: 'service',
      status: 'ongoing',
      titleFi,
      titleSv: text(u.name, 'sv'),
      titleEn: text(u.name, 'en'),
      descriptionFi: text(u.description, 'fi') ?? text(u.short_description, 'fi'),
      descriptionSv: text(u.description, 'sv') ?? text(u.short_description, 'sv'),
      descriptionEn: text(u.description, 'en') ?? text(u.short_description, 'en'),
      themes: ['services'],
      contact,
      url: text(u.www, 'fi') ?? text(u.www, 'en'),
      geometry: { type: 'Point', coordinates: u.location.coordinates },
    },
  };
}

/** A row of the map service's Leikkipuistot layer. */
type ExportProps = Record<string, unknown>;

export function exportRowToCandidate(p: ExportProps, geometry: unknown, fallbackDepartment?: string): Candidate {
  const where = `feature ID ${String(p.ID ?? '?')}`;
  const s = (k: string) => (typeof p[k] === 'string' && (p[k] as string).trim() !== '' ? (p[k] as string) : null);
  if (p.ID === undefined || p.ID === null) return { rejected: 'no ID', where };
  const titleFi = s('Name_fi') ?? s('Name_sv') ?? s('Name_en');
  if (!titleFi) return { rejected: 'no name', where };
  if (!geometry) return { rejected: 'no geometry', where };
  const department =
    departmentFor([s('DepartmentID')], [s('Department_fi'), s('Department_sv'), s('Department_en')]) ?? fallbackDepartment;
  if (!department) return { rejected: `no department mapping for ${s('Department_fi')}`, where };
  // 69 = supervised playpark activities (Education), 70 = play areas without supervision.
  const supervised = Number(p.ServiceTypeID) === 69;
  const themes = ['children-families', supervised ? 'services' : 'sport-outdoors'];
  const kind = 'service';
  const contact = [s('Phone'), s('Email'), s('Address_fi')].filter(Boolean).join(', ') || null;
  const activity: ActivityInput = {
    source: SERVICEMAP_SOURCE,
    sourceId: String(p.ID),
    department,
    kind,
    status: 'ongoing',
    titleFi,
    titleSv: s('Name_sv'),
    titleEn: s('Name_en'),
    descriptionFi: s('Description_fi') ?? s('Selite_fi'),
    descriptionSv: s('Description_sv') ?? s('Selite_sv'),
    descriptionEn: s('Description_en') ?? s('Selite_en'),
    themes,
    contact,
    url: hrefOf(s('Link_fi')) ?? hrefOf(s('Link_en')),
    geometry,
  };
  return { activity };
}

async function* candidates(
  from: string,
  fetchJson: FetchJson,
  onProgress: (m: string) => void,
  fallback?: string,
): AsyncGenerator<Candidate> {
  let page: unknown = await readJsonSource(from, fetchJson);
  let n = 1;
  for (;;) {
    const body = page as {
      type?: string;
      features?: { properties?: ExportProps; geometry?: unknown }[];
      results?: ApiUnit[];
      next?: string | null;
    };
    if (body?.type === 'FeatureCollection' && Array.isArray(body.features)) {
      onProgress(`  ${body.features.length} features in the layer export`);
      for (const f of body.features) yield exportRowToCandidate(f.properties ?? {}, f.geometry, fallback);
      return;
    }
    const results = Array.isArray(page) ? (page as ApiUnit[]) : body?.results;
    if (!Array.isArray(results)) throw new Error(`${from} is neither a Service Map unit page nor a layer export`);
    onProgress(`  page ${n}: ${results.length} units`);
    for (const u of results) yield unitToCandidate(u, fallback);
    if (!body?.next) return;
    if (!isUrl(from)) {
      onProgress(`  (a file holds one page; not following next = ${body.next})`);
      return;
    }
    page = await fetchJson(body.next);
    n++;
  }
}

export async function importServiceMap(
  knex: Knex,
  from: string,
  opts: { fetchJson?: FetchJson; onProgress?: (m: string) => void; department?: string } = {},
): Promise<ImportSummary> {
  const onProgress = opts.onProgress ?? (() => {});
  return runImport(
    knex,
    'activities:servicemap',
    from,
    candidates(from, opts.fetchJson ?? defaultFetchJson, onProgress, opts.department),
    onProgress,
  );
}
