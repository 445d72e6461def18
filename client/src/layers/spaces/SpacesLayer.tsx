import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Layer, Source } from 'react-map-gl/maplibre';
import { useMatch, useNavigate } from 'react-router';
import { useMapInteraction } from '@/map/interaction';
import { NO_FEATURES, sourceData, withPaint } from '@/map/layer-style';
import { resolveColor } from '@/map/theme';
import { useSpaceFilter } from './filters';
import { spacesQuery } from './query';
import { SPACE_COLORS, SPACES_SOURCE, spacesPoint } from './style';

/** In the Spaces section (/spaces…): the spaces the city lends, by the section's filters; a click opens one. */
export function SpacesLayer() {
  const active = useMatch('/spaces/*') != null;
  const filter = useSpaceFilter();
  const spaces = useQuery({ ...spacesQuery(filter), enabled: active });
  const navigate = useNavigate();
  useMapInteraction(active ? [spacesPoint.id] : [], (f) => {
    const id = f.properties?.id;
    if (id != null) void navigate({ pathname: `/spaces/${id}`, search: window.location.search });
  });
  const point = useMemo(
    () =>
      withPaint(spacesPoint, {
        ...spacesPoint.paint,
        'circle-color': resolveColor(SPACE_COLORS.space),
        'circle-stroke-color': resolveColor(SPACE_COLORS.halo),
      }),
    [],
  );
  // The source stays mounted (empty elsewhere) so the map's readiness never waits on this section.
  return (
    <Source id={SPACES_SOURCE} type="geojson" data={active && spaces.data ? sourceData(spaces.data) : NO_FEATURES}>
      <Layer {...point} />
    </Source>
  );
}
