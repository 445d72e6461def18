import { IDEA_TRANSITIONS, type IdeaStage } from '../contracts/ideas.js';

export function canMoveIdea(from: IdeaStage, to: IdeaStage): boolean {
  return IDEA_TRANSITIONS[from].includes(to);
}

/** Why a transition is refused, in words an official understands; null when it is allowed. */
export function refusalOfMove(from: IdeaStage, to: IdeaStage): string | null {
  if (canMoveIdea(from, to)) return null;
  const next = IDEA_TRANSITIONS[from];
  return next.length === 0
    ? `the idea is already ${from}; its stage can no longer change`
    : `an idea at stage ${from} can only move to ${next.join(' or ')}, not to ${to}`;
}
