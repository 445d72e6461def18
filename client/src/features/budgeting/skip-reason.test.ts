import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { skipReason } from './ResultsSection';

const t = ((key: string, vars?: Record<string, string>) => `${key}${vars ? JSON.stringify(vars) : ''}`) as unknown as TFunction;

describe('skipReason', () => {
  it('says the server’s two skip reasons in the reader’s language, with the figures', () => {
    expect(skipReason('no votes', t)).toBe('budgeting.results.noVotes');
    expect(skipReason('costs 60 000 € but only 40 000 € of the pot remain', t)).toBe(
      'budgeting.results.doesNotFit{"cost":"60 000 €","left":"40 000 €"}',
    );
    expect(skipReason('something new', t)).toBe('something new');
  });
});
