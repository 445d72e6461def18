import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  OVERLAP_DEFAULT_DISTANCE,
  type ActivityKind,
  type ActivityStatus,
} from '@contracts/activities';
import { endOfDay, urlDate } from '@/state/url-dates';

/**
 * The activity filters as the URL holds them (?department=kymp,kuva&theme=youth&from=…), so every
 * view is a permalink. Pure functions: url-state.ts wraps them in hooks, the query and the export
 * links turn them into API query strings.
 */
export interface ActivityFilters {
  /** null = every department (no parameter); [] = none (the user switched every one off). */
  department: string[] | null;
  theme: string[];
  kind: ActivityKind[];
  status: ActivityStatus[];
  /** 'upcoming' (the default: from today on), 'all' (no lower bound) or a YYYY-MM-DD date. */
  from: 'upcoming' | 'all' | string;
  to: string | null;
}

export const NO_DEPARTMENT = 'none';
export const FROM_ALL = 'all';
export const DISTANCES = [0, 100, 250, 500, 1000] as const;

const SLUG = /^[a-z0-9-]+$/;
const list = (raw: string | null) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => SLUG.test(s));

export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  const dep = params.get('department');
  const from = params.get('from');
  const to = params.get('to');
  return {
    department: dep === null ? null : list(dep).filter((d) => d !== NO_DEPARTMENT),
    theme: list(params.get('theme')),
    kind: list(params.get('kind')).filter((k): k is ActivityKind => (ACTIVITY_KINDS as readonly string[]).includes(k)),
    status: list(params.get('status')).filter((s): s is ActivityStatus => (ACTIVITY_STATUSES as readonly string[]).includes(s)),
    from: from === FROM_ALL ? 'all' : (urlDate(from) ?? 'upcoming'),
    to: urlDate(to),
  };
}

/** Writes the filters into a copy of the query string; defaults leave no parameter behind. */
export function writeActivityFilters(params: URLSearchParams, f: ActivityFilters): URLSearchParams {
  const q = new URLSearchParams(params);
  const set = (k: string, v: string | null) => (v === null || v === '' ? q.delete(k) : q.set(k, v));
  set('department', f.department === null ? null : f.department.length ? f.department.join(',') : NO_DEPARTMENT);
  set('theme', f.theme.join(','));
  set('kind', f.kind.join(','));
  set('status', f.status.join(','));
  set('from', f.from === 'upcoming' ? null : f.from);
  set('to', f.to);
  return q;
}

/** Today in the reader's time zone as YYYY-MM-DD: "now and upcoming" starts here. */
export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The lower time bound the API gets, or null for none. */
export const effectiveFrom = (f: ActivityFilters, today: string): string | null =>
  f.from === 'upcoming' ? today : f.from === 'all' ? null : f.from;

/**
 * The API's filter parameters (the list, the CSV/GeoJSON downloads and the overlaps use the same
 * names). `to` is inclusive of its whole day, so it becomes the next midnight's eve.
 */
export function activityFilterParams(f: ActivityFilters, opts: { area: number | null; today: string }): URLSearchParams {
  const q = new URLSearchParams();
  if (opts.area != null) q.set('area', String(opts.area));
  if (f.theme.length) q.set('theme', f.theme.join(','));
  if (f.department !== null) q.set('department', f.department.length ? f.department.join(',') : NO_DEPARTMENT);
  if (f.kind.length) q.set('kind', f.kind.join(','));
  if (f.status.length) q.set('status', f.status.join(','));
  const from = effectiveFrom(f, opts.today);
  if (from) q.set('from', from);
  if (f.to) q.set('to', endOfDay(f.to));
  return q;
}

export function parseDistance(raw: string | null): number {
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return (DISTANCES as readonly number[]).includes(n) ? n : OVERLAP_DEFAULT_DISTANCE;
}
