import { OVERLAP_DEFAULT_DISTANCE, type ActivityKind, type ActivityStatus } from '@contracts/activities';
import { endOfDay } from '@/state/url-dates';
import { readParam, urlParams, writeParam } from '@/state/url-filters';

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

/** Reads the filters with the app's one URL grammar (state/url-filters.ts). */
export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  return {
    // No parameter is every department; ?department=none is none of them.
    department: params.has('department') ? readParam(params, urlParams.department).filter((d) => d !== NO_DEPARTMENT) : null,
    theme: readParam(params, urlParams.theme),
    kind: readParam(params, urlParams.kind),
    status: readParam(params, urlParams.status),
    from: params.get('from') === FROM_ALL ? 'all' : (readParam(params, urlParams.from) ?? 'upcoming'),
    to: readParam(params, urlParams.to),
  };
}

/** Writes the filters into a copy of the query string; defaults leave no parameter behind. */
export function writeActivityFilters(params: URLSearchParams, f: ActivityFilters): URLSearchParams {
  let q = new URLSearchParams(params);
  q = writeParam(q, urlParams.department, f.department === null ? [] : f.department.length ? f.department : [NO_DEPARTMENT]);
  q = writeParam(q, urlParams.theme, f.theme);
  q = writeParam(q, urlParams.kind, f.kind);
  q = writeParam(q, urlParams.status, f.status);
  // 'upcoming' is the default; 'all' is the one word the date parameter takes besides a day.
  q = writeParam(q, urlParams.from, f.from === 'upcoming' || f.from === 'all' ? null : f.from);
  if (f.from === 'all') q.set('from', FROM_ALL);
  q = writeParam(q, urlParams.to, f.to);
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
  if (f.theme.length) q.set('theme', urlParams.theme.write(f.theme)!);
  if (f.department !== null)
    q.set('department', urlParams.department.write(f.department.length ? f.department : [NO_DEPARTMENT])!);
  if (f.kind.length) q.set('kind', urlParams.kind.write(f.kind)!);
  if (f.status.length) q.set('status', urlParams.status.write(f.status)!);
  const from = effectiveFrom(f, opts.today);
  if (from) q.set('from', from);
  if (f.to) q.set('to', endOfDay(f.to));
  return q;
}

export function parseDistance(raw: string | null): number {
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return (DISTANCES as readonly number[]).includes(n) ? n : OVERLAP_DEFAULT_DISTANCE;
}
