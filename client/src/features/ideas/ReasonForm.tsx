import { useMutation } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea } from 'hds-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/ui/format';

interface ReasonFormProps {
  /** The link-like button that opens the form. */
  openLabel: string;
  reasonLabel: string;
  submitLabel: string;
  /** Sends the trimmed reason; the form closes when it resolves and shows the error when it fails. */
  send: (reason: string) => Promise<unknown>;
  /** Shown in place of the form once sent (e.g. a thank-you); without it the opening button returns. */
  sentText?: string;
  danger?: boolean;
}

/** A small "say why" form behind a link-like button: reporting and hiding ideas and comments. */
export function ReasonForm({ openLabel, reasonLabel, submitLabel, send, sentText, danger }: ReasonFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useMutation({
    mutationFn: () => send(reason.trim()),
    onSuccess: () => {
      setOpen(false);
      setReason('');
    },
  });
  if (submit.isSuccess && !open && sentText)
    return (
      <p className="panel-help" role="status">
        {sentText}
      </p>
    );
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {openLabel}
      </button>
    );
  }
  return (
    <form
      className="idea-report"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) submit.mutate();
      }}
    >
      <TextArea id={`reason-${id}`} label={reasonLabel} required value={reason} onChange={(e) => setReason(e.target.value)} />
      {submit.error && (
        <p className="form-error" role="alert">
          {errorMessage(submit.error)}
        </p>
      )}
      <div className="idea-draw-actions">
        <Button
          type="submit"
          size={ButtonSize.Small}
          variant={danger ? ButtonVariant.Danger : ButtonVariant.Primary}
          disabled={submit.isPending || !reason.trim()}
        >
          {submitLabel}
        </Button>
        <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => setOpen(false)}>
          {t('ideas.cancel')}
        </Button>
      </div>
    </form>
  );
}
