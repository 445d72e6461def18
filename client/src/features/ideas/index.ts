// What other features may use of the ideas feature.
export { GeometryInput, type PlaceMode } from './GeometryInput';
export { HideForm } from './HideForm';
export { StageBadge } from './StageBadge';
export { ThemeFilter } from './ThemeFilter';
export { errorMessage, fieldErrors, formatDateTime, themeName } from './format';
