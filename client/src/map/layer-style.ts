import type {
  CircleLayerSpecification,
  ExpressionInputType,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import type { GeoJsonGeometry } from '@contracts/common';

/**
 * Typed layer styles and the few builders every layer uses, so that no layer casts its paint,
 * its expressions or its source data: the casts MapLibre's types force live here, once.
 */
export type FillStyle = Omit<FillLayerSpecification, 'source'>;
export type LineStyle = Omit<LineLayerSpecification, 'source'>;
export type CircleStyle = Omit<CircleLayerSpecification, 'source'>;
export type LayerStyle = FillStyle | LineStyle | CircleStyle;

/** Colour paint values: a CSS colour or an expression giving one. */
export type ColorValue = string | ExpressionSpecification;

/** The layer with some paint properties replaced (theme colours, a department's colour). */
export function withPaint<L extends LayerStyle>(layer: L, paint: NonNullable<L['paint']>): L {
  return { ...layer, paint: { ...layer.paint, ...paint } };
}

/** The paint property that holds a layer's main colour, by layer type. */
const COLOR_PROPERTY = { fill: 'fill-color', line: 'line-color', circle: 'circle-color' } as const;

/** The layer in `color`: fill, line or circle colour by its type. */
export function withColor<L extends LayerStyle>(layer: L, color: ColorValue): L {
  return withPaint(layer, { [COLOR_PROPERTY[layer.type]]: color } as NonNullable<L['paint']>);
}

/** The layer with `visibility` set in its layout (hidden layers keep their source loaded). */
export function withVisibility<L extends LayerStyle>(layer: L, visible: boolean): L {
  return { ...layer, layout: { ...layer.layout, visibility: visible ? 'visible' : 'none' } };
}

/**
 * ['match', ['get', property], key₁, value₁, …, fallback]: a value per property value. Built from a
 * list, so TypeScript cannot see the tuple shape MapLibre's type spells out; the shape is right by
 * construction.
 */
export function matchProperty(
  property: string,
  pairs: readonly (readonly [string, ExpressionInputType])[],
  fallback: ExpressionInputType | ExpressionSpecification,
): ExpressionSpecification {
  if (!pairs.length)
    return (typeof fallback === 'object' && fallback !== null ? fallback : ['literal', fallback]) as ExpressionSpecification;
  return ['match', ['get', property], ...pairs.flat(), fallback] as unknown as ExpressionSpecification;
}

/** ['step', ['get', property], v₀, stop₁, v₁, …]: steps over a numeric property. */
export function stepProperty(property: string, steps: readonly number[]): ExpressionSpecification {
  return ['step', ['get', property], ...steps] as unknown as ExpressionSpecification;
}

/** A feature as a GeoJSON source takes it: our contracts type coordinates loosely (`unknown`). */
interface SourceFeature {
  type: 'Feature';
  geometry: GeoJsonGeometry;
  properties: unknown;
  id?: number | string;
}

/**
 * A collection of the API's contracts as source data (their geometry is valid GeoJSON by the
 * server's check). The same object, so a source whose data did not change is not set again.
 */
export function sourceData(fc: { type: 'FeatureCollection'; features: readonly SourceFeature[] }): GeoJSON.FeatureCollection {
  return fc as unknown as GeoJSON.FeatureCollection;
}

/** A new collection of these features (memoise it: a new object sets the source's data again). */
export const collectionOf = (features: readonly SourceFeature[]): GeoJSON.FeatureCollection =>
  sourceData({ type: 'FeatureCollection', features });

/** A geometry as source data (memoise it, as collectionOf). */
export const geometryData = (geometry: GeoJsonGeometry): GeoJSON.FeatureCollection =>
  collectionOf([{ type: 'Feature', geometry, properties: null }]);

/** A geometry as a feature, for turf. */
export const featureOf = (geometry: GeoJsonGeometry): GeoJSON.Feature =>
  ({ type: 'Feature', geometry, properties: null }) as unknown as GeoJSON.Feature;

export const NO_FEATURES: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** One paint property of one layer set to a (themed) value: how a theme colour reaches a layer. */
export interface PaintSetting {
  layer: LayerStyle;
  property: string;
  value: ColorValue;
}

/** The layer with the settings that name it applied (paint property names are MapLibre's own). */
export function applyPaint<L extends LayerStyle>(layer: L, settings: readonly PaintSetting[]): L {
  const own = settings.filter((s) => s.layer.id === layer.id);
  if (!own.length) return layer;
  return withPaint(layer, Object.fromEntries(own.map((s) => [s.property, s.value])) as NonNullable<L['paint']>);
}
