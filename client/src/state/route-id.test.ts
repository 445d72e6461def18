import { describe, expect, it } from 'vitest';
import { parseRouteId } from './route-id';

describe('parseRouteId', () => {
  it('reads a positive id the API takes', () => {
    expect(parseRouteId('12')).toBe(12);
    expect(parseRouteId('999999999')).toBe(999999999);
  });
  it('refuses what the API would refuse: zero, too long for its int, not digits', () => {
    for (const raw of ['0', '1234567890', '12a', '-1', '1.5', '', undefined]) expect(parseRouteId(raw)).toBeNull();
  });
});
