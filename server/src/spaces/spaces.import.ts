import fs from 'node:fs';
import type { Knex } from 'knex';
import { z } from 'zod';
import { SPACE_KINDS } from '../contracts/spaces.js';

/**
 * Spaces come from a source (the project's own fixture, later the Service Map's units): each is
 * upserted by (source, source_id), so loading the same file twice changes nothing.
 */

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM');
export const OpenHoursRules = z
  .array(
    z
      .object({ day: z.number().int().min(1).max(7), opens: HHMM, closes: HHMM })
      .strict()
      .refine((r) => r.opens < r.closes, 'opens must be before closes'),
  )
  .max(50);

export const SpaceInput = z
  .object({
    sourceId: z.string().min(1).max(200),
    nameFi: z.string().min(1).max(300),
    nameSv: z.string().max(300).nullish(),
    nameEn: z.string().max(300).nullish(),
    kind: z.enum(SPACE_KINDS),
    lon: z.number().min(24.5).max(25.5),
    lat: z.number().min(59.9).max(60.4),
    address: z.string().min(1).max(300),
    capacity: z.number().int().min(1).max(10_000),
    stepFree: z.boolean().default(false),
    accessibleToilet: z.boolean().default(false),
    inductionLoop: z.boolean().default(false),
    accessibilityNotes: z.string().max(2000).nullish(),
    openHours: OpenHoursRules,
    /** The venue's own phone and web page (never a person's contact). */
    phone: z.string().max(50).nullish(),
    url: z.url().max(500).nullish(),
    department: z.string().min(1).max(60),
  })
  .strict();
export type SpaceInput = z.input<typeof SpaceInput>;

export async function upsertSpaces(
  knex: Knex,
  source: string,
  spaces: SpaceInput[],
  opts: { demo?: boolean } = {},
): Promise<number[]> {
  const ids: number[] = [];
  for (const raw of spaces) {
    const s = SpaceInput.parse(raw);
    const { rows } = await knex.raw(
      `INSERT INTO spaces (name_fi, name_sv, name_en, kind, geom, address, capacity, step_free, accessible_toilet,
                           induction_loop, accessibility_notes, open_hours, phone, url, department_id, source, source_id, is_demo)
       SELECT ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, d.id, ?, ?, ?
         FROM departments d WHERE d.slug = ?
       ON CONFLICT (source, source_id) DO UPDATE SET
         name_fi = EXCLUDED.name_fi, name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind,
         geom = EXCLUDED.geom, address = EXCLUDED.address, capacity = EXCLUDED.capacity, step_free = EXCLUDED.step_free,
         accessible_toilet = EXCLUDED.accessible_toilet, induction_loop = EXCLUDED.induction_loop,
         accessibility_notes = EXCLUDED.accessibility_notes, open_hours = EXCLUDED.open_hours, phone = EXCLUDED.phone,
         url = EXCLUDED.url, department_id = EXCLUDED.department_id, is_demo = EXCLUDED.is_demo, updated_at = now()
       RETURNING id`,
      [
        s.nameFi,
        s.nameSv ?? null,
        s.nameEn ?? null,
        s.kind,
        s.lon,
        s.lat,
        s.address,
        s.capacity,
        s.stepFree,
        s.accessibleToilet,
        s.inductionLoop,
        s.accessibilityNotes ?? null,
        JSON.stringify(s.openHours),
        s.phone ?? null,
        s.url ?? null,
        source,
        s.sourceId,
        opts.demo ?? false,
        s.department,
      ],
    );
    if (!rows[0]) throw new Error(`space ${s.sourceId}: unknown department ${s.department}`);
    ids.push(rows[0].id);
  }
  return ids;
}

/** The project's own fixture (data/spaces/spaces.fixture.geojson): invented spaces, marked as such. */
export const SPACES_FIXTURE_SOURCE = 'fixture';

export function readSpacesFixture(file: string): SpaceInput[] {
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { id?: string; geometry: { coordinates: [number, number] }; properties: Omit<SpaceInput, 'lon' | 'lat'> }[];
  };
  return fc.features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}
