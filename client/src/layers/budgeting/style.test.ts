import { describe, expect, it } from 'vitest';
import { BUDGETING_LAYERS, PLAN_COLORS, planColorExpression, POT_CLASS_COLORS, potBreaks, potColorExpression } from './style';

describe('budgeting layer style', () => {
  it('has unique layer ids', () => {
    expect(new Set(BUDGETING_LAYERS.map((l) => l.id)).size).toBe(BUDGETING_LAYERS.length);
  });
  it('colours a plan by its result, with the colours the legend shows', () => {
    const expr = planColorExpression() as unknown[];
    for (const k of ['plan', 'funded', 'skipped'] as const) expect(expr).toContain(PLAN_COLORS[k].fallback);
  });
  it('splits the pots into classes by rank, fewer with fewer distinct values, none when all are equal', () => {
    // Eight districts, one far above the rest: two in each class, not seven in the first.
    expect(potBreaks([0.84, 0.85, 0.86, 0.94, 1.02, 1.81, 2.06, 58.62])).toEqual([0.86, 1.02, 2.06]);
    expect(potBreaks([100_000, 200_000, 500_000])).toEqual([200_000, 500_000]);
    expect(potBreaks([100_000, 100_000])).toEqual([]);
    expect(potBreaks([])).toEqual([]);
    const expr = potColorExpression([200_000, 300_000, 400_000]) as unknown[];
    expect(expr.slice(0, 3)).toEqual(['step', ['get', 'shade'], POT_CLASS_COLORS[0]]);
    expect(expr.at(-1)).toBe(POT_CLASS_COLORS[3]);
  });
});
