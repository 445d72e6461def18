// What other features may use of the areas feature.
export { AreaPicker } from './AreaPicker';
export { CoordinateFields, parseCoordinates } from './CoordinateFields';
export { PointMarker } from './PointMarker';
export { ZoomToArea } from './ZoomToArea';
