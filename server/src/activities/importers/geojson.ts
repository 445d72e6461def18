import type { Knex } from 'knex';
import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, OFFICIAL_SOURCE } from '../../contracts/activities.js';
import {
  defaultFetchJson,
  readJsonSource,
  runImport,
  type Candidate,
  type FetchJson,
  type ImportSummary,
} from './import-runner.js';

/**
 * Any department's own GeoJSON, with a field mapping given as CLI flags or a small JSON file:
 *
 *   { "source": "kymp-katutyot", "idField": "tunnus", "department": "kymp", "kind": "construction",
 *     "titleField": "nimi", "startField": "alkaa", "endField": "paattyy", "themes": ["traffic-streets"] }
 *
 * Fixed values (department, kind, status, themes) or per-feature fields (departmentField, …).
 * Fields read per feature may hold slugs or Finnish/Swedish/English names (matched loosely).
 */
export const GeoJsonMapping = z
  .object({
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9:_-]*$/, 'source is a short lower-case name, e.g. kymp-katutyot')
      // Activities entered in the app have this source: an import must never update or remove them.
      .refine((s) => s !== OFFICIAL_SOURCE, `source ${OFFICIAL_SOURCE} is kept for activities entered in the app`),
    idField: z.string().optional(),
    department: z.string().optional(),
    departmentField: z.string().optional(),
    kind: z.enum(ACTIVITY_KINDS).optional(),
    kindField: z.string().optional(),
    status: z.enum(ACTIVITY_STATUSES).optional(),
    statusField: z.string().optional(),
    titleField: z.string(),
    titleSvField: z.string().optional(),
    titleEnField: z.string().optional(),
    descriptionField: z.string().optional(),
    descriptionSvField: z.string().optional(),
    descriptionEnField: z.string().optional(),
    startField: z.string().optional(),
    endField: z.string().optional(),
    themes: z.array(z.string()).optional(),
    themesField: z.string().optional(),
    contactField: z.string().optional(),
    urlField: z.string().optional(),
  })
  .strict()
  .refine((m) => m.department || m.departmentField, { message: 'give department or departmentField', path: ['department'] })
  .refine((m) => m.kind || m.kindField, { message: 'give kind or kindField', path: ['kind'] });
export type GeoJsonMapping = z.infer<typeof GeoJsonMapping>;

const KIND_WORDS: Record<string, (typeof ACTIVITY_KINDS)[number]> = {
  hanke: 'project',
  projekti: 'project',
  palvelu: 'service',
  tapahtuma: 'event',
  rakentaminen: 'construction',
  työmaa: 'construction',
  suunnittelu: 'planning',
  kaavoitus: 'planning',
  osallistuminen: 'participation',
};
const STATUS_WORDS: Record<string, (typeof ACTIVITY_STATUSES)[number]> = {
  suunniteltu: 'planned',
  käynnissä: 'ongoing',
  valmis: 'done',
  päättynyt: 'done',
  peruttu: 'cancelled',
};

const norm = (s: string) => s.trim().toLocaleLowerCase('fi');

function toIso(v: unknown): string | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim();
  // 1.5.2026 (Finnish day.month.year) as well as ISO 8601.
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const t = fi ? Date.UTC(+fi[3], +fi[2] - 1, +fi[1]) : Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export async function importGeoJson(
  knex: Knex,
  from: string,
  mapping: GeoJsonMapping,
  opts: { fetchJson?: FetchJson; onProgress?: (m: string) => void } = {},
): Promise<ImportSummary> {
  const onProgress = opts.onProgress ?? (() => {});
  const m = GeoJsonMapping.parse(mapping);
  const json = (await readJsonSource(from, opts.fetchJson ?? defaultFetchJson)) as { type?: string; features?: unknown[] };
  if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features))
    throw new Error(`${from} is not a GeoJSON FeatureCollection`);
  // Departments by slug or any of their names, so a file may say "Kaupunkiympäristön toimiala".
  const { rows: depts } = await knex.raw('SELECT slug, name_fi, name_sv, name_en FROM departments');
  const deptBy = new Map<string, string>();
  for (const d of depts as { slug: string; name_fi: string; name_sv: string | null; name_en: string | null }[]) {
    for (const n of [d.slug, d.name_fi, d.name_sv, d.name_en]) if (n) deptBy.set(norm(n), d.slug);
  }
  const { rows: themeRows } = await knex.raw('SELECT slug, name_fi, name_sv, name_en FROM themes');
  const themeBy = new Map<string, string>();
  for (const t of themeRows as { slug: string; name_fi: string; name_sv: string | null; name_en: string | null }[]) {
    for (const n of [t.slug, t.name_fi, t.name_sv, t.name_en]) if (n) themeBy.set(norm(n), t.slug);
  }
  onProgress(`  ${json.features.length} features in ${from}`);

  function* candidates(): Generator<Candidate> {
    for (const [i, raw] of json.features!.entries()) {
      const f = raw as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
      const p = f.properties ?? {};
      const get = (field?: string): string | null => {
        if (!field) return null;
        const v = p[field];
        return v === null || v === undefined || String(v).trim() === '' ? null : String(v);
      };
      const id = m.idField ? get(m.idField) : f.id !== undefined && f.id !== null ? String(f.id) : null;
      const where = `feature ${i}${id ? ` (${id})` : ''}`;
      if (!id) {
        yield { rejected: m.idField ? `no ${m.idField}` : 'no feature id (give idField)', where };
        continue;
      }
      if (!f.geometry) {
        yield { rejected: 'no geometry', where };
        continue;
      }
      const title = get(m.titleField);
      if (!title) {
        yield { rejected: `no ${m.titleField}`, where };
        continue;
      }
      const deptValue = m.departmentField ? get(m.departmentField) : m.department!;
      const department = deptValue ? deptBy.get(norm(deptValue)) : undefined;
      if (!department) {
        yield { rejected: `unknown department ${deptValue ?? '(empty)'}`, where };
        continue;
      }
      const kindValue = m.kindField ? get(m.kindField) : m.kind!;
      const kind = kindValue
        ? (ACTIVITY_KINDS as readonly string[]).includes(norm(kindValue))
          ? (norm(kindValue) as (typeof ACTIVITY_KINDS)[number])
          : KIND_WORDS[norm(kindValue)]
        : undefined;
      if (!kind) {
        yield { rejected: `unknown kind ${kindValue ?? '(empty)'}`, where };
        continue;
      }
      const start = toIso(get(m.startField));
      const end = toIso(get(m.endField));
      if (start === undefined || end === undefined) {
        yield { rejected: 'unreadable start or end date', where };
        continue;
      }
      const statusValue = m.statusField ? get(m.statusField) : (m.status ?? null);
      let status = statusValue
        ? (ACTIVITY_STATUSES as readonly string[]).includes(norm(statusValue))
          ? (norm(statusValue) as (typeof ACTIVITY_STATUSES)[number])
          : STATUS_WORDS[norm(statusValue)]
        : undefined;
      if (statusValue && !status) {
        yield { rejected: `unknown status ${statusValue}`, where };
        continue;
      }
      status ??= end && Date.parse(end) < Date.now() ? 'done' : start && Date.parse(start) > Date.now() ? 'planned' : 'ongoing';
      const themeValues = m.themesField
        ? (get(m.themesField) ?? '')
            .split(/[;,]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : (m.themes ?? []);
      const themes = themeValues.map((t) => themeBy.get(norm(t)) ?? t);
      yield {
        activity: {
          source: m.source,
          sourceId: id,
          department,
          kind,
          status,
          titleFi: title,
          titleSv: get(m.titleSvField),
          titleEn: get(m.titleEnField),
          descriptionFi: get(m.descriptionField),
          descriptionSv: get(m.descriptionSvField),
          descriptionEn: get(m.descriptionEnField),
          startsAt: start,
          endsAt: end,
          themes: [...new Set(themes)],
          contact: get(m.contactField),
          url: get(m.urlField),
          geometry: f.geometry,
        },
      };
    }
  }
  return runImport(knex, `activities:${m.source}`, from, candidates(), onProgress);
}
