import { describe, expect, it } from 'vitest';
import { keyTarget } from './virtual-list-keys';

describe('keys of a virtual list', () => {
  it('moves by one, by a page and to the ends of what is loaded', () => {
    expect(keyTarget('ArrowDown', 3, 50, 8, true)).toEqual({ index: 4, more: false });
    expect(keyTarget('ArrowUp', 3, 50, 8, true)).toEqual({ index: 2, more: false });
    expect(keyTarget('PageDown', 3, 50, 8, true)).toEqual({ index: 11, more: false });
    expect(keyTarget('PageUp', 3, 50, 8, true)).toEqual({ index: 0, more: false });
    expect(keyTarget('Home', 30, 50, 8, true)).toEqual({ index: 0, more: false });
    expect(keyTarget('End', 3, 50, 8, true)).toEqual({ index: 49, more: false });
  });

  it('goes past the last loaded row when there are more to load, and stays on it when not', () => {
    expect(keyTarget('ArrowDown', 49, 50, 8, true)).toEqual({ index: 50, more: true });
    expect(keyTarget('PageDown', 45, 50, 8, true)).toEqual({ index: 53, more: true });
    expect(keyTarget('ArrowDown', 49, 50, 8, false)).toEqual({ index: 49, more: false });
    expect(keyTarget('PageDown', 45, 50, 8, false)).toEqual({ index: 49, more: false });
    expect(keyTarget('ArrowUp', 0, 50, 8, true)).toEqual({ index: 0, more: false });
  });

  it('leaves other keys (Tab, Enter, letters) alone', () => {
    for (const key of ['Tab', 'Enter', 'a']) expect(keyTarget(key, 3, 50, 8, true)).toBeUndefined();
    expect(keyTarget('ArrowDown', 0, 0, 8, true)).toBeUndefined();
  });
});
