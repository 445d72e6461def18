import { describe, expect, it } from 'vitest';
import { PlainText } from './common.js';

describe('PlainText', () => {
  const title = PlainText('title', 40);
  it('keeps ordinary text, trimmed and NFC-normalised', () => {
    expect(title.parse('  Leikkipuisto <3 ')).toBe('Leikkipuisto <3');
    expect(title.parse('a\u0308')).toBe('ä');
    expect(title.parse('5 < 6 > 4')).toBe('5 < 6 > 4');
  });
  it.each([
    ['<script>alert(1)</script>', /HTML or script/],
    ['<img src=x onerror=alert(1)>', /HTML or script/],
    ['javascript:alert(1)', /HTML or script/],
    ['abc\u202Egnp.exe', /bidirectional/],
    ['a\u0000b', /control characters/],
    ['   ', /must not be empty/],
    ['x'.repeat(41), /at most 40/],
  ])('refuses %j', (input, message) => {
    const r = title.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(message);
  });
});
