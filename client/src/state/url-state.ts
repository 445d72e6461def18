import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { parseActivityFilters, parseDistance, writeActivityFilters, type ActivityFilters } from '@/layers/activities/filters';
import { urlParams, writeParam, type UrlParam } from './url-filters';

/**
 * Every URL writer starts from the URL as it is now. react-router's functional setSearchParams
 * hands over the params of the last render: a second change before React re-renders (a quick
 * second pick, or any click on a loaded machine) silently undid the first.
 */
function useSetSearch() {
  const [, setParams] = useSearchParams();
  return useCallback(
    (update: (current: URLSearchParams) => URLSearchParams, opts?: { replace?: boolean }) =>
      setParams(() => update(new URLSearchParams(window.location.search)), opts),
    [setParams],
  );
}

/**
 * One parameter of the URL grammar (url-filters.ts) as state: read with its parser, written with
 * its inverse; every other parameter stays as it was.
 */
export function useUrlParam<T>(param: UrlParam<T>): [T, (value: T, opts?: { replace?: boolean }) => void] {
  const [params] = useSearchParams();
  const setSearch = useSetSearch();
  const raw = JSON.stringify(params.getAll(param.name));
  // Parsed once per distinct raw value, so a list keeps its identity while other parameters change.
  const value = useMemo(() => param.parse(JSON.parse(raw) as string[]), [raw, param]);
  const set = useCallback(
    (next: T, opts?: { replace?: boolean }) => setSearch((p) => writeParam(p, param, next), opts),
    [setSearch, param],
  );
  return [value, set];
}

/**
 * What makes a view shareable lives in the URL: ?area=<id> for the chosen area and
 * ?at=<lon>,<lat> for the point asked about.
 */
export function useSelectedAreaId(): [number | null, (id: number | null, opts?: { replace?: boolean }) => void] {
  return useUrlParam(urlParams.area);
}

/**
 * A page about something in a district (a Kehrä group, a partnership table) shows that district
 * on the map when its link chose none. Once, on arrival, and without a new history entry.
 */
export function useDefaultArea(areaId: number | null | undefined): void {
  const [selected, select] = useSelectedAreaId();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || areaId == null) return;
    done.current = true;
    if (selected == null) select(areaId, { replace: true });
  }, [areaId, selected, select]);
}

export interface PointParam {
  lon: string;
  lat: string;
}

export function usePoint(): [PointParam | null, (p: PointParam | null) => void] {
  const [params] = useSearchParams();
  const setSearch = useSetSearch();
  const [lon, lat] = (params.get('at') ?? '').split(',');
  const point = lon && lat ? { lon, lat } : null;
  const setPoint = useCallback(
    (next: PointParam | null) =>
      setSearch((p) => {
        const q = new URLSearchParams(p);
        if (next == null) q.delete('at');
        else q.set('at', `${next.lon},${next.lat}`);
        return q;
      }),
    [setSearch],
  );
  return [point, setPoint];
}

/** Six decimals is ~0.1 m: enough for a click, short enough for a URL and a cache key. */
export const formatCoord = (v: number) => v.toFixed(6).replace(/\.?0+$/, '');

/** One plain query parameter (e.g. ?theme=, ?stage=); null removes it, other parameters stay. */
export function useSearchParam(name: string): [string | null, (v: string | null) => void] {
  const [params] = useSearchParams();
  const setSearch = useSetSearch();
  const value = params.get(name);
  const set = useCallback(
    (next: string | null) =>
      setSearch((p) => {
        const q = new URLSearchParams(p);
        if (next == null || next === '') q.delete(name);
        else q.set(name, next);
        return q;
      }),
    [setSearch, name],
  );
  return [value, set];
}

/** District lines and names on the map: ?districts=off hides them (a chosen area stays highlighted). */
export function useDistrictsShown(): [boolean, (shown: boolean) => void] {
  const [off, setOff] = useUrlParam(urlParams.districts);
  const setShown = useCallback((shown: boolean) => setOff(!shown), [setOff]);
  return [!off, setShown];
}

/**
 * Activity filters (?department=&theme=&kind=&status=&from=&to=): read as one object, written as
 * a patch so each control changes only its own parameters. The area filter is ?area= above.
 */
export function useActivityFilters(): [ActivityFilters, (patch: Partial<ActivityFilters>) => void] {
  const [params] = useSearchParams();
  const setSearch = useSetSearch();
  const key = params.toString();
  const filters = useMemo(() => parseActivityFilters(new URLSearchParams(key)), [key]);
  const update = useCallback(
    (patch: Partial<ActivityFilters>) => setSearch((p) => writeActivityFilters(p, { ...parseActivityFilters(p), ...patch })),
    [setSearch],
  );
  return [filters, update];
}

/** "What else happens here" radius in metres (?distance=), one of DISTANCES. */
export function useOverlapDistance(): [number, (metres: number) => void] {
  const [raw, set] = useSearchParam('distance');
  const setDistance = useCallback((m: number) => set(String(m)), [set]);
  return [parseDistance(raw), setDistance];
}
