import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KehraPlan } from '@contracts/kehra';
import { kehraKeys } from '@/layers/kehra/query';

/**
 * A plan change: every plan route answers with the whole plan, which replaces the cached one; the
 * candidates change with it (an idea leaving the plan can join again). `done` runs in the
 * mutation's own callback, so it still runs when the row that started it is gone.
 */
export function usePlanMutation<V>(groupId: number, send: (v: V) => Promise<KehraPlan>, done?: (v: V, plan: KehraPlan) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (plan, v) => {
      queryClient.setQueryData(kehraKeys.plan(groupId), plan);
      void queryClient.invalidateQueries({ queryKey: kehraKeys.candidates(groupId) });
      done?.(v, plan);
    },
  });
}
