import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import './group-editing.css';

/** The state of the removal's mutation (TanStack's useMutation result fits) and how to run it. */
interface Removal {
  run: () => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
}

interface RowActionsProps {
  /** Prefix of the confirmation dialog's ids. */
  id: string;
  /**
   * The translation keys' prefix: `edit`, `editLabel`, `remove`, `removeLabel`, `confirmTitle`,
   * `confirmText` and `confirm` under it, filled with `vars`.
   */
  texts: string;
  vars: Record<string, string>;
  /** Null hides the edit button (the row's form is open). */
  onEdit: (() => void) | null;
  editRef?: RefObject<HTMLButtonElement | null>;
  removal: Removal;
  /** Further buttons in the same row, first (e.g. the plan's up and down). */
  children?: ReactNode;
  className?: string;
}

/** Edit and remove for one row of a list; removal is confirmed in a dialog first. */
export function RowActions({
  id,
  texts,
  vars,
  onEdit,
  editRef,
  removal,
  children,
  className = 'idea-draw-actions kehra-row-actions',
}: RowActionsProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const text = (key: string) => t(`${texts}.${key}`, vars);
  return (
    <div className={className}>
      {children}
      {onEdit && (
        <Button
          ref={editRef}
          type="button"
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          data-edit
          aria-label={text('editLabel')}
          onClick={onEdit}
        >
          {text('edit')}
        </Button>
      )}
      <Button
        ref={removeButton}
        type="button"
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        aria-label={text('removeLabel')}
        onClick={() => (removal.reset(), setConfirming(true))}
      >
        {text('remove')}
      </Button>
      <ConfirmDialog
        id={id}
        open={confirming}
        title={text('confirmTitle')}
        text={text('confirmText')}
        confirmLabel={text('confirm')}
        pending={removal.isPending}
        error={removal.error}
        onConfirm={removal.run}
        onCancel={() => setConfirming(false)}
        returnFocus={removeButton}
      />
    </div>
  );
}
