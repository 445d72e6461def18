import { describe, expect, it } from 'vitest';
import { ideasSearch, type IdeaListFilter } from './query';

const none: IdeaListFilter = { bbox: null, area: null, theme: [], stage: [], waiting: false, from: null, to: null };

describe('ideasSearch', () => {
  it('sends no parameter for an empty filter', () => {
    expect(ideasSearch(none)).toBe('');
  });

  it('sends the submission dates, the whole of the last day included', () => {
    const q = new URLSearchParams(ideasSearch({ ...none, from: '2026-06-01', to: '2026-06-30' }, { format: 'csv' }));
    expect(Object.fromEntries(q)).toEqual({ from: '2026-06-01', to: '2026-06-30T23:59:59Z', format: 'csv' });
  });

  it('sends theme and stage lists whole', () => {
    expect(ideasSearch({ ...none, theme: ['green', 'traffic'], stage: ['submitted', 'decision'] })).toBe(
      'theme=green%2Ctraffic&stage=submitted%2Cdecision',
    );
  });
});
