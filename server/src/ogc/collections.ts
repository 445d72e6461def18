import { activitiesOgcCollection } from '../activities/activities.ogc.js';
import { areaOgcCollections } from '../areas/areas.ogc.js';
import { ideasOgcCollection } from '../ideas/ideas.ogc.js';
import type { IdeaSettings } from '../ideas/ideas.service.js';
import { kehraAreasOgcCollection } from '../kehra/kehra.ogc.js';
import { partnershipTablesOgcCollection } from '../partnership-tables/partnership-tables.ogc.js';
import type { OgcCollection } from './ogc-collection.js';

/** Every collection served at /ogc, in the order listed. A new layer adds its line here. */
export const ogcCollections = (settings: { ideas: IdeaSettings }): OgcCollection[] => [
  activitiesOgcCollection,
  ideasOgcCollection(settings.ideas),
  kehraAreasOgcCollection,
  partnershipTablesOgcCollection,
  ...areaOgcCollections,
];
