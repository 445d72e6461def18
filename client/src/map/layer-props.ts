/** What the map tells every registered layer; layers read their own data from queries. */
export interface MapLayerProps {
  zoom: number;
}
