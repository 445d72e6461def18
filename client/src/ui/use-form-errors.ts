import { useCallback, useState } from 'react';
import type { ZodType } from 'zod';
import { useFocusAfterRender } from './Feedback';
import { contractErrors, firstInvalid, formErrors, serverFieldErrors, type FieldErrors } from './form-errors';

/**
 * A form's fields in the order it shows them, each with a CSS selector of what takes the focus
 * when it is wrong (an input's `#id`, the first checkbox of a group).
 */
export type FieldTargets = Readonly<Record<string, string>>;

interface CheckOptions {
  /** The form's sentence for a field the contract refuses, in the reader's language. */
  say?: Partial<Record<string, string>>;
  /** The form's own checks the contract cannot make (a password typed twice, a shape not yet drawn). */
  extra?: FieldErrors;
  /** The sentence above the form when anything is wrong ("Fix the marked fields"). */
  summary?: string;
}

/**
 * Field errors of a form validated with the contract its route parses: `check` runs the route's
 * zod schema on the body before sending, `fromServer` puts a 400's details on the same fields, and
 * both move the focus to the first wrong field. A small hook rather than react-hook-form: the forms'
 * bodies come from the map's drawing, district pickers and checkbox groups as much as from inputs,
 * so validating the assembled body is what matches the server, field for field.
 * `rename` maps a body field onto the form field that shows it (e.g. areaId → area).
 */
export function useFormErrors(targets: FieldTargets, rename: Readonly<Record<string, string>> = {}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const focusAfter = useFocusAfterRender();

  const show = useCallback(
    (next: FieldErrors): boolean => {
      const shown: FieldErrors = {};
      for (const [field, message] of Object.entries(next)) {
        const to = rename[field] ?? field;
        shown[to] = shown[to] && shown[to] !== message ? `${shown[to]}; ${message}` : message;
      }
      setErrors(shown);
      const first = firstInvalid(Object.keys(targets), shown);
      // After the re-render that shows the messages: an input HDS re-renders could lose an earlier focus.
      if (first) focusAfter(() => document.querySelector<HTMLElement>(targets[first]));
      return Object.keys(shown).length > 0;
    },
    [targets, rename, focusAfter],
  );

  /** True when the body passes the contract (and the extra checks); otherwise shows why and returns false. */
  const check = useCallback(
    (schema: ZodType, body: unknown, opts: CheckOptions = {}) => {
      const found = formErrors(contractErrors(schema, body), opts.say, opts.extra);
      return !show(opts.summary && Object.keys(found).length ? { form: opts.summary, ...found } : found);
    },
    [show],
  );

  /** A failed save: a 400's field messages on their fields; `form` carries the whole message. */
  const fromServer = useCallback(
    (err: unknown, formMessage?: string) => {
      const fields = serverFieldErrors(err);
      return show(formMessage ? { ...fields, form: formMessage } : fields);
    },
    [show],
  );

  /** A field's message goes as soon as it is edited; the others stay until the next check. */
  const clear = useCallback((field: string) => setErrors(({ [field]: _gone, ...rest }) => rest), []);

  return { errors, show, check, fromServer, clear, reset: useCallback(() => setErrors({}), []) };
}
