// What other features may use of the areas feature.
export { PointMarker } from './PointMarker';
export { ZoomToArea } from './ZoomToArea';
