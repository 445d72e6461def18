import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KehraPlan } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorMessage } from '@/ui/format';
import { candidatesQuery } from '@/layers/kehra/query';
import { StatusMessage, useStatusMessage } from '@/ui/Feedback';
import { PlanItemEditor } from './PlanItemEditor';
import { usePlanMutation } from './use-plan-mutation';

/** The ranked ideas of the plan for the group's members: add a candidate, move, annotate and remove items. */
export function PlanEditor({ groupId, plan }: { groupId: number; plan: KehraPlan }) {
  const { t } = useTranslation();
  const candidates = useQuery(candidatesQuery(groupId));
  const [pick, setPick] = useState('');
  const status = useStatusMessage();
  const list = useRef<HTMLOListElement>(null);

  // Adding and moving keep focus where it is (the live region speaks); edits and removals move it to the message.
  const add = usePlanMutation(
    groupId,
    (ideaId: number) => sendJson<KehraPlan>('POST', `/api/kehra/groups/${groupId}/plan/items`, { ideaId }),
    () => {
      setPick('');
      status.announce(t('kehra.plan.added'), false);
    },
  );
  const order = usePlanMutation(
    groupId,
    (ideaIds: number[]) => sendJson<KehraPlan>('PUT', `/api/kehra/groups/${groupId}/plan/order`, { ideaIds }),
    () => status.announce(t('kehra.plan.moved'), false),
  );

  function move(index: number, by: -1 | 1) {
    const ids = plan.items.map((i) => i.ideaId);
    const to = index + by;
    if (to < 0 || to >= ids.length) return;
    [ids[index], ids[to]] = [ids[to], ids[index]];
    order.mutate(ids, {
      // Keep focus on the moved item's same button, at its new place.
      onSuccess: () =>
        requestAnimationFrame(() => {
          const dir = by < 0 ? 'up' : 'down';
          const buttons = [
            ...(list.current?.querySelectorAll<HTMLButtonElement>(`[data-idea="${ids[to]}"]:not([disabled])`) ?? []),
          ];
          (buttons.find((b) => b.dataset.dir === dir) ?? buttons[0])?.focus();
        }),
    });
  }

  const error = add.error ?? order.error;
  return (
    <div className="kehra-plan-editor">
      <StatusMessage status={status} testId="plan-status" />
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {plan.items.length === 0 ? (
        <p className="panel-help">{t('kehra.plan.noItems')}</p>
      ) : (
        <ol className="kehra-plan" ref={list} data-testid="plan-items">
          {plan.items.map((item, i) => (
            <li key={item.ideaId}>
              <PlanItemEditor groupId={groupId} item={item} announce={status.announce}>
                <Button
                  type="button"
                  size={ButtonSize.Small}
                  variant={ButtonVariant.Secondary}
                  data-idea={item.ideaId}
                  data-dir="up"
                  disabled={i === 0 || order.isPending}
                  aria-label={t('kehra.plan.moveUp', { title: item.title })}
                  onClick={() => move(i, -1)}
                >
                  {t('kehra.plan.up')}
                </Button>
                <Button
                  type="button"
                  size={ButtonSize.Small}
                  variant={ButtonVariant.Secondary}
                  data-idea={item.ideaId}
                  data-dir="down"
                  disabled={i === plan.items.length - 1 || order.isPending}
                  aria-label={t('kehra.plan.moveDown', { title: item.title })}
                  onClick={() => move(i, 1)}
                >
                  {t('kehra.plan.down')}
                </Button>
              </PlanItemEditor>
            </li>
          ))}
        </ol>
      )}
      <form
        className="kehra-plan-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (pick) add.mutate(Number(pick));
        }}
      >
        <div className="kk-field">
          <label htmlFor="kehra-plan-candidate">{t('kehra.plan.candidate')}</label>
          <select id="kehra-plan-candidate" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{candidates.data?.length ? t('kehra.plan.chooseCandidate') : t('kehra.plan.noCandidates')}</option>
            {candidates.data?.map((c) => (
              <option key={c.ideaId} value={c.ideaId}>
                {c.title} ({c.trackingCode})
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" size={ButtonSize.Small} disabled={!pick || add.isPending}>
          {t('kehra.plan.add')}
        </Button>
      </form>
    </div>
  );
}
