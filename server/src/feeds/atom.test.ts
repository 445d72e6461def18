import { describe, expect, it } from 'vitest';
import { xmlText } from './atom.js';

describe('Atom text', () => {
  it('escapes markup and drops what XML cannot hold', () => {
    expect(xmlText('<script>"x" & y</script>')).toBe('&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;');
    expect(xmlText('a\u0000b\u000Bc\uFFFEd\uD800e')).toBe('abcde');
    expect(xmlText('tab\tline\n😀')).toBe('tab\tline\n😀');
  });
});
