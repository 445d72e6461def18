import { activitiesDataset } from '../activities/activities.dataset.js';
import { budgetingPlansDataset, budgetingResultsDataset } from '../budgeting/budgeting.dataset.js';
import { ideasDataset } from '../ideas/ideas.dataset.js';
import type { IdeaSettings } from '../ideas/ideas.dataset.js';
import { kehraDataset } from '../kehra/kehra.dataset.js';
import { partnershipTablesDataset } from '../partnership-tables/partnership-tables.dataset.js';
import { spacesDataset } from '../spaces/spaces.dataset.js';
import type { Dataset } from './dataset.js';

/** Every dataset served by the collection mechanism, in the order /ogc lists them. A new one adds its line here. */
export const datasets = (settings: { ideas: IdeaSettings }): Dataset<never>[] =>
  [
    activitiesDataset,
    ideasDataset(settings.ideas),
    kehraDataset,
    partnershipTablesDataset,
    budgetingPlansDataset,
    budgetingResultsDataset,
    spacesDataset,
  ] as unknown as Dataset<never>[];
