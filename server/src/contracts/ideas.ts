import { z } from 'zod';
import type { ActivityHeadline, ActivityMilestone } from './activities.js';
import type { AreaSummary } from './areas.js';
import {
  BboxParam,
  DownloadFormat,
  enumList,
  Id,
  idList,
  Instant,
  IntParam,
  Language,
  OffsetParam,
  PlainText,
  Slug,
  slugList,
  spanOrder,
  type Feature,
  type FeatureCollection,
  type GeoJsonGeometry,
} from './common.js';

/** An idea's path: submitted → connected → refining → decision → implemented, or not taken forward. */
export const IDEA_STAGES = ['submitted', 'connected', 'refining', 'decision', 'implemented', 'not_taken_forward'] as const;
export const IdeaStage = z.enum(IDEA_STAGES, { error: `stage must be one of: ${IDEA_STAGES.join(', ')}` });
export type IdeaStage = z.infer<typeof IdeaStage>;

/** Where an idea can go when the city does not take it forward. */
export const ALTERNATIVE_ROUTES = ['other_funder', 'kehra', 'partnership_table', 'residents_own_action'] as const;
export const AlternativeRoute = z.enum(ALTERNATIVE_ROUTES, {
  error: `alternativeRoute must be one of: ${ALTERNATIVE_ROUTES.join(', ')}`,
});
export type AlternativeRoute = z.infer<typeof AlternativeRoute>;

/**
 * The allowed next stages of each stage; anything else is refused. An open idea can be closed
 * (not taken forward, with a reason and an alternative route) at any point, not only at decision:
 * otherwise an official would have to post made-up stages first.
 */
export const IDEA_TRANSITIONS: Record<IdeaStage, readonly IdeaStage[]> = {
  submitted: ['connected', 'not_taken_forward'],
  connected: ['refining', 'not_taken_forward'],
  refining: ['decision', 'not_taken_forward'],
  decision: ['implemented', 'not_taken_forward'],
  implemented: [],
  not_taken_forward: [],
};

export const StageChangeBody = z
  .object({
    to: IdeaStage,
    reason: z.string().trim().min(1, 'reason must not be empty').max(4000),
    alternativeRoute: AlternativeRoute.optional(),
    alternativeDetails: z.string().trim().max(4000).optional(),
    /** At decision: the funding or staff time reserved. */
    funding: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.to === 'not_taken_forward' && !b.alternativeRoute) {
      ctx.addIssue({
        code: 'custom',
        path: ['alternativeRoute'],
        message: 'alternativeRoute is required when an idea is not taken forward',
      });
    }
    if (b.to !== 'not_taken_forward' && b.alternativeRoute) {
      ctx.addIssue({ code: 'custom', path: ['alternativeRoute'], message: 'alternativeRoute only applies to not_taken_forward' });
    }
  });
export type StageChangeBody = z.infer<typeof StageChangeBody>;

// ---- submitting ----------------------------------------------------------------------------

export const IDEA_TITLE_MAX = 200;
export const IDEA_DESCRIPTION_MAX = 5000;

/** A new idea: a drawn geometry (point, line or polygon) or one district picked from the list. */
export const IdeaSubmitBody = z
  .object({
    title: PlainText('title', IDEA_TITLE_MAX, 3),
    description: PlainText('description', IDEA_DESCRIPTION_MAX),
    themes: z
      .array(Slug('themes are theme slugs'), { error: 'themes must be a list of theme slugs' })
      .min(1, 'choose at least one theme')
      .max(5, 'choose at most 5 themes'),
    geometry: z.record(z.string(), z.unknown(), { error: 'geometry must be a GeoJSON geometry object' }).optional(),
    areaId: Id('areaId').optional(),
    costEstimateEur: z
      .number({ error: 'costEstimateEur must be a number of euros' })
      .int('costEstimateEur must be whole euros')
      .min(0, 'costEstimateEur must not be negative')
      .max(100_000_000, 'costEstimateEur must be at most 100 000 000')
      .optional(),
    contactName: PlainText('contactName', 200).optional(),
    contactEmail: z.email({ error: 'contactEmail must be an e-mail address' }).max(254).optional(),
    /** The language the idea was written in: mails about it are written in it too. */
    language: Language.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.geometry === undefined) === (b.areaId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['geometry'], message: 'give exactly one of geometry or areaId' });
    }
  });
export type IdeaSubmitBody = z.output<typeof IdeaSubmitBody>;

export interface IdeaSubmitResponse {
  id: number;
  trackingCode: string;
  /** Where the public page of the idea is. */
  url: string;
}

// ---- listing -------------------------------------------------------------------------------

export const IDEAS_MAX_LIMIT = 5000;
export const IDEAS_DEFAULT_LIMIT = 1000;

export const IdeasQuery = z
  .object({
    bbox: BboxParam().optional(),
    area: idList('area').optional(),
    theme: slugList('theme').optional(),
    /** The department handling the idea (as on the map and in the feeds). */
    department: slugList('department').optional(),
    stage: enumList('stage', IDEA_STAGES).optional(),
    from: Instant('from').optional(),
    to: Instant('to').optional(),
    waiting: z
      .enum(['true', 'false'], { error: 'waiting must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    limit: IntParam('limit', 1, IDEAS_MAX_LIMIT).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict()
  .superRefine(spanOrder);
export type IdeasQuery = z.output<typeof IdeasQuery>;
export type IdeaFilter = Omit<IdeasQuery, 'limit' | 'offset' | 'format'>;

export interface IdeaProperties {
  id: number;
  trackingCode: string;
  title: string;
  stage: IdeaStage;
  themes: string[];
  submittedAt: string;
  stageChangedAt: string;
  votes: number;
  comments: number;
  /** No official has responded within the configured number of days. */
  waiting: boolean;
  department: string | null;
  /** Part of the demo story (`npm run seed:demo`), not a resident's idea. */
  isDemo: boolean;
}
export type IdeaCollection = FeatureCollection<IdeaProperties> & {
  numberMatched: number;
  numberReturned: number;
  limit: number;
  offset: number;
};

export interface IdeaStageEvent {
  id: number;
  from: IdeaStage | null;
  to: IdeaStage;
  at: string;
  /** Display name of who moved it; null for the submission by a visitor. */
  by: string | null;
  reason: string | null;
  alternativeRoute: AlternativeRoute | null;
  alternativeDetails: string | null;
  funding: string | null;
  /** The implementation milestone the entry tells about (a funded budgeting plan the idea is in), as it is now. */
  milestone: ActivityMilestone | null;
  /** The budgeting plan (and its round) whose implementation the milestone is part of. */
  plan: { id: number; roundId: number; title: string } | null;
}

export interface IdeaDetail extends Feature<
  IdeaProperties & {
    description: string;
    costEstimateEur: number | null;
    areas: AreaSummary[];
    responsible: { name: string; department: string | null } | null;
    alternativeRoute: AlternativeRoute | null;
    alternativeDetails: string | null;
    funding: string | null;
    hidden: { reason: string; at: string } | null;
  }
> {
  geometry: GeoJsonGeometry;
  timeline: IdeaStageEvent[];
  /** Current and coming activities of the city's departments near the idea. */
  nearby: { distance: number; activities: NearbyActivity[] };
  /** People already active in the same districts and themes. */
  activePeople: { role: 'resident' | 'official'; name: string; department: string | null; ideas: number }[];
  /** Kehrä groups and partnership tables working in the idea's sub-districts. */
  localNetworks: {
    kehraGroups: { id: number; name: string }[];
    partnershipTables: { id: number; name: string; convener: string }[];
  };
}

export const IDEA_NEARBY_DISTANCE = 250;

export interface NearbyActivity extends ActivityHeadline {
  departmentColor: string;
  distanceMetres: number;
}

// ---- taking part ---------------------------------------------------------------------------

/** How long after writing a comment its author may still edit it. */
export const COMMENT_EDIT_WINDOW_MINUTES = 15;

export const CommentBody = z
  .object({
    body: PlainText('body', 4000),
    /** Replies go one level deep: a reply to a reply attaches to the same top-level comment. */
    parentId: Id('parentId').optional(),
  })
  .strict();
export const CommentEditBody = z.object({ body: PlainText('body', 4000) }).strict();
export const ParticipateBody = z.object({ message: PlainText('message', 1000).optional() }).strict();
export const ReportBody = z
  .object({
    targetType: z.enum(['idea', 'comment'], { error: 'targetType must be idea or comment' }),
    targetId: Id('targetId'),
    reason: PlainText('reason', 1000),
  })
  .strict();
export const HideBody = z.object({ reason: PlainText('reason', 1000) }).strict();
/** A dismissal is a JSON object, with a note for the audit log if the moderator gives one; nothing else is taken. */
export const DismissBody = z
  .object({ reason: PlainText('reason', 1000).optional() }, { error: 'the body must be a JSON object' })
  .strict();

export interface IdeaComment {
  id: number;
  parentId: number | null;
  author: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  hidden: { reason: string } | null;
  replies: IdeaComment[];
}

export interface IdeaParticipation {
  votes: number;
  /** What the signed-in account has done here; all false for visitors. */
  mine: { voted: boolean; following: boolean; participating: boolean };
  participants: { name: string; message: string | null }[];
}

export interface ContentReport {
  id: number;
  targetType: 'idea' | 'comment';
  targetId: number;
  ideaId: number;
  /** The title of the idea reported, or of the idea the reported comment is on. */
  ideaTitle: string;
  excerpt: string;
  reason: string;
  createdAt: string;
  /** The reporting account's name; null when a visitor reported. */
  reporter: string | null;
}

export interface Notification {
  id: number;
  kind: 'stage_changed' | 'content_hidden' | 'comment_reply';
  ideaId: number | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}
