import { Layer, Source } from 'react-map-gl/maplibre';
import { sourceData } from '@/map/layer-style';
import { STATISTICS_SOURCE, statisticsFill } from './style';
import { useStatisticsView } from './use-statistics-view';

/** The choropleth of one Paavo figure over the zoom's district level; nothing unless ?stat= names a figure. */
export function StatisticsLayer() {
  const view = useStatisticsView();
  if (!view) return null;
  return (
    <Source id={STATISTICS_SOURCE} type="geojson" data={sourceData(view.collection)}>
      <Layer {...statisticsFill} />
    </Source>
  );
}
