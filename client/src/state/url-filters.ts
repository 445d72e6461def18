import type { ZodType } from 'zod';
import { activityFilterShape, type ActivityKind, type ActivityStatus } from '@contracts/activities';
import { idList, Instant, LIST_MAX, slugList } from '@contracts/common';
import { IdeasQuery, type IdeaStage } from '@contracts/ideas';

/**
 * The one grammar of the URL's filter parameters, the same in every section (activities, ideas,
 * Kehrä, partnership tables, areas), so a link — and the main menu, which carries the query across
 * sections — means the same everywhere. Each parameter is declared once: `parse` reads what the
 * URL holds with the API's own zod schema for that parameter (contracts), keeping what it accepts,
 * and `write` is its inverse (`undefined`/default leaves no parameter behind). Lists are lists
 * wherever the API takes lists: `?theme=a,b` (or `?theme=a&theme=b`) is two themes in every section.
 */
export interface UrlParam<T> {
  name: string;
  /** Every value the URL holds for the name (a repeated parameter is one list). */
  parse: (raw: readonly string[]) => T;
  /** The parameter's text, or null for none (the default). */
  write: (value: T) => string | null;
}

const accepts = (schema: ZodType, raw: string) => schema.safeParse(raw).success;

/**
 * A list parameter: the API's list parser judges each item, so one mistyped item of a shared link
 * drops only itself. Order is kept and repeats go, as the API reads a list as a set.
 */
export function listParam<T extends string>(name: string, schema: ZodType): UrlParam<T[]> {
  return {
    name,
    parse: (raw) => {
      const items = raw.flatMap((r) => r.split(',')).map((s) => s.trim());
      return [...new Set(items.filter((s) => s && accepts(schema, s)))].slice(0, LIST_MAX) as T[];
    },
    write: (value) => (value.length ? value.join(',') : null),
  };
}

/** A day as the URL holds it (YYYY-MM-DD); the API's Instant parser judges it. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function dateParam(name: string): UrlParam<string | null> {
  const schema = Instant(name);
  return {
    name,
    parse: (raw) => raw.find((r) => DATE.test(r) && accepts(schema, r)) ?? null,
    write: (value) => value,
  };
}

/** One numeric id (the chosen ?area=); the API's id list parser judges it. */
export function idParam(name: string): UrlParam<number | null> {
  const schema = idList(name);
  return {
    name,
    parse: (raw) => {
      const first = raw.flatMap((r) => r.split(',')).find((s) => /^\d+$/.test(s) && Number(s) > 0 && accepts(schema, s));
      return first === undefined ? null : Number(first);
    },
    write: (value) => (value == null ? null : String(value)),
  };
}

/** A switch that is on only as `?name=<on>`; anything else is off. */
export function flagParam(name: string, on: string): UrlParam<boolean> {
  return { name, parse: (raw) => raw.includes(on), write: (value) => (value ? on : null) };
}

/** One of a few values, or the default (which writes no parameter). */
export function choiceParam<T extends string | number>(name: string, values: readonly T[], fallback: T): UrlParam<T> {
  return {
    name,
    parse: (raw) => values.find((v) => raw.includes(String(v))) ?? fallback,
    write: (value) => (value === fallback ? null : String(value)),
  };
}

/** Every filter parameter of the app, each parsed by the contracts' own schema for it. */
export const urlParams = {
  area: idParam('area'),
  theme: listParam<string>('theme', slugList('theme')),
  department: listParam<string>('department', activityFilterShape.department),
  kind: listParam<ActivityKind>('kind', activityFilterShape.kind),
  status: listParam<ActivityStatus>('status', activityFilterShape.status),
  stage: listParam<IdeaStage>('stage', IdeasQuery.shape.stage),
  waiting: flagParam('waiting', 'true'),
  from: dateParam('from'),
  to: dateParam('to'),
  districts: flagParam('districts', 'off'),
} as const;

/** Most corners a shared area's link may hold: about 2 kB of address, which every browser and server takes. */
export const DRAWN_CORNERS_MAX = 100;
const CORNER = /^(-?\d{1,3}(?:\.\d{1,6})?),(-?\d{1,2}(?:\.\d{1,6})?)$/;

/**
 * A drawn area shared as a link (?drawn=lon,lat;lon,lat;…): its corners, 3 to DRAWN_CORNERS_MAX
 * of them, six decimals at most (~0.1 m, as the drawing tool stores them). Anything else is no
 * area (null): a mistyped or truncated link shows nothing rather than a wrong shape.
 */
export const drawnAreaParam: UrlParam<[number, number][] | null> = {
  name: 'drawn',
  parse: (raw) => {
    if (raw.length !== 1 || raw[0].length > DRAWN_CORNERS_MAX * 24) return null;
    const parts = raw[0].split(';');
    if (parts.length < 3 || parts.length > DRAWN_CORNERS_MAX) return null;
    const corners: [number, number][] = [];
    for (const part of parts) {
      const m = CORNER.exec(part.trim());
      if (!m) return null;
      const [lon, lat] = [Number(m[1]), Number(m[2])];
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
      corners.push([lon, lat]);
    }
    return corners;
  },
  write: (corners) => (corners && corners.length >= 3 ? corners.map(([x, y]) => `${x},${y}`).join(';') : null),
};

export const readParam = <T>(params: URLSearchParams, p: UrlParam<T>): T => p.parse(params.getAll(p.name));

/** A copy of the query string with one parameter written; every other parameter stays as it was. */
export function writeParam<T>(params: URLSearchParams, p: UrlParam<T>, value: T): URLSearchParams {
  const q = new URLSearchParams(params);
  const text = p.write(value);
  if (text === null || text === '') q.delete(p.name);
  else q.set(p.name, text);
  return q;
}
