/**
 * Props that mark an HDS input invalid with its message. HDS does not set aria-invalid itself, so
 * screen readers would otherwise not hear that the field is wrong.
 */
export const errorProps = (message: string | undefined) => ({
  invalid: !!message,
  'aria-invalid': !!message,
  errorText: message,
});
