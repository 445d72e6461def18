import { activitiesTileLayer } from '../activities/activities.tiles.js';
import { ideasTileLayer } from '../ideas/ideas.tiles.js';
import type { TileLayer } from './tile-layer.js';

/** Datasets served as vector tiles under /tiles. */
export const tileLayers: readonly TileLayer<unknown>[] = [activitiesTileLayer, ideasTileLayer];
