export { MapSearch } from './MapSearch';
