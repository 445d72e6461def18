import fs from 'node:fs';
import path from 'node:path';
import type { AreaLevel } from '../contracts/areas.js';
import { titleCaseName } from './area-names.js';
import type { AreaInput } from './areas.repository.js';

/** The City of Helsinki's open WFS and the layer of each district level. */
export const HELSINKI_WFS = 'https://kartta.hel.fi/ws/geoserver/avoindata/wfs';
export const WFS_LAYERS: Record<AreaLevel, string> = {
  suurpiiri: 'avoindata:Piirijako_suurpiiri',
  peruspiiri: 'avoindata:Piirijako_peruspiiri',
  osa_alue: 'avoindata:Piirijako_osaalue',
};
/** Statistics Finland's land-only municipalities (1:1M), for the offline base map. */
export const STATFI_LAND_WFS =
  'https://geo.stat.fi/geoserver/tilastointialueet/wfs?service=WFS&version=2.0.0&request=GetFeature' +
  '&typeName=tilastointialueet:kunta1000k&outputFormat=application/json&srsName=EPSG:4326' +
  "&CQL_FILTER=vuosi=2025 AND kunta IN ('091','049','092','235','753')";

const LEVEL_BY_ALUEJAKO: Record<string, AreaLevel> = {
  SUURPIIRI: 'suurpiiri',
  PERUSPIIRI: 'peruspiiri',
  'OSA-ALUE': 'osa_alue',
  OSAALUE: 'osa_alue',
};

export interface RejectedFeature {
  where: string;
  reason: string;
}

export interface AreaSourceData {
  /** Where the data came from, for logs and the import record. */
  description: string;
  areas: AreaInput[];
  /** Land polygons for the offline base map; empty when the source has none. */
  land: unknown[];
  rejected: RejectedFeature[];
}

interface GeoJsonFeature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}
interface GeoJsonCollection {
  type?: string;
  features?: GeoJsonFeature[];
}

function asCollection(json: unknown, where: string): GeoJsonCollection {
  const c = json as GeoJsonCollection;
  if (!c || c.type !== 'FeatureCollection' || !Array.isArray(c.features)) {
    throw new Error(`${where} is not a GeoJSON FeatureCollection`);
  }
  return c;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Turns a City division feature into an area, or says why it cannot. */
export function toAreaInput(f: GeoJsonFeature, levelHint?: AreaLevel): { area: AreaInput } | { reason: string } {
  const p = f.properties ?? {};
  const level = LEVEL_BY_ALUEJAKO[String(p.aluejako ?? '').toUpperCase()] ?? levelHint;
  if (!level) return { reason: 'unknown level (no aluejako property)' };
  const code = str(p.tunnus);
  const fullCode = str(p.kokotunnus);
  const nameFi = str(p.nimi_fi);
  if (!code || !fullCode || !nameFi) return { reason: 'missing tunnus, kokotunnus or nimi_fi' };
  if (!/^091\d{7}$/.test(fullCode)) return { reason: `kokotunnus ${fullCode} is not a Helsinki full code` };
  if (!f.geometry) return { reason: 'no geometry' };
  const nameSv = str(p.nimi_se ?? p.nimi_sv);
  return {
    area: {
      level,
      code,
      fullCode,
      nameFi: titleCaseName(nameFi),
      nameSv: nameSv ? titleCaseName(nameSv) : null,
      geometry: f.geometry,
    },
  };
}

const isLandCollection = (c: GeoJsonCollection) =>
  c.features!.length > 0 && c.features!.every((f) => f.properties && 'kunta' in f.properties && !('aluejako' in f.properties));

function collect(into: AreaSourceData, c: GeoJsonCollection, where: string, levelHint?: AreaLevel): void {
  if (isLandCollection(c)) {
    into.land.push(...c.features!.map((f) => f.geometry).filter(Boolean));
    return;
  }
  c.features!.forEach((f, i) => {
    const r = toAreaInput(f, levelHint);
    if ('area' in r) into.areas.push(r.area);
    else into.rejected.push({ where: `${where} feature ${i}`, reason: r.reason });
  });
}

function geojsonFilesIn(dir: string, depth = 2): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) out.push(...geojsonFilesIn(full, depth - 1));
    else if (entry.isFile() && /\.(geo)?json$/i.test(entry.name)) out.push(full);
  }
  return out;
}

/** Files that look like district or land layers; other GeoJSON in the folder is skipped. */
function readLocal(target: string): AreaSourceData {
  const data: AreaSourceData = { description: target, areas: [], land: [], rejected: [] };
  const files = fs.statSync(target).isDirectory() ? geojsonFilesIn(target) : [target];
  for (const file of files) {
    const c = asCollection(JSON.parse(fs.readFileSync(file, 'utf8')), file);
    const props = c.features![0]?.properties ?? {};
    const isDistrictLayer = 'aluejako' in props && LEVEL_BY_ALUEJAKO[String(props.aluejako).toUpperCase()];
    // A folder holds many layers; only division layers and land layers are areas' business.
    if (files.length > 1 && !isDistrictLayer && !(isLandCollection(c) && /land/i.test(file))) continue;
    collect(data, c, path.relative(process.cwd(), file) || file);
  }
  return data;
}

async function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res.json();
}

export function wfsLayerUrl(base: string, layer: string): string {
  const u = new URL(base);
  u.search = new URLSearchParams({
    service: 'WFS',
    version: '2.0.0',
    request: 'GetFeature',
    typeName: layer,
    outputFormat: 'application/json',
    srsName: 'EPSG:4326',
  }).toString();
  return u.toString();
}

async function readWfs(
  base: string,
  timeoutMs: number,
  onProgress: (m: string) => void,
  landUrl: string,
): Promise<AreaSourceData> {
  const data: AreaSourceData = { description: base, areas: [], land: [], rejected: [] };
  for (const [level, layer] of Object.entries(WFS_LAYERS) as [AreaLevel, string][]) {
    onProgress(`fetching ${layer} from ${base}`);
    const url = wfsLayerUrl(base, layer);
    collect(data, asCollection(await fetchJson(url, timeoutMs), url), layer, level);
  }
  try {
    onProgress('fetching land polygons from Statistics Finland');
    collect(data, asCollection(await fetchJson(landUrl, timeoutMs), 'kunta1000k'), 'kunta1000k');
  } catch (err) {
    // The base map falls back to the project's own land outline; districts still import.
    onProgress(`land polygons unavailable (${(err as Error).message}); keeping the offline outline`);
  }
  return data;
}

/**
 * Reads districts from `source`: 'wfs' (the City's WFS), a WFS base URL, a GeoJSON URL,
 * a GeoJSON file, or a folder laid out like shared/data/helsinki.
 */
export async function readAreaSource(
  source: string,
  opts: { timeoutMs?: number; onProgress?: (m: string) => void; landUrl?: string } = {},
): Promise<AreaSourceData> {
  const onProgress = opts.onProgress ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const landUrl = opts.landUrl ?? STATFI_LAND_WFS;
  if (source === 'wfs') return readWfs(HELSINKI_WFS, timeoutMs, onProgress, landUrl);
  if (/^https?:\/\//.test(source)) {
    if (/request=GetFeature/i.test(source) || /\.(geo)?json(\?|$)/i.test(source)) {
      const data: AreaSourceData = { description: source, areas: [], land: [], rejected: [] };
      onProgress(`fetching ${source}`);
      collect(data, asCollection(await fetchJson(source, timeoutMs), source), source);
      return data;
    }
    return readWfs(source, timeoutMs, onProgress, landUrl);
  }
  if (!fs.existsSync(source)) throw new Error(`No such file or folder: ${source}`);
  onProgress(`reading ${source}`);
  return readLocal(source);
}
