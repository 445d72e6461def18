import { Button, ButtonVariant, Dialog } from 'hds-react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveError } from '@/ui/Feedback';

interface ConfirmDialogProps {
  id: string;
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  /** Cancelling returns focus here; a confirmed removal moves it to the caller's status message. */
  returnFocus: RefObject<HTMLButtonElement | null>;
}

/** A removal asks once more: HDS's danger dialog traps focus and closes with Escape. */
export function ConfirmDialog({
  id,
  open,
  title,
  text,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
  returnFocus,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      id={id}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      isOpen={open}
      variant="danger"
      close={onCancel}
      closeButtonLabelText={t('kehra.cancel')}
      focusAfterCloseRef={returnFocus as RefObject<HTMLElement>}
    >
      <Dialog.Header id={`${id}-title`} title={title} />
      <Dialog.Content>
        <p id={`${id}-text`}>{text}</p>
        <SaveError error={error} />
      </Dialog.Content>
      <Dialog.ActionButtons>
        <Button variant={ButtonVariant.Danger} disabled={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t('kehra.cancel')}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
