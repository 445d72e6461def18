import { Notification } from 'hds-react';

interface FormErrorSummaryProps {
  /** The element's id: a form's field targets end with it, so a failure without a field lands here. */
  id: string;
  label: string;
  message: string | undefined;
  testId?: string;
}

/** What is wrong with the whole form, above it; always rendered so the focus has somewhere to go. */
export function FormErrorSummary({ id, label, message, testId }: FormErrorSummaryProps) {
  return (
    <div id={id} tabIndex={-1} className="idea-form-summary">
      {message && (
        <Notification type="error" label={label} data-testid={testId}>
          {message}
        </Notification>
      )}
    </div>
  );
}
