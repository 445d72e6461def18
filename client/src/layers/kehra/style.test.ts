import { describe, expect, it } from 'vitest';
import { DEV_AREA_STATUSES } from '@contracts/kehra';
import { KEHRA_LAYERS, STATUS_COLORS, statusColorExpression } from './style';

describe('Kehrä layer style', () => {
  it('colours every status, with the colours the legend shows', () => {
    const expr = statusColorExpression() as unknown[];
    for (const s of DEV_AREA_STATUSES) expect(expr).toContain(STATUS_COLORS[s].fallback);
  });
  it('has unique layer ids', () => {
    expect(new Set(KEHRA_LAYERS.map((l) => l.id)).size).toBe(KEHRA_LAYERS.length);
  });
});
