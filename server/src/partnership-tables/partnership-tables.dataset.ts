import { areaMembershipOf } from '../areas/area-membership.js';
import { THEME_LINKS } from '../reference-data/theme-links.js';
import { defineDataset } from '../collections/dataset.js';
import {
  and,
  areaLinkWhere,
  bboxWhere,
  featureJson,
  isoTime,
  raw,
  sql,
  themeLinkWhere,
  themesJson,
  themesText,
  type Sql,
} from '../collections/sql.js';
import { TABLE_CSV_COLUMNS, TablesQuery, type TableFilter } from '../contracts/partnership-tables.js';

export const tableAreas = areaMembershipOf('partnership_tables');

/** WHERE over `partnership_tables t`: a table shows where its area or its meeting place is. */
export const tableWhere = (f: TableFilter): Sql =>
  and([
    f.bbox &&
      sql`(${bboxWhere('t.geom', f.bbox)}
           OR t.meeting_place && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326))`,
    // Districts by the membership rule: a picked district with its parents and sub-districts, else what the area meets.
    f.area && areaLinkWhere(tableAreas, 't', f.area),
    f.theme && themeLinkWhere(THEME_LINKS.partnershipTables, 't', f.theme),
    f.department &&
      sql`EXISTS (SELECT 1 FROM departments d WHERE d.id = t.department_id AND d.slug = ANY(${f.department}::text[]))`,
  ]);

const nextMeeting = `(SELECT ${isoTime('min(m.starts_at)')} FROM partnership_table_meetings m WHERE m.table_id = t.id AND m.starts_at >= now())`;
const participants = '(SELECT count(*)::int FROM partnership_table_participants p WHERE p.table_id = t.id)';
const mapProps = (role: 'meeting_place' | 'area') =>
  sql`json_build_object('id', t.id, 'name', t.name, 'convener', t.convener,
        'themes', ${raw(themesJson(THEME_LINKS.partnershipTables, 't'))}, 'role', ${role}::text, 'meetingPlaceName', t.meeting_place_name,
        'nextMeeting', ${raw(nextMeeting)}, 'participants', ${raw(participants)}, 'isDemo', t.is_demo)`;

const publicParticipants = `(SELECT string_agg(p.name || ' (' || coalesce(p.organisation || ', ', '') || p.sector || ')', '; '
                                  ORDER BY p.sector, p.name, p.id)
                                FROM partnership_table_participants p WHERE p.table_id = t.id AND p.public)`;

/** Downloads and OGC: one feature per table, its area as geometry and the meeting place as properties. */
const fullArgs = `'id', t.id, 'name', t.name, 'convener', t.convener, 'description', t.description,
  'themes', ${themesText(THEME_LINKS.partnershipTables, 't')}, 'areaId', t.area_id, 'meetingPlaceName', t.meeting_place_name,
  'meetingLon', round(ST_X(t.meeting_place)::numeric, 6)::float8, 'meetingLat', round(ST_Y(t.meeting_place)::numeric, 6)::float8,
  'participants', ${participants}, 'nextMeeting', ${nextMeeting}`;

export const partnershipTablesDataset = defineDataset<TableFilter>({
  id: 'partnership-tables',
  path: 'partnership-tables',
  source: { table: 'partnership_tables', alias: 't' },
  orderBy: 't.id',
  query: TablesQuery,
  where: tableWhere,
  listProps: mapProps('area'),
  // The map shows each table twice: its meeting place (a point) and its area (a polygon).
  listFeatures: sql`CASE WHEN t.meeting_place IS NULL
      THEN json_build_array(${featureJson('t', mapProps('area'), { id: `t.id || '-area'` })})
      ELSE json_build_array(${featureJson('t', mapProps('meeting_place'), { id: `t.id || '-place'`, geom: 't.meeting_place' })},
                            ${featureJson('t', mapProps('area'), { id: `t.id || '-area'` })}) END`,
  // Only participants who agreed to be published, as "name (organisation, sector)"; never contact details.
  fullProps: raw(`jsonb_build_object(${fullArgs}, 'publicParticipants', ${publicParticipants})`),
  csv: { columns: TABLE_CSV_COLUMNS },
  limits: { list: 1000, export: 100_000 },
  ogc: {
    title: 'Kumppanuuspöydät (partnership tables)',
    description:
      'Partnership tables convened by the city around themes: the area each concerns, its convener, meeting place and next meeting.',
    filters: ['theme'],
    queryables: [
      { name: 'id', sql: 't.id', type: 'integer' },
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'convener', sql: 't.convener', type: 'string' },
      { name: 'areaId', sql: 't.area_id', type: 'integer' },
      { name: 'participants', sql: participants, type: 'integer' },
    ],
  },
});
