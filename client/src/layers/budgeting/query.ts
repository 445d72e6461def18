import { queryOptions } from '@tanstack/react-query';
import type { OwnBallot, Plan, RoundDetail, RoundResults, RoundSummary } from '@contracts/budgeting';
import type { FeatureCollection } from '@contracts/common';
import { getJson, getJsonOrNull } from '@/api/http';

/** A plan as the budgeting-plans dataset lists it (votes and funding only once results are out). */
export interface PlanFeatureProperties {
  id: number;
  roundId: number;
  potId: number;
  title: string;
  costEur: number | null;
  feasibility: Plan['feasibility'];
  votes: number | null;
  funded: boolean | null;
}

export const budgetingKeys = {
  all: ['budgeting'] as const,
  rounds: () => ['budgeting', 'rounds'] as const,
  round: (id: number) => ['budgeting', 'round', { id }] as const,
  proposals: (id: number) => ['budgeting', 'proposals', { id }] as const,
  plans: (id: number) => ['budgeting', 'plans', { id }] as const,
  planFeatures: (id: number) => ['budgeting', 'planFeatures', { id }] as const,
  results: (id: number) => ['budgeting', 'results', { id }] as const,
  /** Whose ballot depends on who is signed in. */
  ownBallot: (roundId: number, potId: number, userId: number | null) =>
    ['budgeting', 'ownBallot', { roundId, potId, userId }] as const,
};

export const roundsQuery = () =>
  queryOptions({
    queryKey: budgetingKeys.rounds(),
    queryFn: ({ signal }) => getJson<RoundSummary[]>('/api/budgeting/rounds', signal),
    staleTime: 30_000,
  });

export const roundQuery = (id: number) =>
  queryOptions({
    queryKey: budgetingKeys.round(id),
    queryFn: ({ signal }) => getJson<RoundDetail>(`/api/budgeting/rounds/${id}`, signal),
    retry: false,
  });

export const proposalsQuery = (id: number) =>
  queryOptions({
    queryKey: budgetingKeys.proposals(id),
    queryFn: ({ signal }) =>
      getJson<{ id: number; trackingCode: string; title: string }[]>(`/api/budgeting/rounds/${id}/proposals`, signal),
  });

export const plansQuery = (id: number) =>
  queryOptions({
    queryKey: budgetingKeys.plans(id),
    queryFn: ({ signal }) => getJson<Plan[]>(`/api/budgeting/rounds/${id}/plans`, signal),
  });

/** The round's plans with their places, from the open dataset (the map's source). */
export const planFeaturesQuery = (id: number) =>
  queryOptions({
    queryKey: budgetingKeys.planFeatures(id),
    queryFn: ({ signal }) =>
      getJson<FeatureCollection<PlanFeatureProperties>>(`/api/budgeting/plans?round=${id}&limit=1000`, signal),
    staleTime: 30_000,
  });

/** The published results; null until they are computed (the API answers 404 before). */
export const resultsQuery = (id: number) =>
  queryOptions({
    queryKey: budgetingKeys.results(id),
    queryFn: ({ signal }) => getJsonOrNull<RoundResults>(`/api/budgeting/rounds/${id}/results`, signal),
  });

/** The signed-in voter's own ballot in a pot; null when they have not voted there. */
export const ownBallotQuery = (roundId: number, potId: number, userId: number | null) =>
  queryOptions({
    queryKey: budgetingKeys.ownBallot(roundId, potId, userId),
    queryFn: ({ signal }) => getJsonOrNull<OwnBallot>(`/api/budgeting/rounds/${roundId}/pots/${potId}/ballot`, signal),
  });
