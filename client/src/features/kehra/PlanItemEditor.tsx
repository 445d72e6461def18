import { TextArea } from 'hds-react';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { FUNDING_STATUSES, type FundingStatus, type KehraPlan, type PlanItem, type PlanItemPatchBody } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { serverFieldErrors } from '@/ui/form-errors';
import { StageBadge } from '@/features/ideas';
import { SaveError, useFocusAfterRender } from '@/ui/Feedback';
import { FormActions } from '@/ui/FormActions';
import { NativeSelect } from '@/ui/NativeSelect';
import { RowActions } from './RowActions';
import { usePlanMutation } from './use-plan-mutation';
import './group-editing.css';

/** One ranked idea as everyone sees it: link, stage, funding status and the group's note. */
export function PlanItemSummary({ item }: { item: PlanItem }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <>
      <Link to={{ pathname: `/ideas/${item.ideaId}`, search }}>{item.title}</Link> <StageBadge stage={item.stage} />
      <div className="kehra-meta" data-testid="plan-item-meta">
        {t('kehra.plan.funding')}: {t(`kehra.funding.${item.fundingStatus}`)}
        {item.note && ` · ${item.note}`}
      </div>
    </>
  );
}

interface PlanItemEditorProps {
  groupId: number;
  item: PlanItem;
  /** The ranking buttons, kept in the same row as this item's own actions. */
  children: ReactNode;
  /** Reports a saved change or a removal to the plan's status line (and moves focus there). */
  announce: (text: string) => void;
}

/** A member's controls for one ranked idea: note and funding status, and removal from the plan. */
export function PlanItemEditor({ groupId, item, children, announce }: PlanItemEditorProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const focusAfter = useFocusAfterRender();
  const remove = usePlanMutation(
    groupId,
    () => sendJson<KehraPlan>('DELETE', `/api/kehra/groups/${groupId}/plan/items/${item.ideaId}`),
    () => announce(t('kehra.planItem.removed', { title: item.title })),
  );
  return (
    <>
      <PlanItemSummary item={item} />
      <RowActions
        id={`kehra-plan-remove-${item.ideaId}`}
        className="kehra-plan-move"
        texts="kehra.planItem"
        vars={{ title: item.title }}
        onEdit={editing ? null : () => setEditing(true)}
        editRef={editButton}
        removal={{ ...remove, run: () => remove.mutate() }}
      >
        {children}
      </RowActions>
      {editing && (
        <PlanItemForm
          groupId={groupId}
          item={item}
          onClose={(saved) => {
            setEditing(false);
            if (saved) announce(t('kehra.planItem.saved', { title: item.title }));
            else focusAfter(() => editButton.current);
          }}
        />
      )}
    </>
  );
}

function PlanItemForm({ groupId, item, onClose }: { groupId: number; item: PlanItem; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const idp = `kehra-plan-item-${item.ideaId}`;
  const [note, setNote] = useState(item.note);
  const [fundingStatus, setFundingStatus] = useState<FundingStatus>(item.fundingStatus);
  const save = usePlanMutation(
    groupId,
    (body: PlanItemPatchBody) => sendJson<KehraPlan>('PATCH', `/api/kehra/groups/${groupId}/plan/items/${item.ideaId}`, body),
    () => onClose(true),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ note: note.trim(), fundingStatus });
  }

  return (
    <form className="idea-form kehra-inline-form" onSubmit={submit} noValidate aria-labelledby={`${idp}-heading`}>
      <h4 id={`${idp}-heading`} className="kehra-subheading">
        {t('kehra.planItem.heading', { title: item.title })}
      </h4>
      <SaveError error={save.error} />
      <TextArea
        id={`${idp}-note`}
        label={t('kehra.planItem.note')}
        helperText={t('kehra.planItem.noteHelp')}
        autoFocus
        value={note}
        onChange={(e) => setNote(e.target.value)}
        {...errorProps(serverFieldErrors(save.error).note)}
      />
      <NativeSelect
        id={`${idp}-funding`}
        label={t('kehra.planItem.fundingStatus')}
        value={fundingStatus}
        options={FUNDING_STATUSES.map((s) => ({ value: s, label: t(`kehra.funding.${s}`) }))}
        onChange={setFundingStatus}
      />
      <FormActions small submitLabel={t('kehra.planItem.save')} pending={save.isPending} onCancel={() => onClose(false)} />
    </form>
  );
}
