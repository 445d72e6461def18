import { useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { errorMessage } from '@/ui/format';
import { serverFieldErrors } from '@/ui/form-errors';
import { kehraKeys } from '@/layers/kehra/query';
import './table-editing.css';

/** Tables are convened by the city: officials and admins write them (the API's policy). */
export function useCanEditTables(): boolean {
  const { hasRole } = useAccount();
  return hasRole('official') || hasRole('admin');
}

/** A write to a table's API; then the table page, the lists and the map layer read it again. */
export function useTableWrite() {
  const queryClient = useQueryClient();
  return useCallback(
    async <T,>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> => {
      const result = await sendJson<T>(method, url, body);
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      return result;
    },
    [queryClient],
  );
}

type FormErrors<F extends string> = Partial<Record<F | 'form', string>>;

/**
 * The state of one of the table page's small forms: errors by field (the server's 400 names them)
 * and whether it is saving. `fail` shows errors and moves focus to the first field named
 * (`${idPrefix}-${field}`); `run` saves and fails with what the server said.
 */
export function useTableForm<F extends string>(idPrefix: string) {
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [busy, setBusy] = useState(false);
  const fail = useCallback(
    (found: FormErrors<F>) => {
      setErrors(found);
      const first = Object.keys(found).find((k) => k !== 'form' && document.getElementById(`${idPrefix}-${k}`));
      if (first) document.getElementById(`${idPrefix}-${first}`)!.focus();
    },
    [idPrefix],
  );
  const run = useCallback(
    async (save: () => Promise<void>) => {
      setBusy(true);
      try {
        await save();
        setErrors({});
      } catch (err) {
        fail({ ...serverFieldErrors(err), form: errorMessage(err) } as FormErrors<F>);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );
  return { errors, busy, fail, run };
}

interface TableEditorFormProps {
  idPrefix: string;
  heading: string;
  error?: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
  onCancel?: () => void;
  children: ReactNode;
}

/** The frame of the table page's small forms: heading, the form's error, fields, save and cancel. */
export function TableEditorForm({
  idPrefix,
  heading,
  error,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  children,
}: TableEditorFormProps) {
  const { t } = useTranslation();
  return (
    <form className="idea-form table-editor" onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-heading`}>
      <h3 id={`${idPrefix}-heading`} className="kehra-subheading">
        {heading}
      </h3>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {children}
      <div className="idea-draw-actions">
        <Button type="submit" size={ButtonSize.Small} disabled={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={onCancel}>
            {t('kehra.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
