import { Notification } from 'hds-react';
import { useCallback, useEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/ui/format';
import './feedback.css';

/**
 * Focuses an element once it is on the page: a button that reappears when a form closes, a message
 * that has just been filled, a row that a refetch brings. Tried after every commit until found.
 */
export function useFocusAfterRender(): (get: () => HTMLElement | null | undefined) => void {
  const target = useRef<(() => HTMLElement | null | undefined) | null>(null);
  // A new request re-renders, so the effect below runs and tries the target.
  const [, setAsked] = useState(0);
  useEffect(() => {
    const el = target.current?.();
    if (el) {
      el.focus();
      target.current = null;
    }
  });
  return useCallback((get) => {
    target.current = get;
    setAsked((n) => n + 1);
  }, []);
}

/** The same, by element id. */
export function useFocusById(): (id: string) => void {
  const focusAfter = useFocusAfterRender();
  return useCallback((id) => focusAfter(() => document.getElementById(id)), [focusAfter]);
}

/**
 * A form opened by a button: closing without saving returns focus to that button (saving moves it
 * to a status message instead, which the caller announces).
 */
export function useOpener() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const focusAfter = useFocusAfterRender();
  const close = useCallback(
    (saved: boolean) => {
      setOpen(false);
      if (!saved) focusAfter(() => opener.current);
    },
    [focusAfter],
  );
  return { open, opener, show: useCallback(() => setOpen(true), []), close };
}

/** A form's heading that takes the focus when the form opens, so the reader lands in it. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** A status line for the results of edits; `announce(text, true)` also moves focus to it. */
export function useStatusMessage() {
  const [text, setText] = useState<string | null>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  const focusAfter = useFocusAfterRender();
  const announce = useCallback(
    (next: string | null, focus = true) => {
      setText(next);
      if (focus && next) focusAfter(() => ref.current);
    },
    [focusAfter],
  );
  return { text, ref, announce };
}
export type StatusMessageState = ReturnType<typeof useStatusMessage>;

/** Rendered even when empty: a live region must exist before its text changes to be announced. */
export function StatusLine({ text, testId, ref }: { text: string | null; testId?: string; ref?: Ref<HTMLParagraphElement> }) {
  return (
    <p role="status" tabIndex={-1} ref={ref} className="kehra-status" data-testid={testId}>
      {text}
    </p>
  );
}

export function StatusMessage({ status, testId }: { status: StatusMessageState; testId: string }) {
  return <StatusLine text={status.text} ref={status.ref} testId={testId} />;
}

/** The server's message for a failed save (it names what was wrong), as an HDS error notification. */
export function SaveError({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Notification type="error" label={t('kehra.form.failed')} data-testid={testId}>
      {errorMessage(error)}
    </Notification>
  );
}
