import { describe, expect, it } from 'vitest';
import { generateTrackingCode, normalizeTrackingCode, TRACKING_ALPHABET } from './tracking-code.js';

describe('tracking codes', () => {
  it('have the KK-XXXX-XX shape with unambiguous characters only', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateTrackingCode();
      expect(code).toMatch(/^KK-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
      expect(code.slice(3)).not.toMatch(/[01OIL]/);
      expect(normalizeTrackingCode(code)).toBe(code);
    }
  });

  it('accepts what people type: lower case, spaces, no dashes, no prefix', () => {
    const code = generateTrackingCode();
    const bare = code.replace(/^KK-/, '').replace('-', '');
    expect(normalizeTrackingCode(code.toLowerCase())).toBe(code);
    expect(normalizeTrackingCode(` ${bare.slice(0, 3)} ${bare.slice(3)} `)).toBe(code);
    expect(normalizeTrackingCode(`kk${bare}`)).toBe(code);
  });

  it('recognises every single-character typo and every swap of neighbours as invalid', () => {
    const code = generateTrackingCode();
    const chars = code.replace(/^KK-/, '').replace('-', '');
    for (let i = 0; i < chars.length; i++) {
      for (const c of TRACKING_ALPHABET) {
        if (c === chars[i]) continue;
        const typo = chars.slice(0, i) + c + chars.slice(i + 1);
        expect(normalizeTrackingCode(typo)).toBeNull();
      }
    }
    for (let i = 0; i < chars.length - 1; i++) {
      if (chars[i] === chars[i + 1]) continue;
      const swapped = chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2);
      expect(normalizeTrackingCode(swapped)).toBeNull();
    }
  });

  it('rejects look-alike characters and wrong lengths', () => {
    expect(normalizeTrackingCode('KK-0O1I-L2')).toBeNull();
    expect(normalizeTrackingCode('KK-ABC')).toBeNull();
    expect(normalizeTrackingCode('')).toBeNull();
  });
});
