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
 * What the choropleth shades: € per resident when every district pot has its residents, so a
 * small district's pot is not hidden by a large one's; otherwise (no population figures) € per pot.
 */
export interface PotShading {
  by: 'resident' | 'pot';
  /** Each district pot's shaded value, by pot id. */
  values: Map<number, number>;
}

export function potShading(round: Pick<RoundDetail, 'pots'>): PotShading {
  const district = round.pots.filter((p) => p.areaId != null);
  const by = district.length > 0 && district.every((p) => p.eurPerResident != null) ? 'resident' : 'pot';
  return { by, values: new Map(district.map((p) => [p.id, by === 'resident' ? p.eurPerResident! : p.amountEur])) };
}

/** "3,42 € / asukas": euros per resident to the cent, in the reader's language. */
export const formatPerResident = (eur: number, language: string, perResident: string) =>
  `${new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(eur)} ${perResident}`;

/** The district pots as polygons for the choropleth: each district's shape with its pot's shaded value. */
export function potFeatures(
  round: Pick<RoundDetail, 'pots'>,
  areas: AreaCollection,
  shading: PotShading,
): GeoJSON.FeatureCollection {
  const byArea = new Map(round.pots.filter((p) => p.areaId != null).map((p) => [p.areaId!, p]));
  return collectionOf(
    areas.features
      .filter((f) => byArea.has(f.properties.id))
      .map((f) => {
        const pot = byArea.get(f.properties.id)!;
        return {
          type: 'Feature' as const,
          geometry: f.geometry,
          properties: { potId: pot.id, amountEur: pot.amountEur, shade: shading.values.get(pot.id) ?? 0 },
        };
      }),
  );
}
