import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Layer, Source } from 'react-map-gl/maplibre';
import { useMatch } from 'react-router';
import { DEV_AREA_STATUSES, type DevAreaStatus } from '@contracts/kehra';
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

const EMPTY = { type: 'FeatureCollection', features: [] } as const;

/** In the Kehrä section (/kehra…): development areas by status, and partnership tables. */
export function KehraLayer() {
  const active = useMatch('/kehra/*') != null;
  const filter = useKehraFilter();
  const areas = useQuery({ ...kehraAreasQuery(filter), enabled: active });
  const tables = useQuery({ ...tablesQuery(filter), enabled: active });

  const paint = useMemo(() => {
    const colors = Object.fromEntries(DEV_AREA_STATUSES.map((s) => [s, resolveColor(STATUS_COLORS[s])])) as Record<
      DevAreaStatus,
      string
    >;
    const table = resolveColor(TABLE_COLORS.table);
    return {
      fill: { ...kehraFill.paint, 'fill-color': statusColorExpression(colors) },
      line: { ...kehraLine.paint, 'line-color': statusColorExpression(colors) },
      tableArea: { ...tablesArea.paint, 'line-color': table },
      tablePoint: { ...tablesPoint.paint, 'circle-color': table, 'circle-stroke-color': resolveColor(TABLE_COLORS.halo) },
    };
  }, []);

  // Sources stay mounted (empty off /kehra) so the map's readiness never waits on this section.
  return (
    <>
      <Source id={KEHRA_AREAS_SOURCE} type="geojson" data={((active && areas.data) || EMPTY) as never}>
        <Layer {...kehraFill} paint={paint.fill as never} />
        <Layer {...kehraLine} paint={paint.line as never} />
      </Source>
      <Source id={KEHRA_TABLES_SOURCE} type="geojson" data={((active && tables.data) || EMPTY) as never}>
        <Layer {...tablesArea} paint={paint.tableArea as never} />
        <Layer {...tablesPoint} paint={paint.tablePoint as never} />
      </Source>
    </>
  );
}
