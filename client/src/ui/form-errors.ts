import type { ZodType } from 'zod';
import { ApiError } from '@/api/http';
import { issueText, type CodedIssue } from './issue-text';

/**
 * Field messages of a form, keyed by the body's top-level field (`{ title: 'title must …' }`);
 * `form` is for what belongs to no one field. The contract check before sending and a 400's details
 * after it produce the same shape, so a form shows both the same way.
 */
export type FieldErrors = Record<string, string>;

/** What a zod issue and an item of a 400's `details` have in common. */
export type FieldIssue = CodedIssue;

/** Issues per top-level field (`themes.2` is the themes field), one field's messages joined. */
export function issuesByField(issues: readonly FieldIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const field = i.path.length ? String(i.path[0]) : 'form';
    const text = issueText(i);
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  }
  return out;
}

/** What the route's own schema says about a body (nothing when the server would take it). */
export function contractErrors(schema: ZodType, body: unknown): FieldErrors {
  const result = schema.safeParse(body);
  return result.success ? {} : issuesByField(result.error.issues);
}

const isIssue = (d: unknown): d is FieldIssue =>
  !!d && typeof d === 'object' && Array.isArray((d as FieldIssue).path) && typeof (d as FieldIssue).message === 'string';

/** A 400's field messages (the error middleware's `details` for zod and badField errors); {} for anything else. */
export function serverFieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError) || err.status !== 400 || !Array.isArray(err.details)) return {};
  return issuesByField(err.details.filter(isIssue));
}

/** The first field, in the order the form shows them, that has a message. */
export const firstInvalid = (order: readonly string[], errors: FieldErrors): string | undefined => order.find((f) => errors[f]);

/**
 * The messages to show: the contract's, said in the reader's language where the form has a sentence
 * for that field (`say`), plus the form's own checks the contract cannot make (`extra`, e.g. a
 * password typed twice). A body-level contract message goes to `form`.
 */
export function formErrors(
  contract: FieldErrors,
  say: Partial<Record<string, string>> = {},
  extra: FieldErrors = {},
): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(contract)) out[field] = say[field] ?? message;
  for (const [field, message] of Object.entries(extra)) if (message) out[field] = message;
  return out;
}
