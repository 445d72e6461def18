// What other features may use of the moderation feature.
export { moderationKeys } from './moderation-queries';
