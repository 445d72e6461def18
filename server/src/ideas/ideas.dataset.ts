import { areaMembershipOf } from '../areas/area-membership.js';
import { THEME_LINKS } from '../reference-data/theme-links.js';
import { defineDataset } from '../collections/dataset.js';
import {
  and,
  anyOf,
  areaLinkWhere,
  bboxWhere,
  isoTime,
  raw,
  sql,
  themeLinkWhere,
  themesJson,
  timeWindowWhere,
  type Sql,
} from '../collections/sql.js';
import { IDEA_STAGES, IDEAS_DEFAULT_LIMIT, IDEAS_MAX_LIMIT, IdeasQuery, type IdeaFilter } from '../contracts/ideas.js';

export const ideaAreas = areaMembershipOf('ideas');

/** An idea waits when nobody from the city has answered it within `waitingDays` of submission. */
export const waitingSql = (waitingDays: number): Sql =>
  sql`(i.first_response_at IS NULL AND i.stage = 'submitted' AND i.submitted_at < now() - make_interval(days => ${waitingDays}))`;

/** WHERE over `ideas i`; hidden ideas never show in lists, downloads or OGC. */
export interface IdeaSettings {
  /** Days without a response from the city before an idea is flagged as waiting. */
  waitingDays: number;
}

export const ideaWhere = (f: IdeaFilter, settings: IdeaSettings): Sql =>
  and([
    raw('i.hidden_at IS NULL'),
    f.bbox && bboxWhere('i.geom', f.bbox),
    f.area && areaLinkWhere(ideaAreas, 'i', f.area),
    f.theme && themeLinkWhere(THEME_LINKS.ideas, 'i', f.theme),
    f.department &&
      sql`EXISTS (SELECT 1 FROM departments d WHERE d.id = i.department_id AND d.slug = ANY(${f.department}::text[]))`,
    f.stage && anyOf('i.stage', f.stage),
    timeWindowWhere('i.submitted_at', 'i.submitted_at', f),
    f.waiting !== undefined && sql`${raw(f.waiting ? '' : 'NOT ')}${waitingSql(settings.waitingDays)}`,
  ]);

/** The map properties of an idea (also its detail's, its CSV row's and its OGC feature's). */
export const ideaProps = (settings: IdeaSettings): Sql => sql`json_build_object(
  'id', i.id, 'trackingCode', i.tracking_code, 'title', i.title, 'stage', i.stage,
  'themes', ${raw(themesJson(THEME_LINKS.ideas, 'i'))},
  'submittedAt', ${raw(isoTime('i.submitted_at'))}, 'stageChangedAt', ${raw(isoTime('i.stage_changed_at'))},
  'votes', (SELECT count(*)::int FROM idea_votes v WHERE v.idea_id = i.id),
  'comments', (SELECT count(*)::int FROM idea_comments c WHERE c.idea_id = i.id AND c.hidden_at IS NULL),
  'waiting', ${waitingSql(settings.waitingDays)},
  'department', (SELECT slug FROM departments WHERE id = i.department_id), 'isDemo', i.is_demo)`;

const CSV_COLUMNS = [
  'id',
  'trackingCode',
  'title',
  'stage',
  'themes',
  'submittedAt',
  'stageChangedAt',
  'votes',
  'comments',
  'waiting',
  'department',
  'lon',
  'lat',
  'wkt',
] as const;

export const ideasDataset = (settings: IdeaSettings) =>
  defineDataset<IdeaFilter>({
    id: 'ideas',
    path: 'ideas',
    source: { table: 'ideas', alias: 'i' },
    orderBy: 'i.submitted_at DESC, i.id DESC',
    query: IdeasQuery,
    where: (f) => ideaWhere(f, settings),
    listProps: ideaProps(settings),
    csv: { columns: CSV_COLUMNS },
    limits: { list: IDEAS_DEFAULT_LIMIT, export: IDEAS_MAX_LIMIT },
    ogc: {
      title: 'Asukkaiden ideat (residents’ ideas)',
      description: 'Ideas placed on the map, with their stage, themes, votes and tracking code.',
      filters: ['theme', 'stage'],
      interval: ['i.submitted_at', 'i.submitted_at'],
      queryables: [
        { name: 'id', sql: 'i.id', type: 'integer' },
        { name: 'trackingCode', sql: 'i.tracking_code', type: 'string' },
        { name: 'title', sql: 'i.title', type: 'string' },
        { name: 'stage', sql: 'i.stage', type: 'string', enum: IDEA_STAGES },
        { name: 'submittedAt', sql: 'i.submitted_at', type: 'datetime' },
        { name: 'votes', sql: '(SELECT count(*)::int FROM idea_votes v WHERE v.idea_id = i.id)', type: 'integer' },
      ],
    },
    tiles: {
      title: 'Asukkaiden ideat (residents’ ideas)',
      description: 'Ideas placed on the map by residents, with their stage and the department that handles them.',
      attribution: 'Helsingin kaupunki, Kaupunki kartalla (CC BY 4.0)',
      minzoom: 0,
      maxzoom: 16,
      // `waiting` changes with the clock, not with a write, so no tile revision could cache it.
      notFilters: ['waiting'],
      attributes: [
        { name: 'id', sql: 'i.id', type: 'Number', description: 'Idea id: details at /api/ideas/{id}' },
        { name: 'stage', sql: 'i.stage', type: 'String', description: IDEA_STAGES.join(', ') },
        {
          name: 'department',
          sql: '(SELECT d.slug FROM departments d WHERE d.id = i.department_id)',
          type: 'String',
          description: 'Slug of the department handling the idea, when one has taken it',
        },
        {
          name: 'label',
          sql: 'left(i.title, 60)',
          type: 'String',
          description: 'Title, at most 60 characters (zoom 14 and closer)',
          minzoom: 14,
        },
      ],
      revisionKey: 'ideas',
    },
    // A stage change is what a follower wants to hear of; the description is public on the idea's page.
    feed: {
      updated: 'i.stage_changed_at',
      props: sql`(${ideaProps(settings)}::jsonb || jsonb_build_object('description', i.description))`,
    },
  });
