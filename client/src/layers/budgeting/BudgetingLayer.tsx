import { useQuery } from '@tanstack/react-query';
import { bbox as turfBbox } from '@turf/turf';
import { useEffect, useMemo, useRef } from 'react';
import { Layer, Source, useMap } from 'react-map-gl/maplibre';
import { useMatch } from 'react-router';
import { areaCollectionQuery } from '@/layers/areas/query';
import { NO_FEATURES, sourceData, withPaint } from '@/map/layer-style';
import { resolveColor } from '@/map/theme';
import { parseRouteId } from '@/state/route-id';
import { districtLevel, potFeatures, potShading } from './pots';
import type { FeatureCollection } from '@contracts/common';
import { planFeaturesQuery, roundQuery, type PlanFeatureProperties } from './query';
import {
  BUDGETING_PLANS_SOURCE,
  BUDGETING_POTS_SOURCE,
  PLAN_COLORS,
  planColorExpression,
  plansArea,
  plansFundedLine,
  plansFundedPoint,
  plansLine,
  plansPoint,
  potBreaks,
  potColorExpression,
  potsFill,
  potsLine,
} from './style';

/** On a round's page (/budgeting/rounds/:id): its district pots shaded by € per resident, and its plans. */
export function BudgetingLayer() {
  const roundId = parseRouteId(useMatch('/budgeting/rounds/:id')?.params.id);
  const active = roundId != null;
  const round = useQuery({ ...roundQuery(roundId ?? 0), enabled: active });
  const plans = useQuery({ ...planFeaturesQuery(roundId ?? 0), enabled: active });
  const level = districtLevel(round.data);
  const areas = useQuery({ ...areaCollectionQuery(level ?? 'suurpiiri'), enabled: active && level != null });
  useFitToPlans(roundId, active ? plans.data : undefined);

  const shading = useMemo(() => (round.data ? potShading(round.data) : null), [round.data]);
  const pots = useMemo(
    () => (active && level && round.data && shading && areas.data ? potFeatures(round.data, areas.data, shading) : NO_FEATURES),
    [active, level, round.data, shading, areas.data],
  );
  const breaks = useMemo(() => potBreaks([...(shading?.values.values() ?? [])]), [shading]);

  const layers = useMemo(() => {
    const colors = {
      plan: resolveColor(PLAN_COLORS.plan),
      funded: resolveColor(PLAN_COLORS.funded),
      skipped: resolveColor(PLAN_COLORS.skipped),
    };
    const halo = resolveColor(PLAN_COLORS.halo);
    return {
      potsFill: withPaint(potsFill, { 'fill-color': potColorExpression(breaks), 'fill-opacity': 0.55 }),
      plansArea: withPaint(plansArea, { 'fill-color': planColorExpression(colors), 'fill-opacity': 0.35 }),
      plansLine: withPaint(plansLine, { 'line-color': planColorExpression(colors), 'line-width': 3 }),
      plansPoint: withPaint(plansPoint, { 'circle-color': planColorExpression(colors), 'circle-stroke-color': halo }),
      plansFundedLine: withPaint(plansFundedLine, { 'line-color': colors.funded, 'line-width': 7 }),
      plansFundedPoint: withPaint(plansFundedPoint, { 'circle-color': colors.funded, 'circle-stroke-color': halo }),
    };
  }, [breaks]);

  // Sources stay mounted (empty elsewhere) so the map's readiness never waits on this section.
  return (
    <>
      <Source id={BUDGETING_POTS_SOURCE} type="geojson" data={pots}>
        <Layer {...layers.potsFill} />
        <Layer {...potsLine} />
      </Source>
      <Source id={BUDGETING_PLANS_SOURCE} type="geojson" data={active && plans.data ? sourceData(plans.data) : NO_FEATURES}>
        <Layer {...layers.plansArea} />
        <Layer {...layers.plansLine} />
        <Layer {...layers.plansPoint} />
        <Layer {...layers.plansFundedLine} />
        <Layer {...layers.plansFundedPoint} />
      </Source>
    </>
  );
}

/** Fits the camera to the round's plans once per round (panning away afterwards is respected). */
function useFitToPlans(roundId: number | null, collection: FeatureCollection<PlanFeatureProperties> | undefined) {
  const { current: map } = useMap();
  const shown = useRef<number | null>(null);
  useEffect(() => {
    if (!map || roundId == null || !collection?.features.length) {
      if (roundId == null) shown.current = null;
      return;
    }
    if (shown.current === roundId) return;
    shown.current = roundId;
    const [w, s, e, n] = turfBbox(sourceData(collection));
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    map.fitBounds([w, s, e, n], { padding: 80, maxZoom: 15, duration: reduceMotion ? 0 : 700 });
  }, [map, roundId, collection]);
}
