import { describe, expect, it } from 'vitest';
import { IDEA_STAGES } from '@contracts/ideas';
import { FIXED_COLORED, IDEA_COLORS, IDEA_LAYERS, STAGE_COLORED, STAGE_COLORS, stageColorExpression } from './style';

describe('idea layer styles', () => {
  it('have unique ids named ideas-<geometry>', () => {
    const ids = IDEA_LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^ideas-[a-z-]+$/);
  });

  it('give every stage a colour, an HDS token with a hex fallback', () => {
    expect(Object.keys(STAGE_COLORS).sort()).toEqual([...IDEA_STAGES].sort());
    for (const c of [...Object.values(STAGE_COLORS), ...Object.values(IDEA_COLORS)]) {
      expect(c.token).toMatch(/^--color-/);
      expect(c.fallback).toMatch(/^#[0-9a-f]{6}$/i);
    }
    expect(new Set(Object.values(STAGE_COLORS).map((c) => c.fallback)).size).toBe(IDEA_STAGES.length);
  });

  it('paint by stage with the same colours the legend reads', () => {
    const expr = stageColorExpression() as unknown[];
    for (const stage of IDEA_STAGES) expect(expr[expr.indexOf(stage) + 1]).toBe(STAGE_COLORS[stage].fallback);
    for (const { layer, property } of STAGE_COLORED) expect((layer.paint as Record<string, unknown>)[property]).toEqual(expr);
    for (const { layer, property, color } of FIXED_COLORED) {
      expect((layer.paint as Record<string, unknown>)[property], layer.id).toBe(IDEA_COLORS[color].fallback);
    }
  });
});
