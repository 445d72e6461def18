import type { AreaCollection, AreaLevel } from '@contracts/areas';
import { AREA_LEVELS } from '@contracts/areas';
import type { RoundDetail } from '@contracts/budgeting';
import { collectionOf } from '@/map/layer-style';

/** A district round's level (stored in its rule), or null for the other ways of allocating. */
export function districtLevel(round: Pick<RoundDetail, 'allocation' | 'rule'> | undefined): AreaLevel | null {
  if (round?.allocation !== 'district') return null;
  const level = round.rule.level;
  return (AREA_LEVELS as readonly unknown[]).includes(level) ? (level as AreaLevel) : null;
}

/**
 * The district pots as polygons for the choropleth: each district's shape with its pot's euros.
 * The server gives no population yet, so the shading is € per pot (the legend says so).
 */
export function potFeatures(round: Pick<RoundDetail, 'pots'>, areas: AreaCollection): GeoJSON.FeatureCollection {
  const byArea = new Map(round.pots.filter((p) => p.areaId != null).map((p) => [p.areaId!, p]));
  return collectionOf(
    areas.features
      .filter((f) => byArea.has(f.properties.id))
      .map((f) => {
        const pot = byArea.get(f.properties.id)!;
        return { type: 'Feature' as const, geometry: f.geometry, properties: { potId: pot.id, amountEur: pot.amountEur } };
      }),
  );
}
