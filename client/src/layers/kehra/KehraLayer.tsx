import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Layer, Source } from 'react-map-gl/maplibre';
import { useMatch } from 'react-router';
import { DEV_AREA_STATUSES, type DevAreaStatus } from '@contracts/kehra';
import { NO_FEATURES, sourceData, withColor, withPaint } from '@/map/layer-style';
import { resolveColor } from '@/map/theme';
import { useKehraFilter } from './filters';
import { kehraAreasQuery, tablesQuery } from './query';
import {
  KEHRA_AREAS_SOURCE,
  KEHRA_TABLES_SOURCE,
  kehraFill,
  kehraLine,
  STATUS_COLORS,
  statusColorExpression,
  TABLE_COLORS,
  tablesArea,
  tablesPoint,
} from './style';

/** In the Kehrä section (/kehra…): development areas by status, and partnership tables. */
export function KehraLayer() {
  const active = useMatch('/kehra/*') != null;
  const filter = useKehraFilter();
  const areas = useQuery({ ...kehraAreasQuery(filter), enabled: active });
  const tables = useQuery({ ...tablesQuery(filter), enabled: active });

  const layers = useMemo(() => {
    const colors = Object.fromEntries(DEV_AREA_STATUSES.map((s) => [s, resolveColor(STATUS_COLORS[s])])) as Record<
      DevAreaStatus,
      string
    >;
    const table = resolveColor(TABLE_COLORS.table);
    return {
      fill: withColor(kehraFill, statusColorExpression(colors)),
      line: withColor(kehraLine, statusColorExpression(colors)),
      tableArea: withColor(tablesArea, table),
      tablePoint: withPaint(tablesPoint, { 'circle-color': table, 'circle-stroke-color': resolveColor(TABLE_COLORS.halo) }),
    };
  }, []);

  // Sources stay mounted (empty off /kehra) so the map's readiness never waits on this section.
  return (
    <>
      <Source id={KEHRA_AREAS_SOURCE} type="geojson" data={active && areas.data ? sourceData(areas.data) : NO_FEATURES}>
        <Layer {...layers.fill} />
        <Layer {...layers.line} />
      </Source>
      <Source id={KEHRA_TABLES_SOURCE} type="geojson" data={active && tables.data ? sourceData(tables.data) : NO_FEATURES}>
        <Layer {...layers.tableArea} />
        <Layer {...layers.tablePoint} />
      </Source>
    </>
  );
}
