import fs from 'node:fs';
import path from 'node:path';
import type { FigureKey } from '../contracts/statistics.js';
import { figureOfPaavo, paavoValue } from './paavo-figures.js';

/** Statistics Finland's PxWeb API table of every Paavo data group (English labels). */
export const PAAVO_PXWEB_URL =
  'https://pxdata.stat.fi/PxWeb/api/v1/en/Postinumeroalueittainen_avoin_tieto/uusin/paavo_pxt_12f7.px';
/** Statistics Finland's Paavo postal areas of Helsinki (with their sea areas), from its open WFS. */
export const PAAVO_POSTAL_AREAS_WFS =
  'https://geo.stat.fi/geoserver/postialue/wfs?service=WFS&version=2.0.0&request=GetFeature' +
  "&typeName=postialue:pno_meri_2023&outputFormat=application/json&srsName=EPSG:4326&CQL_FILTER=kunta='091'";

export interface PostalValue {
  postalCode: string;
  year: number;
  figure: FigureKey;
  value: number;
}

export interface PostalAreaInput {
  code: string;
  nameFi: string | null;
  nameSv: string | null;
  geometry: unknown;
}

export interface StatisticsSourceData {
  description: string;
  values: PostalValue[];
  postalAreas: PostalAreaInput[];
  /** Variables in the source that the project does not keep (counted, not an error). */
  skippedVariables: number;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** The wide CSV: one row per postal code (`postinumero`) and year (`vuosi`), a column per variable label. */
export function paavoWideCsvValues(text: string): { values: PostalValue[]; names: Map<string, string>; skipped: number } {
  const [header, ...rows] = parseCsv(text);
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the Paavo CSV has no ${name} column`);
    return i;
  };
  const [codeAt, nameAt, yearAt] = [at('postinumero'), at('nimi'), at('vuosi')];
  const columns = header.map((h, i) => ({ i, figure: figureOfPaavo(h) })).filter((c) => c.figure !== null);
  const values: PostalValue[] = [];
  const names = new Map<string, string>();
  for (const r of rows) {
    const postalCode = r[codeAt];
    const year = Number(r[yearAt]);
    if (!/^\d{5}$/.test(postalCode) || !Number.isInteger(year)) throw new Error(`bad Paavo row: ${r.slice(0, 3).join(', ')}`);
    names.set(postalCode, r[nameAt]);
    for (const c of columns) {
      const value = paavoValue(r[c.i]);
      if (value !== null) values.push({ postalCode, year, figure: c.figure!, value });
    }
  }
  return { values, names, skipped: header.length - 3 - columns.length };
}

interface JsonStat2 {
  class?: string;
  id: string[];
  size: number[];
  dimension: Record<
    string,
    { label?: string; category: { index: Record<string, number> | string[]; label?: Record<string, string> } }
  >;
  value: (number | string | null)[] | Record<string, number | string | null>;
  role?: { time?: string[] };
}

/**
 * A PxWeb json-stat2 response of paavo_pxt_12f7: dimensions postal area, information (the
 * variable) and year, in any order; values row-major (the last dimension varies fastest).
 */
export function paavoJsonStatValues(json: unknown): { values: PostalValue[]; names: Map<string, string>; skipped: number } {
  const d = json as JsonStat2;
  if (!d || !Array.isArray(d.id) || !Array.isArray(d.size) || !d.dimension || !d.value) {
    throw new Error('not a json-stat2 dataset (PxWeb response format json-stat2)');
  }
  const codesOf = (dim: string) => {
    const idx = d.dimension[dim].category.index;
    return Array.isArray(idx)
      ? idx
      : Object.entries(idx)
          .sort((a, b) => a[1] - b[1])
          .map(([code]) => code);
  };
  const find = (test: RegExp) => {
    const dim = d.id.find((id) => test.test(id) || test.test(d.dimension[id].label ?? ''));
    if (!dim) throw new Error(`the PxWeb response has no dimension matching ${test}`);
    return dim;
  };
  const postalDim = find(/postinumero|postal/i);
  const infoDim = find(/tiedot|information/i);
  const yearDim = d.role?.time?.[0] ?? find(/vuosi|year/i);
  const dims = d.id.map((id) => ({ id, codes: codesOf(id), labels: d.dimension[id].category.label ?? {} }));
  const figureOfInfo = new Map(
    dims
      .find((x) => x.id === infoDim)!
      .codes.map((code) => {
        const label = dims.find((x) => x.id === infoDim)!.labels[code];
        return [code, figureOfPaavo(code) ?? (label ? figureOfPaavo(label) : null)] as const;
      }),
  );
  const values: PostalValue[] = [];
  const names = new Map<string, string>();
  const total = d.size.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < total; flat++) {
    const raw = Array.isArray(d.value) ? d.value[flat] : d.value[String(flat)];
    // Position in each dimension: the last one varies fastest.
    let rest = flat;
    const at: Record<string, string> = {};
    for (let k = dims.length - 1; k >= 0; k--) {
      at[dims[k].id] = dims[k].codes[rest % d.size[k]];
      rest = Math.floor(rest / d.size[k]);
    }
    const figure = figureOfInfo.get(at[infoDim]);
    const value = paavoValue(raw);
    const postalCode = at[postalDim];
    const label = dims.find((x) => x.id === postalDim)!.labels[postalCode];
    if (label) names.set(postalCode, label.replace(/^\d{5}\s+/, '').replace(/\s*\([^)]*\)\s*$/, ''));
    if (figure && value !== null) values.push({ postalCode, year: Number(at[yearDim]), figure, value });
  }
  return { values, names, skipped: [...figureOfInfo.values()].filter((f) => f === null).length };
}

interface Feature {
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

/**
 * Postal-area polygons: Statistics Finland's Paavo areas (`posno`, `nimi`, `namn`) or the City's
 * postal-area layer (`aluejako` postinumeroalue, `tunnus`). Null when the collection is neither.
 */
export function postalAreasOf(json: unknown): PostalAreaInput[] | null {
  const c = json as { type?: string; features?: Feature[] };
  if (c?.type !== 'FeatureCollection' || !Array.isArray(c.features) || c.features.length === 0) return null;
  const p0 = c.features[0].properties ?? {};
  const paavo = 'posno' in p0;
  const city = String(p0.aluejako ?? '').toLowerCase() === 'postinumeroalue';
  if (!paavo && !city) return null;
  return c.features
    .filter((f) => f.geometry)
    .map((f) => {
      const p = f.properties ?? {};
      return paavo
        ? { code: String(p.posno), nameFi: (p.nimi as string) ?? null, nameSv: (p.namn as string) ?? null, geometry: f.geometry }
        : { code: String(p.tunnus), nameFi: null, nameSv: null, geometry: f.geometry };
    });
}

function filesIn(dir: string, depth = 2): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0) out.push(...filesIn(full, depth - 1));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/**
 * A local source: the wide CSV or a folder holding it (shared/data/helsinki or hki-paavo-stats).
 * Polygons come from the same folder tree or, for a lone CSV or a folder without them, from its
 * parent's siblings (hki-postinumeroalue-paavo, preferred, or the City's hki-postinumeroalue).
 */
function readLocal(target: string): StatisticsSourceData {
  const isDir = fs.statSync(target).isDirectory();
  const files = isDir ? filesIn(target) : [target];
  const csv = files.find((f) => /paavo.*wide.*\.csv$/i.test(f)) ?? files.find((f) => /\.csv$/i.test(f));
  if (!csv) throw new Error(`${target} holds no Paavo wide CSV (paavo-…-wide.csv)`);
  const parsed = paavoWideCsvValues(fs.readFileSync(csv, 'utf8'));
  const findIn = (candidates: string[]): { areas: PostalAreaInput[]; file: string } | null => {
    const polygonFiles = candidates
      .filter((f) => /\.(geo)?json$/i.test(f) && /postinumero|paavo|pno/i.test(f))
      .sort((a, b) => Number(!/paavo/i.test(a)) - Number(!/paavo/i.test(b))); // Paavo's own polygons first
    for (const file of polygonFiles) {
      const areas = postalAreasOf(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (areas) return { areas, file };
    }
    return null;
  };
  const found = findIn(files) ?? findIn(filesIn(path.dirname(isDir ? target : path.dirname(target)), 1));
  const postalAreas = found?.areas;
  const polygonsFrom = found?.file ?? '';
  if (!postalAreas) throw new Error(`no postal-area polygons found beside ${csv}`);
  return {
    description: `${path.relative(process.cwd(), csv) || csv} + ${path.relative(process.cwd(), polygonsFrom) || polygonsFrom}`,
    values: parsed.values,
    postalAreas: postalAreas.map((a) => ({ ...a, nameFi: a.nameFi ?? parsed.names.get(a.code) ?? null })),
    skippedVariables: parsed.skipped,
  };
}

async function fetchJson(url: string, init: RequestInit, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(timeoutMs),
    headers: { accept: 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.json();
}

/** The PxWeb query for the given postal codes: every variable, every year the table has. */
export const pxwebQuery = (postalCodes: string[]) => ({
  query: [{ code: 'Postinumeroalue', selection: { filter: 'item', values: postalCodes } }],
  response: { format: 'json-stat2' },
});

/** Online: Helsinki's Paavo polygons from Statistics Finland's WFS, then their figures from PxWeb. */
async function readOnline(pxwebUrl: string, polygonsUrl: string, timeoutMs: number, onProgress: (m: string) => void) {
  onProgress(`fetching postal areas from ${polygonsUrl}`);
  const postalAreas = postalAreasOf(await fetchJson(polygonsUrl, {}, timeoutMs));
  if (!postalAreas) throw new Error(`${polygonsUrl} gave no postal-area polygons`);
  onProgress(`fetching figures of ${postalAreas.length} postal areas from ${pxwebUrl}`);
  const json = await fetchJson(
    pxwebUrl,
    {
      method: 'POST',
      body: JSON.stringify(pxwebQuery(postalAreas.map((a) => a.code))),
      headers: { 'content-type': 'application/json' },
    },
    timeoutMs,
  );
  const parsed = paavoJsonStatValues(json);
  return {
    description: pxwebUrl,
    values: parsed.values,
    postalAreas: postalAreas.map((a) => ({ ...a, nameFi: a.nameFi ?? parsed.names.get(a.code) ?? null })),
    skippedVariables: parsed.skipped,
  };
}

/**
 * Reads Paavo statistics from `source`: 'pxweb' (Statistics Finland's API, or another PxWeb table
 * URL), the wide CSV, or a folder holding it.
 */
export async function readStatisticsSource(
  source: string,
  opts: { timeoutMs?: number; onProgress?: (m: string) => void; polygonsUrl?: string } = {},
): Promise<StatisticsSourceData> {
  const onProgress = opts.onProgress ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 60_000;
  if (source === 'pxweb' || /^https?:\/\//.test(source)) {
    return readOnline(
      source === 'pxweb' ? PAAVO_PXWEB_URL : source,
      opts.polygonsUrl ?? PAAVO_POSTAL_AREAS_WFS,
      timeoutMs,
      onProgress,
    );
  }
  if (!fs.existsSync(source)) throw new Error(`No such file or folder: ${source}`);
  onProgress(`reading ${source}`);
  return readLocal(source);
}
