import { areaOgcCollections } from '../areas/areas.ogc.js';
import { ogcCollectionOf } from '../collections/collection.service.js';
import type { Dataset } from '../collections/dataset.js';
import type { OgcCollection } from './ogc-collection.js';

/** Every collection served at /ogc, in the order listed: the datasets, then the district levels. */
export const ogcCollections = (datasets: readonly Dataset<never>[]): OgcCollection[] => [
  ...datasets.map((d) => ogcCollectionOf(d)),
  ...areaOgcCollections,
];
