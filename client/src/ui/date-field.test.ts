import { describe, expect, it } from 'vitest';
import { finnishToIsoDate, isoToFinnishDate } from './DateField';

describe("the date field's two spellings", () => {
  it('shows an ISO date the Finnish way and reads it back', () => {
    expect(isoToFinnishDate('2030-06-01')).toBe('1.6.2030');
    expect(finnishToIsoDate('1.6.2030')).toBe('2030-06-01');
    expect(finnishToIsoDate(' 31.12.2030 ')).toBe('2030-12-31');
  });
  it('leaves what is not a date as typed, for the form to name', () => {
    expect(isoToFinnishDate('')).toBe('');
    expect(finnishToIsoDate('')).toBe('');
    expect(finnishToIsoDate('1.6.')).toBe('1.6.');
  });
});
