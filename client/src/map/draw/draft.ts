import { useSyncExternalStore } from 'react';
import type { GeoJsonGeometry, Position } from '@contracts/common';

/**
 * The geometry being drawn for a new idea. The form owns the drawing (mode, undo, clear,
 * finish); the map only shows it and reports clicks, so drawing needs no imperative map calls.
 */
export type DraftMode = 'point' | 'line' | 'polygon';
export interface Draft {
  mode: DraftMode;
  vertices: Position[];
  /** True while map clicks add vertices. */
  drawing: boolean;
  /**
   * Editing a shape the drawing tool cannot redraw corner by corner (several parts, holes): it is
   * shown until the first new corner, so the user sees what they would replace.
   */
  base: GeoJsonGeometry | null;
}

const EMPTY: Draft = { mode: 'point', vertices: [], drawing: false, base: null };
let draft: Draft = EMPTY;
const listeners = new Set<() => void>();

function set(next: Draft) {
  draft = next;
  for (const l of listeners) l();
}

export const draftStore = {
  get: () => draft,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  setMode: (mode: DraftMode) => set({ mode, vertices: [], drawing: true, base: null }),
  /** Starts from an existing shape (editing): its vertices, or a base shape to show; not drawing until asked. */
  load: (mode: DraftMode, vertices: Position[], base: GeoJsonGeometry | null = null) =>
    set({ mode, vertices, drawing: false, base }),
  /** A point has one vertex: a new click moves it. */
  add: (p: Position) => set({ ...draft, vertices: draft.mode === 'point' ? [p] : [...draft.vertices, p] }),
  /** A corner dragged on the map to a new place. */
  move: (index: number, p: Position) => set({ ...draft, vertices: draft.vertices.map((v, i) => (i === index ? p : v)) }),
  undo: () => set({ ...draft, vertices: draft.vertices.slice(0, -1) }),
  remove: (index: number) => set({ ...draft, vertices: draft.vertices.filter((_, i) => i !== index) }),
  clear: () => set({ ...draft, vertices: [], drawing: true }),
  setDrawing: (drawing: boolean) => set({ ...draft, drawing }),
  /**
   * Stops drawing, unless the shape has begun with too few corners to be one (an area needs 3, a
   * line 2): then drawing goes on and false says so, so the form can tell why.
   */
  finish: (): boolean => {
    if (draft.vertices.length > 0 && draft.vertices.length < MIN_VERTICES[draft.mode]) return false;
    set({ ...draft, drawing: false });
    return true;
  },
  reset: () => set(EMPTY),
};

/** A map position as a vertex, to six decimals (~0.1 m): finer is noise, and it keeps request bodies short. */
export const toVertex = ({ lng, lat }: { lng: number; lat: number }): Position => [
  Number(lng.toFixed(6)),
  Number(lat.toFixed(6)),
];

export const useDraft = () => useSyncExternalStore(draftStore.subscribe, draftStore.get, draftStore.get);

export const MIN_VERTICES: Record<DraftMode, number> = { point: 1, line: 2, polygon: 3 };

/** The GeoJSON the server gets, or null while too few vertices are placed. Rings are closed here. */
export function draftGeometry({ mode, vertices }: Pick<Draft, 'mode' | 'vertices'>): GeoJsonGeometry | null {
  if (vertices.length < MIN_VERTICES[mode]) return null;
  if (mode === 'point') return { type: 'Point', coordinates: vertices[0] };
  if (mode === 'line') return { type: 'LineString', coordinates: vertices };
  return { type: 'Polygon', coordinates: [[...vertices, vertices[0]]] };
}

/** What the map draws while drawing: the shape so far (an open polygon shows as a line). */
export function draftPreview(d: Pick<Draft, 'mode' | 'vertices'> & Partial<Pick<Draft, 'base'>>): GeoJsonGeometry | null {
  const full = draftGeometry(d);
  if (full) return full;
  if (d.vertices.length === 0 && d.base) return d.base;
  if (d.mode === 'polygon' && d.vertices.length === 2) return { type: 'LineString', coordinates: d.vertices };
  return null;
}

/** A (Multi)Polygon's parts, each a list of rings. */
function polygonsOf(geometry: GeoJsonGeometry | null | undefined): Position[][][] | null {
  if (geometry?.type === 'Polygon') return [geometry.coordinates as Position[][]];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates as Position[][][];
  return null;
}

/**
 * The corners the drawing tool can edit: the outer ring, without its closing corner, of a shape of
 * one part and no holes (stored shapes are MultiPolygons even then); null for anything else.
 */
export function editableRing(geometry: GeoJsonGeometry | null | undefined): Position[] | null {
  const polygons = polygonsOf(geometry);
  if (polygons?.length !== 1 || polygons[0].length !== 1 || polygons[0][0].length < 4) return null;
  return polygons[0][0].slice(0, -1);
}

/** How many parts and holes a shape has, to tell the user what redrawing it would replace. */
export function shapeParts(geometry: GeoJsonGeometry | null | undefined): { parts: number; holes: number } | null {
  const polygons = polygonsOf(geometry);
  return polygons && { parts: polygons.length, holes: polygons.reduce((n, rings) => n + rings.length - 1, 0) };
}
