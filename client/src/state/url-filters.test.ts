import { describe, expect, it } from 'vitest';
import { DRAWN_CORNERS_MAX, drawnAreaParam, readParam, urlParams, writeParam, type UrlParam } from './url-filters';

/** A valid value of each parameter, its URL text, and a malformed text the grammar refuses. */
const CASES: { [K in keyof typeof urlParams]: { value: unknown; text: string; bad: string; none: unknown } } = {
  area: { value: 42, text: '42', bad: '4x', none: null },
  theme: { value: ['green', 'traffic'], text: 'green,traffic', bad: 'Green!', none: [] },
  department: { value: ['kymp', 'kuva'], text: 'kymp,kuva', bad: 'KYMP', none: [] },
  kind: { value: ['event', 'service'], text: 'event,service', bad: 'party', none: [] },
  status: { value: ['planned', 'ongoing'], text: 'planned,ongoing', bad: 'late', none: [] },
  stage: { value: ['submitted', 'decision'], text: 'submitted,decision', bad: 'maybe', none: [] },
  waiting: { value: true, text: 'true', bad: 'yes', none: false },
  from: { value: '2026-05-01', text: '2026-05-01', bad: '2026-13-40', none: null },
  to: { value: '2026-05-31', text: '2026-05-31', bad: 'tomorrow', none: null },
  districts: { value: true, text: 'off', bad: 'no', none: false },
};

describe('the URL filter grammar', () => {
  for (const [name, c] of Object.entries(CASES)) {
    const p = urlParams[name as keyof typeof urlParams] as UrlParam<unknown>;
    it(`${name}: writes and reads back the same value, and leaves other parameters alone`, () => {
      const q = writeParam(new URLSearchParams('keep=1'), p, c.value);
      expect(q.get(name)).toBe(c.text);
      expect(q.get('keep')).toBe('1');
      expect(readParam(q, p)).toEqual(c.value);
      // And the other way round: the text of a link reads to a value that writes the same text.
      expect(p.write(p.parse([c.text]))).toBe(c.text);
    });
    it(`${name}: a malformed or missing value reads as none, and none writes no parameter`, () => {
      expect(readParam(new URLSearchParams({ [name]: c.bad }), p)).toEqual(c.none);
      expect(readParam(new URLSearchParams(), p)).toEqual(c.none);
      expect(writeParam(new URLSearchParams({ [name]: c.text }), p, c.none).has(name)).toBe(false);
    });
  }

  it('reads a list given as a repeated parameter as one list, without repeats', () => {
    expect(readParam(new URLSearchParams('theme=green&theme=traffic,green'), urlParams.theme)).toEqual(['green', 'traffic']);
  });

  it('drops only the malformed item of a list', () => {
    expect(readParam(new URLSearchParams('theme=green,Bad!,traffic'), urlParams.theme)).toEqual(['green', 'traffic']);
  });
});

describe('a drawn area shared as a link', () => {
  const square: [number, number][] = [
    [24.95, 60.169],
    [24.955, 60.169],
    [24.955, 60.172],
  ];
  it('writes the corners and reads them back', () => {
    const text = drawnAreaParam.write(square)!;
    expect(text).toBe('24.95,60.169;24.955,60.169;24.955,60.172');
    expect(drawnAreaParam.parse([text])).toEqual(square);
    expect(drawnAreaParam.write(square.slice(0, 2))).toBeNull();
  });
  it('reads nothing from a malformed, too small or too large link', () => {
    for (const bad of [
      '',
      'garbage',
      '24.95,60.169;24.955,60.169',
      '24.95,60.169;24.955,60.169;x,y',
      '24.95,60.169;24.955,60.169;200,60',
      '24.95,60.169;24.955,60.169;24.9551234567,60.172',
      Array.from({ length: DRAWN_CORNERS_MAX + 1 }, (_, i) => `24.9${i},60.1`).join(';'),
    ])
      expect(drawnAreaParam.parse([bad]), bad.slice(0, 40)).toBeNull();
    expect(drawnAreaParam.parse(['24.95,60.169;24.955,60.169;24.955,60.172', '1,2;3,4;5,6'])).toBeNull();
  });
});
