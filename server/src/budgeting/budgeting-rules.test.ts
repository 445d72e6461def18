import { describe, expect, it } from 'vitest';
import { allocatePot, formatEur, phaseAt, splitByWeight } from './budgeting-rules.js';

const phases = {
  proposals: '2031-03-01T00:00:00Z',
  co_creation: '2031-03-11T00:00:00Z',
  feasibility_review: '2031-03-21T00:00:00Z',
  voting: '2031-03-31T00:00:00Z',
  results: '2031-04-10T00:00:00Z',
  implementation: '2031-04-20T00:00:00Z',
};

describe('phaseAt', () => {
  it('is upcoming before the proposals and each phase from its start to the next', () => {
    expect(phaseAt(phases, new Date('2031-02-28T23:59:59Z'))).toBe('upcoming');
    expect(phaseAt(phases, new Date('2031-03-01T00:00:00Z'))).toBe('proposals');
    expect(phaseAt(phases, new Date('2031-04-09T23:59:59Z'))).toBe('voting');
    expect(phaseAt(phases, new Date('2031-04-10T00:00:00Z'))).toBe('results');
    expect(phaseAt(phases, new Date('2040-01-01T00:00:00Z'))).toBe('implementation');
  });
});

describe('formatEur', () => {
  it('groups thousands with spaces', () => {
    expect(formatEur(0)).toBe('0 €');
    expect(formatEur(999)).toBe('999 €');
    expect(formatEur(120_000)).toBe('120 000 €');
    expect(formatEur(1_234_567)).toBe('1 234 567 €');
  });
});

describe('allocatePot', () => {
  it('funds most votes first while the cost fits, breaking ties by cost then id', () => {
    // Pot 100: p1 (5 votes, 60) funded → 40 left; p3 and p2 tie at 4 votes: p3 (30) is cheaper → funded,
    // 10 left; p2 (35) skipped; p4 (4 votes, 35, higher id than p2) skipped; p5 (1 vote, 10) funded → 0.
    const out = allocatePot(100, [
      { planId: 2, costEur: 35, votes: 4 },
      { planId: 1, costEur: 60, votes: 5 },
      { planId: 5, costEur: 10, votes: 1 },
      { planId: 4, costEur: 35, votes: 4 },
      { planId: 3, costEur: 30, votes: 4 },
      { planId: 6, costEur: 0, votes: 0 },
    ]);
    expect(out.map((a) => [a.planId, a.position, a.funded, a.reason])).toEqual([
      [1, 1, true, null],
      [3, 2, true, null],
      [2, 3, false, 'costs 35 € but only 10 € of the pot remain'],
      [4, 4, false, 'costs 35 € but only 10 € of the pot remain'],
      [5, 5, true, null],
      [6, 6, false, 'no votes'],
    ]);
  });
});

describe('splitByWeight (a population split of a district round)', () => {
  it('gives whole euros in proportion that add up to the amount exactly', () => {
    // 100 € by 1 : 1 : 1 is 33.33… each: the one euro left over goes to the first of the equal fractions.
    expect(splitByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 1 000 € by populations 663 : 250 : 87 gives 663 / 250 / 87 exactly.
    expect(splitByWeight(1000, [663, 250, 87])).toEqual([663, 250, 87]);
    // The largest fractions get the leftover euros: 10 € by 1 : 2 : 4 is 1.43 / 2.86 / 5.71.
    expect(splitByWeight(10, [1, 2, 4])).toEqual([1, 3, 6]);
    const parts = splitByWeight(600_000, [119_594, 117_504, 116_301, 106_541, 97_887, 55_125, 48_579, 1_706]);
    expect(parts.reduce((x, y) => x + y, 0)).toBe(600_000);
  });

  it('gives nothing when there is nothing to split or no weight', () => {
    expect(splitByWeight(0, [1, 2])).toEqual([0, 0]);
    expect(splitByWeight(100, [0, 0])).toEqual([0, 0]);
  });
});
