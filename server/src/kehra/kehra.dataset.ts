import { areaMembershipOf } from '../areas/area-membership.js';
import { THEME_LINKS } from '../reference-data/theme-links.js';
import { defineDataset } from '../collections/dataset.js';
import { and, anyOf, areaLinkWhere, bboxWhere, isoTime, raw, themeLinkWhere, themesJson, type Sql } from '../collections/sql.js';
import { DEV_AREA_STATUSES, KEHRA_CSV_COLUMNS, KehraQuery, type KehraFilter } from '../contracts/kehra.js';

/** Kehrä groups' working districts that share more than a boundary with any of the given areas (bound: the id array). */
export const overlapsAreasSql = (geom: string) =>
  `EXISTS (SELECT 1 FROM areas fa WHERE fa.id = ANY(?::int[]) AND fa.geom && ${geom}
             AND ST_Intersects(fa.geom, ${geom}) AND NOT ST_Touches(fa.geom, ${geom}))`;

export const devAreaAreas = areaMembershipOf('kehra_dev_areas');

/** WHERE over `kehra_dev_areas k`; every value bound. */
export const devAreaWhere = (f: KehraFilter): Sql =>
  and([
    f.bbox && bboxWhere('k.geom', f.bbox),
    f.area && areaLinkWhere(devAreaAreas, 'k', f.area),
    f.theme && themeLinkWhere(THEME_LINKS.kehraDevAreas, 'k', f.theme),
    f.group && anyOf('k.kehra_group_id', f.group, 'int'),
    f.status && anyOf('k.status', f.status),
  ]);

/** A development area's properties (over `kehra_dev_areas k JOIN kehra_groups g`). */
export const devAreaProps = raw(`json_build_object('id', k.id, 'groupId', g.id, 'groupName', g.name, 'name', k.name,
  'description', k.description, 'themes', ${themesJson(THEME_LINKS.kehraDevAreas, 'k')}, 'status', k.status, 'version', k.version,
  'updatedAt', ${isoTime('k.updated_at')})`);

export const kehraDataset = defineDataset<KehraFilter>({
  id: 'kehra-areas',
  path: 'kehra',
  source: { table: 'kehra_dev_areas', alias: 'k', joins: 'JOIN kehra_groups g ON g.id = k.kehra_group_id' },
  orderBy: 'k.id',
  query: KehraQuery,
  where: devAreaWhere,
  listProps: devAreaProps,
  csv: { columns: KEHRA_CSV_COLUMNS },
  limits: { list: 1000, export: 100_000 },
  ogc: {
    title: 'Kehrä-kehittämisalueet (development areas of local development groups)',
    description:
      'Areas that Kehrä groups (residents, businesses and the city in equal thirds) develop, with the group, themes and status.',
    filters: ['theme'],
    queryables: [
      { name: 'id', sql: 'k.id', type: 'integer' },
      { name: 'groupId', sql: 'g.id', type: 'integer' },
      { name: 'groupName', sql: 'g.name', type: 'string' },
      { name: 'name', sql: 'k.name', type: 'string' },
      { name: 'status', sql: 'k.status', type: 'string', enum: DEV_AREA_STATUSES },
      { name: 'version', sql: 'k.version', type: 'integer' },
      { name: 'updatedAt', sql: 'k.updated_at', type: 'datetime' },
    ],
  },
});
