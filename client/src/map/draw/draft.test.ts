import { describe, expect, it } from 'vitest';
import { draftGeometry, draftPreview, draftStore, editableRing, shapeParts } from './draft';

describe('drawing', () => {
  const v: [number, number][] = [
    [24.95, 60.17],
    [24.96, 60.17],
    [24.96, 60.18],
  ];
  it('needs enough vertices, and closes polygon rings', () => {
    expect(draftGeometry({ mode: 'polygon', vertices: v.slice(0, 2) })).toBeNull();
    expect(draftGeometry({ mode: 'polygon', vertices: v })).toEqual({ type: 'Polygon', coordinates: [[...v, v[0]]] });
    expect(draftGeometry({ mode: 'line', vertices: v.slice(0, 2) })).toEqual({ type: 'LineString', coordinates: v.slice(0, 2) });
    expect(draftGeometry({ mode: 'point', vertices: [v[0]] })).toEqual({ type: 'Point', coordinates: v[0] });
  });
  it('previews an unfinished polygon as a line', () => {
    expect(draftPreview({ mode: 'polygon', vertices: v.slice(0, 2) })).toEqual({
      type: 'LineString',
      coordinates: v.slice(0, 2),
    });
    expect(draftPreview({ mode: 'line', vertices: v.slice(0, 1) })).toBeNull();
  });
  it('edits the corners of a stored one-part shape, which comes back as a MultiPolygon', () => {
    const ring = [...v, v[0]];
    expect(editableRing({ type: 'MultiPolygon', coordinates: [[ring]] })).toEqual(v);
    expect(editableRing({ type: 'Polygon', coordinates: [ring] })).toEqual(v);
    // Two parts, or a hole: not editable corner by corner.
    expect(editableRing({ type: 'MultiPolygon', coordinates: [[ring], [ring]] })).toBeNull();
    expect(editableRing({ type: 'Polygon', coordinates: [ring, ring] })).toBeNull();
    expect(shapeParts({ type: 'MultiPolygon', coordinates: [[ring, ring], [ring]] })).toEqual({ parts: 2, holes: 1 });
  });
  it('shows the shape being edited until the first new corner replaces it', () => {
    const base = { type: 'MultiPolygon', coordinates: [[[...v, v[0]]], [[...v, v[0]]]] } as const;
    expect(draftPreview({ mode: 'polygon', vertices: [], base })).toEqual(base);
    expect(draftPreview({ mode: 'polygon', vertices: v.slice(0, 2), base })).toEqual({
      type: 'LineString',
      coordinates: v.slice(0, 2),
    });
  });
});

describe('finishing a drawing', () => {
  it('refuses to finish an area of fewer than 3 corners, and keeps drawing', () => {
    draftStore.setMode('polygon');
    draftStore.add([24.95, 60.17]);
    draftStore.add([24.96, 60.17]);
    expect(draftStore.finish()).toBe(false);
    expect(draftStore.get().drawing).toBe(true);
    expect(draftGeometry(draftStore.get())).toBeNull();
    draftStore.add([24.96, 60.18]);
    expect(draftStore.finish()).toBe(true);
    expect(draftStore.get().drawing).toBe(false);
    expect(draftGeometry(draftStore.get())?.type).toBe('Polygon');
    draftStore.reset();
  });
});
