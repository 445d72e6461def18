import { describe, expect, it } from 'vitest';
import { bundleFiles, loadBundles } from './bundles';
import { flattenKeys, LANGUAGES } from './languages';

const bundles = loadBundles();
const fi = bundles.fi;

describe('translations', () => {
  const reference = flattenKeys(fi);
  const allKeys = new Set(LANGUAGES.flatMap((lng) => [...flattenKeys(bundles[lng]).keys()]));

  it('has a file of every feature in every language', () => {
    const byLang = (l: string) =>
      bundleFiles()
        .filter((f) => f.startsWith(`./${l}/`))
        .map((f) => f.split('/')[2])
        .sort();
    for (const l of LANGUAGES) expect(byLang(l), l).toEqual(byLang('fi'));
  });

  it('has some keys to compare', () => {
    expect(reference.size).toBeGreaterThan(10);
  });

  it.each(LANGUAGES)('%s has every key, each a non-empty string', (lng) => {
    const keys = flattenKeys(bundles[lng]);
    const missing = [...allKeys].filter((k) => !keys.has(k));
    const empty = [...keys].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(missing, `missing in ${lng}.json`).toEqual([]);
    expect(empty, `empty or not text in ${lng}.json`).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same {{placeholders}} as fi', (lng) => {
    const keys = flattenKeys(bundles[lng]);
    const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [k, v] of reference) expect(vars(keys.get(k)), k).toEqual(vars(v));
  });

  it('flattenKeys sees nested and missing keys', () => {
    const a = flattenKeys({ a: { b: 'x', c: { d: 'y' } } });
    expect([...a.keys()]).toEqual(['a.b', 'a.c.d']);
  });
});
