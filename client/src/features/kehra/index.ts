// What other features may use of the Kehrä feature.
export { ConfirmDialog } from './ConfirmDialog';
export { StatusLine, StatusMessage, useFocusById, useStatusMessage } from './Feedback';
export { FormActions } from './FormActions';
export { ThemeCheckboxes } from './ThemeCheckboxes';
