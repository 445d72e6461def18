import { areaMembershipOf } from '../areas/area-membership.js';
import { defineDataset } from '../collections/dataset.js';
import { and, anyOf, areaLinkWhere, bboxWhere, raw, sql, type Sql } from '../collections/sql.js';
import { SPACE_CSV_COLUMNS, SPACE_KINDS, SpacesQuery, type SpaceFilter } from '../contracts/spaces.js';

export const spaceAreas = areaMembershipOf('spaces');

export const spacesSource = { table: 'spaces', alias: 's', joins: 'JOIN departments d ON d.id = s.department_id' };

/** WHERE over `spaces s JOIN departments d`; every value bound. */
export const spaceWhere = (f: SpaceFilter): Sql =>
  and([
    f.bbox && bboxWhere('s.geom', f.bbox),
    // Districts by the one membership rule (a space lies in the districts its point is in).
    f.area && areaLinkWhere(spaceAreas, 's', f.area),
    f.department && anyOf('d.slug', f.department),
    f.kind && anyOf('s.kind', f.kind),
    f.capacity !== undefined && sql`s.capacity >= ${f.capacity}`,
    // Free: no confirmed booking meets the window (requests do not hold a space).
    f.freeFrom !== undefined &&
      f.freeTo !== undefined &&
      sql`NOT EXISTS (SELECT 1 FROM space_bookings b WHERE b.space_id = s.id AND b.status = 'confirmed'
                        AND b.slot && tstzrange(${f.freeFrom}::timestamptz, ${f.freeTo}::timestamptz, '[)'))`,
  ]);

const listArgs = `'id', s.id, 'nameFi', s.name_fi, 'nameSv', s.name_sv, 'nameEn', s.name_en, 'kind', s.kind,
  'address', s.address, 'capacity', s.capacity, 'department', d.slug, 'departmentColor', d.color,
  'stepFree', s.step_free, 'isDemo', s.is_demo`;
/** The venue's own phone and web page only: a space has no person's contact to leak. */
const extraArgs = `'accessibleToilet', s.accessible_toilet, 'inductionLoop', s.induction_loop,
  'accessibilityNotes', s.accessibility_notes, 'openHours', s.open_hours, 'phone', s.phone, 'url', s.url,
  'source', s.source, 'sourceId', s.source_id`;

export const spacesDataset = defineDataset<SpaceFilter>({
  id: 'spaces',
  path: 'spaces',
  source: spacesSource,
  orderBy: 's.id',
  query: SpacesQuery,
  where: spaceWhere,
  listProps: raw(`json_build_object(${listArgs})`),
  fullProps: raw(`(jsonb_build_object(${listArgs}) || jsonb_build_object(${extraArgs}))`),
  csv: { columns: SPACE_CSV_COLUMNS },
  limits: { list: 1000, export: 100_000 },
  ogc: {
    title: 'Kaupungin tilat (shared city spaces)',
    description:
      'Premises the city lends to groups (school halls, youth centres, meeting rooms out of hours): capacity, accessibility, open hours and the venue contact. Demo rows have isDemo=true.',
    filters: ['department', 'kind'],
    queryables: [
      { name: 'id', sql: 's.id', type: 'integer' },
      { name: 'nameFi', sql: 's.name_fi', type: 'string' },
      { name: 'kind', sql: 's.kind', type: 'string', enum: SPACE_KINDS },
      { name: 'capacity', sql: 's.capacity', type: 'integer' },
      { name: 'department', sql: 'd.slug', type: 'string', description: 'Department slug' },
      { name: 'stepFree', sql: 's.step_free', type: 'boolean' },
      { name: 'isDemo', sql: 's.is_demo', type: 'boolean' },
    ],
  },
});
