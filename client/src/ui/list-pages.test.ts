import { describe, expect, it } from 'vitest';
import { nextOffset } from './list-pages';

describe('paged lists', () => {
  it('asks for the rows after the last page until every match is in', () => {
    expect(nextOffset({ numberMatched: 120, numberReturned: 50, offset: 0 })).toBe(50);
    expect(nextOffset({ numberMatched: 120, numberReturned: 50, offset: 50 })).toBe(100);
    expect(nextOffset({ numberMatched: 120, numberReturned: 20, offset: 100 })).toBeUndefined();
  });

  it('stops on an empty page, even if the count says more (rows removed meanwhile)', () => {
    expect(nextOffset({ numberMatched: 0, numberReturned: 0, offset: 0 })).toBeUndefined();
    expect(nextOffset({ numberMatched: 80, numberReturned: 0, offset: 50 })).toBeUndefined();
  });
});
