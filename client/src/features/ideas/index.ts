// What other features may use of the ideas feature.
export { HideForm } from './HideForm';
export { StageBadge } from './StageBadge';
export { ThemeFilter } from './ThemeFilter';
