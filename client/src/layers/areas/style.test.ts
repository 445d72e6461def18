import { describe, expect, it } from 'vitest';
import { MAP_LAYERS } from '@/layers';
import { AREA_LEGEND } from './Legend';
import { AREA_COLORS, AREA_LAYER_COLORS, AREA_LAYERS, highlightFilter, levelForZoom } from './style';

describe('area layer styles', () => {
  it('have unique ids named <dataset>-<geometry>', () => {
    const ids = AREA_LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^areas-[a-z-]+$/);
  });

  it('registry ids are unique', () => {
    const ids = MAP_LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('paint every layer with the colour the colour table names', () => {
    expect(AREA_LAYER_COLORS.map((c) => c.layer.id).sort()).toEqual(AREA_LAYERS.map((l) => l.id).sort());
    for (const { layer, property, color } of AREA_LAYER_COLORS) {
      expect((layer.paint as Record<string, unknown>)[property], layer.id).toBe(AREA_COLORS[color].fallback);
    }
  });

  it('legend shows only colours that are on the map (or the point marker)', () => {
    const painted = new Set(AREA_LAYER_COLORS.map((c) => c.color));
    for (const row of AREA_LEGEND) {
      if (row.swatch === 'point') expect(row.color).toBe('point');
      else expect(painted.has(row.color), row.labelKey).toBe(true);
      if (row.outline) expect(painted.has(row.outline), row.labelKey).toBe(true);
    }
  });

  it('every colour is an HDS token with a hex fallback', () => {
    for (const c of Object.values(AREA_COLORS)) {
      expect(c.token).toMatch(/^--color-/);
      expect(c.fallback).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });

  it('highlight filter matches the chosen id, and nothing without one', () => {
    expect(highlightFilter(12)).toEqual(['==', ['id'], 12]);
    expect(highlightFilter(null)).toEqual(['==', ['id'], -1]);
  });

  it('shows finer levels when zoomed in', () => {
    expect(levelForZoom(10)).toBe('suurpiiri');
    expect(levelForZoom(12)).toBe('peruspiiri');
    expect(levelForZoom(14)).toBe('osa_alue');
  });
});
