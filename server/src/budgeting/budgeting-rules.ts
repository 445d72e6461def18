import { formatEur, PHASES, type CurrentPhase, type PhaseDates } from '../contracts/budgeting.js';

/** The phase a round is in at `now`: the last whose start has come, or upcoming before the first. */
export function phaseAt(phases: PhaseDates, now: Date): CurrentPhase {
  const t = now.getTime();
  for (let i = PHASES.length - 1; i >= 0; i--) if (t >= Date.parse(phases[PHASES[i]])) return PHASES[i];
  return 'upcoming';
}

/** Shared with the client, so the ballot form refuses an over-budget choice in the server's words. */
export { formatEur };

export interface Candidate {
  planId: number;
  costEur: number;
  votes: number;
}

export interface Allocated extends Candidate {
  position: number;
  funded: boolean;
  reason: string | null;
}

/**
 * THE RESULT RULE, per pot. Candidates are the pot's feasible plans with a cost estimate. They are
 * ranked by votes, most first; a tie goes to the cheaper plan (more of the pot stays for others),
 * then to the lower plan id (the earlier plan). Going down the ranking, a plan is funded when its
 * cost fits what is left of the pot, else skipped with the reason, and the next one is tried; a
 * plan without votes is never funded. The same ballots always give the same result.
 */
export const RESULT_RULE =
  'Per pot: plans ranked by votes (most first), ties by lower cost, then lower plan id; each funded if its cost fits the remaining pot, otherwise skipped; plans without votes are not funded.';

export function allocatePot(amountEur: number, candidates: Candidate[]): Allocated[] {
  const ranked = [...candidates].sort((a, b) => b.votes - a.votes || a.costEur - b.costEur || a.planId - b.planId);
  let remaining = amountEur;
  return ranked.map((c, i) => {
    const position = i + 1;
    if (c.votes === 0) return { ...c, position, funded: false, reason: 'no votes' };
    if (c.costEur > remaining) {
      return {
        ...c,
        position,
        funded: false,
        reason: `costs ${formatEur(c.costEur)} but only ${formatEur(remaining)} of the pot remain`,
      };
    }
    remaining -= c.costEur;
    return { ...c, position, funded: true, reason: null };
  });
}

/**
 * Whole euros in proportion to weights (largest remainder): each gets the floor of its share, and
 * the euros left by rounding go one each to the largest fractions (ties to the earlier), so the
 * parts add up to the amount exactly.
 */
export function splitByWeight(amount: number, weights: number[]): number[] {
  const total = weights.reduce((x, y) => x + y, 0);
  if (amount <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map(Math.floor);
  let left = amount - parts.reduce((x, y) => x + y, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}
