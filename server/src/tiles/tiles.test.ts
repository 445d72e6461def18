import { describe, expect, it } from 'vitest';
import { tileBbox } from './tile-layer.js';
import { matchesIfNoneMatch } from './tiles.service.js';

describe('tileBbox', () => {
  it('is the whole Web Mercator world at zoom 0, clamped to valid degrees', () => {
    const [w, s, e, n] = tileBbox(0, 0, 0);
    expect([w, e]).toEqual([-180, 180]);
    expect(s).toBeGreaterThanOrEqual(-90);
    expect(n).toBeLessThanOrEqual(90);
    expect(n).toBeGreaterThan(85.05);
  });

  it('holds its tile and the 64/4096 buffer around it', () => {
    // z14 tile of Kamppi: x 9326 spans 24.9170–24.9390° E; a 64-unit buffer adds 1/64 of that each side.
    const [w, s, e, n] = tileBbox(14, 9326, 4742);
    const width = 360 / 2 ** 14;
    expect(w).toBeCloseTo(-180 + 9326 * width - width / 64, 9);
    expect(e).toBeCloseTo(-180 + 9327 * width + width / 64, 9);
    expect(s).toBeLessThan(60.168);
    expect(n).toBeGreaterThan(60.168);
  });
});

describe('matchesIfNoneMatch', () => {
  it.each([
    ['"a-1-x"', true],
    ['W/"a-1-x"', true],
    ['"other", "a-1-x"', true],
    ['*', true],
    ['"a-2-x"', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(matchesIfNoneMatch(header, '"a-1-x"')).toBe(expected);
  });
});
