// What other features may use of the budgeting feature.
export { EnterIdeaIntoRound } from './EnterIdeaIntoRound';
export { milestoneTitle } from './names';
