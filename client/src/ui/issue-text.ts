import { i18n } from '@/i18n';

/** An item of a 400's details (or a zod issue of the same contract, checked before sending). */
export interface CodedIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  params?: Record<string, unknown>;
  /** zod's own issues carry their bounds at the top level. */
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
}

/**
 * A refusal in the reader's language: the server's messages are English (for logs and GIS tools),
 * its stable code says which one it is (`errors.<code>`, or `errors.<code>_<origin>` for zod's
 * size codes). A code without a sentence of ours keeps the server's own message.
 */
export function issueText(issue: CodedIssue): string {
  if (!issue.code) return issue.message;
  const params = { minimum: issue.minimum, maximum: issue.maximum, origin: issue.origin, ...issue.params };
  for (const key of [`errors.${issue.code}_${String(params.origin)}`, `errors.${issue.code}`]) {
    if (i18n.exists(key)) return i18n.t(key, params);
  }
  return issue.message;
}
