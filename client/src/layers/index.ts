import type { ComponentType } from 'react';
import type { MapLayerProps } from '@/map/layer-props';
import { ActivitiesLayer } from './activities/ActivitiesLayer';
import { ActivitiesLegend } from './activities/Legend';
import { ACTIVITIES_CELLS_SOURCE, ACTIVITIES_SELECTION_SOURCE } from './activities/style';
import { AreasLayer } from './areas/AreasLayer';
import { AreasLegend } from './areas/Legend';
import { AREAS_SOURCE } from './areas/style';
import { KehraLayer } from './kehra/KehraLayer';
import { KehraLegend } from './kehra/Legend';
import { KEHRA_AREAS_SOURCE, KEHRA_TABLES_SOURCE } from './kehra/style';
import { BudgetingLayer } from './budgeting/BudgetingLayer';
import { BudgetingLegend } from './budgeting/Legend';
import { BUDGETING_PLANS_SOURCE, BUDGETING_POTS_SOURCE } from './budgeting/style';
import { IdeasLayer } from './ideas/IdeasLayer';
import { IdeasLegend } from './ideas/Legend';
import { IDEAS_POINT_SOURCE, IDEAS_SHAPE_SOURCE } from './ideas/style';
import { StatisticsLegend } from './statistics/Legend';
import { StatisticsLayer } from './statistics/StatisticsLayer';
import { SpacesLegend } from './spaces/Legend';
import { SpacesLayer } from './spaces/SpacesLayer';
import { SPACES_SOURCE } from './spaces/style';

export interface MapLayerEntry {
  id: string;
  /** Renders the <Source>/<Layer>s; reads its own data from queries. */
  Component: ComponentType<MapLayerProps>;
  Legend: ComponentType;
  defaultVisible: boolean;
  /** The map reports itself ready once these sources hold data and the map is idle. */
  readySources: string[];
}

/** Bottom to top: later entries draw over earlier ones. */
export const MAP_LAYERS: MapLayerEntry[] = [
  { id: 'areas', Component: AreasLayer, Legend: AreasLegend, defaultVisible: true, readySources: [AREAS_SOURCE] },
  // Off until ?stat= names a figure; then it shades the districts under the other layers' items.
  { id: 'statistics', Component: StatisticsLayer, Legend: StatisticsLegend, defaultVisible: true, readySources: [] },
  {
    id: 'activities',
    Component: ActivitiesLayer,
    Legend: ActivitiesLegend,
    defaultVisible: true,
    // Empty off /activities; there they mount with the first viewport answer.
    // The tiles need no entry: the map is idle only once every tile it asked for has come.
    readySources: [ACTIVITIES_CELLS_SOURCE, ACTIVITIES_SELECTION_SOURCE],
  },
  {
    id: 'kehra',
    Component: KehraLayer,
    Legend: KehraLegend,
    defaultVisible: true,
    readySources: [KEHRA_AREAS_SOURCE, KEHRA_TABLES_SOURCE],
  },
  {
    id: 'ideas',
    Component: IdeasLayer,
    Legend: IdeasLegend,
    defaultVisible: true,
    readySources: [IDEAS_SHAPE_SOURCE, IDEAS_POINT_SOURCE],
  },
  {
    id: 'budgeting',
    Component: BudgetingLayer,
    Legend: BudgetingLegend,
    defaultVisible: true,
    readySources: [BUDGETING_POTS_SOURCE, BUDGETING_PLANS_SOURCE],
  },
  { id: 'spaces', Component: SpacesLayer, Legend: SpacesLegend, defaultVisible: true, readySources: [SPACES_SOURCE] },
];
