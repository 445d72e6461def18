import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ACTIVITIES_DEFAULT_LIMIT,
  ACTIVITIES_EXPORT_MAX,
  ACTIVITY_CSV_COLUMNS,
  ActivitiesExportQuery,
  ActivitiesQuery,
  type ActivityFilter,
} from '../contracts/activities.js';
import { defineDataset } from '../collections/dataset.js';
import { areaMembershipOf } from '../areas/area-membership.js';
import { THEME_LINKS } from '../reference-data/theme-links.js';
import {
  and,
  anyOf,
  areaLinkWhere,
  bboxWhere,
  isoTime,
  raw,
  themeLinkWhere,
  themesJson,
  timeWindowWhere,
} from '../collections/sql.js';

export const activityAreas = areaMembershipOf('activities');

/** The FROM of every activities query: the clusters, overlaps and (later) tiles share it. */
export const activitiesSource = { table: 'activities', alias: 't', joins: 'JOIN departments d ON d.id = t.department_id' };

/** WHERE of a filter over `activities t JOIN departments d`; every value bound. */
export const activityWhere = (f: ActivityFilter) =>
  and([
    f.bbox && bboxWhere('t.geom', f.bbox),
    f.area && areaLinkWhere(activityAreas, 't', f.area),
    f.theme && themeLinkWhere(THEME_LINKS.activities, 't', f.theme),
    f.department && anyOf('d.slug', f.department),
    f.kind && anyOf('t.kind', f.kind),
    f.status && anyOf('t.status', f.status),
    timeWindowWhere('t.starts_at', 't.ends_at', f),
    f.demo === 'exclude' && raw('NOT t.is_demo'),
    f.demo === 'only' && raw('t.is_demo'),
  ]);

/** The map properties of an activity, as json_build_object arguments. */
const listArgs = `
  'id', t.id, 'department', d.slug, 'departmentColor', d.color, 'kind', t.kind, 'status', t.status,
  'titleFi', t.title_fi, 'titleSv', t.title_sv, 'titleEn', t.title_en,
  'startsAt', ${isoTime('t.starts_at')}, 'endsAt', ${isoTime('t.ends_at')},
  'themes', ${themesJson(THEME_LINKS.activities, 't')}, 'isDemo', t.is_demo`;

/** json_build_object has a 100-argument limit; the full set is the list set merged with these. */
const extraArgs = `
  'descriptionFi', t.description_fi, 'descriptionSv', t.description_sv, 'descriptionEn', t.description_en,
  'contact', t.contact, 'url', t.url, 'source', t.source, 'sourceId', t.source_id,
  'updatedAt', ${isoTime('t.updated_at')}`;

export const activityListProps = raw(`json_build_object(${listArgs})`);
export const activityFullProps = raw(`(jsonb_build_object(${listArgs}) || jsonb_build_object(${extraArgs}))`);

export const activitiesDataset = defineDataset<ActivityFilter>({
  id: 'activities',
  path: 'activities',
  source: activitiesSource,
  orderBy: 't.id',
  query: ActivitiesQuery,
  exportQuery: ActivitiesExportQuery,
  where: activityWhere,
  listProps: activityListProps,
  fullProps: activityFullProps,
  csv: { columns: ACTIVITY_CSV_COLUMNS },
  limits: { list: ACTIVITIES_DEFAULT_LIMIT, export: ACTIVITIES_EXPORT_MAX },
  ogc: {
    title: 'Kaupungin toiminta (activities of every department)',
    description:
      'Projects, services, events, construction, planning and participation of the City of Helsinki departments. Demo rows have isDemo=true.',
    filters: ['theme', 'department', 'kind', 'status'],
    interval: ['t.starts_at', 't.ends_at'],
    queryables: [
      { name: 'id', sql: 't.id', type: 'integer' },
      { name: 'department', sql: 'd.slug', type: 'string', description: 'Department slug' },
      { name: 'kind', sql: 't.kind', type: 'string', enum: ACTIVITY_KINDS },
      { name: 'status', sql: 't.status', type: 'string', enum: ACTIVITY_STATUSES },
      { name: 'titleFi', sql: 't.title_fi', type: 'string' },
      {
        name: 'source',
        sql: 't.source',
        type: 'string',
        description: 'Where the activity came from (servicemap, linkedevents, …)',
      },
      { name: 'sourceId', sql: 't.source_id', type: 'string', description: 'Its id in that source' },
      { name: 'startsAt', sql: 't.starts_at', type: 'datetime' },
      { name: 'endsAt', sql: 't.ends_at', type: 'datetime' },
      { name: 'isDemo', sql: 't.is_demo', type: 'boolean' },
    ],
  },
  tiles: {
    title: 'Kaupungin toiminta (activities of every department)',
    description: 'Projects, services, events, construction, planning and participation of the City of Helsinki departments.',
    attribution: 'Helsingin kaupunki, Kaupunki kartalla (CC BY 4.0)',
    minzoom: 0,
    maxzoom: 16,
    attributes: [
      { name: 'id', sql: 't.id', type: 'Number', description: 'Activity id: details at /api/activities/{id}' },
      { name: 'department', sql: 'd.slug', type: 'String', description: 'Department slug (colour from /api/departments)' },
      { name: 'kind', sql: 't.kind', type: 'String', description: ACTIVITY_KINDS.join(', ') },
      { name: 'status', sql: 't.status', type: 'String', description: ACTIVITY_STATUSES.join(', ') },
      {
        name: 'label',
        sql: 'left(t.title_fi, 60)',
        type: 'String',
        description: 'Finnish title, at most 60 characters (zoom 14 and closer)',
        minzoom: 14,
      },
      // The map labels lines and areas in the reader's language; a missing translation falls back to Finnish.
      {
        name: 'labelSv',
        sql: 'left(coalesce(t.title_sv, t.title_fi), 60)',
        type: 'String',
        description: 'Swedish title (else the Finnish), at most 60 characters (zoom 14 and closer)',
        minzoom: 14,
      },
      {
        name: 'labelEn',
        sql: 'left(coalesce(t.title_en, t.title_fi), 60)',
        type: 'String',
        description: 'English title (else the Finnish), at most 60 characters (zoom 14 and closer)',
        minzoom: 14,
      },
    ],
    revisionKey: 'activities',
  },
  feed: { updated: 't.updated_at' },
});
