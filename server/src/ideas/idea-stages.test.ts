import { describe, expect, it } from 'vitest';
import { IDEA_STAGES, StageChangeBody } from '../contracts/ideas.js';
import { canMoveIdea, refusalOfMove } from './idea-stages.js';

describe('idea stage machine', () => {
  it('walks the happy path one stage at a time', () => {
    const path = ['submitted', 'connected', 'refining', 'decision', 'implemented'] as const;
    for (let i = 0; i < path.length - 1; i++) expect(canMoveIdea(path[i], path[i + 1])).toBe(true);
  });

  it('lets any open stage end in not taken forward, and nothing else skip a stage', () => {
    for (const from of ['submitted', 'connected', 'refining', 'decision'] as const)
      expect(canMoveIdea(from, 'not_taken_forward')).toBe(true);
    expect(canMoveIdea('submitted', 'decision')).toBe(false);
    expect(canMoveIdea('connected', 'implemented')).toBe(false);
    expect(canMoveIdea('connected', 'submitted')).toBe(false);
  });

  it('treats implemented and not taken forward as final', () => {
    for (const to of IDEA_STAGES) {
      expect(canMoveIdea('implemented', to)).toBe(false);
      expect(canMoveIdea('not_taken_forward', to)).toBe(false);
    }
    expect(refusalOfMove('implemented', 'decision')).toMatch(/can no longer change/);
    expect(refusalOfMove('submitted', 'refining')).toMatch(/only move to connected or not_taken_forward/);
  });

  it('requires a reason, and an alternative route for not taken forward', () => {
    expect(StageChangeBody.safeParse({ to: 'connected', reason: '' }).success).toBe(false);
    const noRoute = StageChangeBody.safeParse({ to: 'not_taken_forward', reason: 'no budget' });
    expect(noRoute.success).toBe(false);
    expect(noRoute.error?.issues[0].path).toEqual(['alternativeRoute']);
    expect(StageChangeBody.safeParse({ to: 'not_taken_forward', reason: 'no budget', alternativeRoute: 'kehra' }).success).toBe(
      true,
    );
  });
});
