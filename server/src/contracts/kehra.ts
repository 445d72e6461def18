import { z } from 'zod';
import type { AreaSummary } from './areas.js';
import {
  BboxParam,
  DownloadFormat,
  enumList,
  Id,
  idList,
  IdParam,
  IntParam,
  Lat,
  Lon,
  OffsetParam,
  PlainText,
  Slug,
  slugList,
  type Feature,
  type FeatureCollection,
  type GeoJsonGeometry,
} from './common.js';
import type { IdeaStage } from './ideas.js';

/** Shapes of the Kehrä API (local development groups). No server imports: the client imports this file. */

// ---- sectors (shared with partnership tables) ----------------------------------------------

/** Residents and associations; businesses and organisations; the city. A Kehrä is in equal thirds. */
export const SECTORS = ['residents', 'businesses', 'city'] as const;
export const Sector = z.enum(SECTORS, { error: `sector must be one of: ${SECTORS.join(', ')}` });
export type Sector = z.infer<typeof Sector>;

export type SectorWarning =
  | { code: 'sector_missing'; sector: Sector }
  | { code: 'sector_underrepresented'; sector: Sector }
  | { code: 'too_few_participants'; min: number; count: number }
  | { code: 'too_many_participants'; max: number; count: number };

export interface SectorBalance {
  total: number;
  counts: Record<Sector, number>;
  /** Share of each sector, 0–1 (0 when there is nobody). */
  shares: Record<Sector, number>;
  missing: Sector[];
  warnings: SectorWarning[];
}

/**
 * The balance of the three sectors and its warnings: a missing sector, a sector under half of
 * its equal third, and (when a range is given, as for partnership tables) too few or many people.
 */
export function sectorBalance(sectors: readonly Sector[], range?: { min: number; max: number }): SectorBalance {
  const counts = { residents: 0, businesses: 0, city: 0 } as Record<Sector, number>;
  for (const s of sectors) counts[s] += 1;
  const total = sectors.length;
  const shares = Object.fromEntries(SECTORS.map((s) => [s, total ? counts[s] / total : 0])) as Record<Sector, number>;
  const missing = SECTORS.filter((s) => counts[s] === 0);
  const warnings: SectorWarning[] = missing.map((sector) => ({ code: 'sector_missing' as const, sector }));
  for (const s of SECTORS) {
    if (counts[s] > 0 && shares[s] < 1 / 6) warnings.push({ code: 'sector_underrepresented', sector: s });
  }
  if (range && total < range.min) warnings.push({ code: 'too_few_participants', min: range.min, count: total });
  if (range && total > range.max) warnings.push({ code: 'too_many_participants', max: range.max, count: total });
  return { total, counts, shares, missing, warnings };
}

// ---- shared input pieces -------------------------------------------------------------------

const ThemeSlug = Slug('themes are theme slugs');
export const Themes = z
  .array(ThemeSlug, { error: 'themes must be a list of theme slugs' })
  .max(8, 'choose at most 8 themes')
  .refine((a) => new Set(a).size === a.length, 'themes must not repeat');
export { Id };
export const ContactEmail = z.email({ error: 'contactEmail must be an e-mail address' }).max(254);
const Phone = z
  .string({ error: 'contactPhone must be text' })
  .regex(/^\+?[0-9 ()-]{5,30}$/, 'contactPhone must be a phone number');
export const IdList = (name: string, max = 200) =>
  z
    .array(Id(name), { error: `${name} must be a list of ids` })
    .max(max, `${name} has at most ${max} ids`)
    .refine((a) => new Set(a).size === a.length, `${name} must not repeat`);

/** A path parameter id. */
export const idParam = (name: string, _what: string) => IdParam(name);

// ---- groups --------------------------------------------------------------------------------

export const GroupBody = z
  .object({
    name: PlainText('name', 120, 3),
    description: PlainText('description', 5000, 0).optional(),
    contactName: PlainText('contactName', 200).optional(),
    contactEmail: ContactEmail.optional(),
    contactPhone: Phone.optional(),
    /** The districts (area ids, any level) the group works in. */
    areaIds: IdList('areaIds', 50).optional(),
  })
  .strict();
export type GroupBody = z.output<typeof GroupBody>;
/** A PATCH changes what it names; null empties a contact field (a person's details can be removed). */
export const GroupPatchBody = GroupBody.extend({
  contactName: PlainText('contactName', 200).nullable(),
  contactEmail: ContactEmail.nullable(),
  contactPhone: Phone.nullable(),
})
  .partial()
  .strict();
export type GroupPatchBody = z.output<typeof GroupPatchBody>;

export const MemberBody = z
  .object({
    name: PlainText('name', 200),
    sector: Sector,
    organisation: PlainText('organisation', 200).optional(),
  })
  .strict();
export type MemberBody = z.output<typeof MemberBody>;
export const MemberPatchBody = MemberBody.extend({ organisation: PlainText('organisation', 200).nullable() })
  .partial()
  .strict();
export type MemberPatchBody = z.output<typeof MemberPatchBody>;

export interface KehraContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface KehraGroupSummary {
  id: number;
  name: string;
  description: string;
  contact: KehraContact;
  districts: AreaSummary[];
  balance: SectorBalance;
  devAreaCount: number;
  /** Part of the demo story (`npm run seed:demo`). */
  isDemo: boolean;
}

export interface KehraMember {
  id: number;
  name: string;
  sector: Sector;
  organisation: string | null;
}

export interface KehraGroupDetail extends KehraGroupSummary {
  members: KehraMember[];
  devAreas: KehraDevAreaProperties[];
}

// ---- development areas ---------------------------------------------------------------------

export const DEV_AREA_STATUSES = ['idea', 'planning', 'active', 'done'] as const;
export const DevAreaStatus = z.enum(DEV_AREA_STATUSES, { error: `status must be one of: ${DEV_AREA_STATUSES.join(', ')}` });
export type DevAreaStatus = z.infer<typeof DevAreaStatus>;

export const PolygonGeometry = z.record(z.string(), z.unknown(), { error: 'geometry must be a GeoJSON Polygon or MultiPolygon' });

export const DevAreaBody = z
  .object({
    name: PlainText('name', 200, 2),
    description: PlainText('description', 5000, 0).optional(),
    themes: Themes.optional(),
    status: DevAreaStatus,
    geometry: PolygonGeometry,
  })
  .strict();
export type DevAreaBody = z.output<typeof DevAreaBody>;
export const DevAreaPatchBody = DevAreaBody.partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export type DevAreaPatchBody = z.output<typeof DevAreaPatchBody>;
export const RestoreBody = z
  .object({ version: z.number({ error: 'version must be a version number' }).int().positive().max(1_000_000) })
  .strict();

export interface KehraDevAreaProperties {
  id: number;
  groupId: number;
  groupName: string;
  name: string;
  description: string;
  themes: string[];
  status: DevAreaStatus;
  version: number;
  updatedAt: string;
}
export type KehraDevAreaFeature = Feature<KehraDevAreaProperties>;
export type KehraDevAreaCollection = FeatureCollection<KehraDevAreaProperties>;

export interface KehraDevAreaVersion {
  version: number;
  action: 'create' | 'update' | 'restore';
  restoredFrom: number | null;
  name: string;
  description: string;
  themes: string[];
  status: DevAreaStatus;
  geometry: GeoJsonGeometry;
  editedBy: string | null;
  editedAt: string;
}

export const KehraQuery = z
  .object({
    bbox: BboxParam().optional(),
    area: idList('area').optional(),
    theme: slugList('theme').optional(),
    group: idList('group').optional(),
    status: enumList('status', DEV_AREA_STATUSES).optional(),
    limit: IntParam('limit', 1, 10_000).optional(),
    offset: OffsetParam().optional(),
    format: DownloadFormat.optional(),
  })
  .strict();
export type KehraQuery = z.output<typeof KehraQuery>;
export type KehraFilter = Pick<KehraQuery, 'bbox' | 'area' | 'theme' | 'group' | 'status'>;

export const KEHRA_CSV_COLUMNS = [
  'id',
  'groupId',
  'groupName',
  'name',
  'description',
  'themes',
  'status',
  'version',
  'updatedAt',
  'wkt',
] as const;

// ---- development plan ----------------------------------------------------------------------

export const FUNDING_STATUSES = ['not_started', 'seeking_funding', 'applied', 'funded', 'not_funded'] as const;
export const FundingStatus = z.enum(FUNDING_STATUSES, { error: `fundingStatus must be one of: ${FUNDING_STATUSES.join(', ')}` });
export type FundingStatus = z.infer<typeof FundingStatus>;

export const PlanGoalsBody = z
  .object({
    goals: z
      .array(z.object({ theme: ThemeSlug, goal: PlainText('goal', 2000) }).strict(), {
        error: 'goals must be a list of { theme, goal }',
      })
      .max(50, 'at most 50 goals'),
  })
  .strict();
export type PlanGoalsBody = z.output<typeof PlanGoalsBody>;

export const PlanItemBody = z
  .object({
    ideaId: Id('ideaId'),
    note: PlainText('note', 2000, 0).optional(),
    fundingStatus: FundingStatus.optional(),
  })
  .strict();
export type PlanItemBody = z.output<typeof PlanItemBody>;
export const PlanItemPatchBody = z
  .object({ note: PlainText('note', 2000, 0).optional(), fundingStatus: FundingStatus.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give note or fundingStatus');
export type PlanItemPatchBody = z.output<typeof PlanItemPatchBody>;
/** The whole ranked list, first = most important: exactly the ideas already in the plan. */
export const PlanOrderBody = z.object({ ideaIds: IdList('ideaIds', 500) }).strict();

export interface PlanGoal {
  theme: string;
  goal: string;
}
export interface PlanItem {
  rank: number;
  ideaId: number;
  trackingCode: string;
  title: string;
  stage: IdeaStage;
  themes: string[];
  note: string;
  fundingStatus: FundingStatus;
}
export interface KehraPlan {
  groupId: number;
  goals: PlanGoal[];
  items: PlanItem[];
}
export interface PlanCandidate {
  ideaId: number;
  trackingCode: string;
  title: string;
  stage: IdeaStage;
  themes: string[];
}

// ---- who is active here --------------------------------------------------------------------

export const WhoIsActiveQuery = z
  .object({
    lon: Lon().optional(),
    lat: Lat().optional(),
    area: IdParam('area').optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const point = q.lon !== undefined || q.lat !== undefined;
    if (point && (q.lon === undefined || q.lat === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lon'], message: 'give both lon and lat' });
    }
    if (point === (q.area !== undefined))
      ctx.addIssue({ code: 'custom', path: ['area'], message: 'give either lon and lat, or area' });
  });
export type WhoIsActiveQuery = z.output<typeof WhoIsActiveQuery>;

export interface WhoIsActive {
  query: { lon: number | null; lat: number | null; area: number | null };
  /** The osa-alue (sub-district) of the point, or the area asked for. */
  places: AreaSummary[];
  kehraGroups: { id: number; name: string; contact: KehraContact; via: ('district' | 'dev_area')[] }[];
  partnershipTables: { id: number; name: string; convener: string; contact: KehraContact; nextMeeting: string | null }[];
  /** Residents' contact details stay private: an idea's contact is the official who answers for it. */
  ideas: {
    id: number;
    trackingCode: string;
    title: string;
    stage: IdeaStage;
    themes: string[];
    responsible: { name: string; department: string | null } | null;
  }[];
}
