import type { Knex } from 'knex';
import type { AreaLevel } from '../contracts/areas.js';

export interface AreaMatchRow {
  id: number;
  level: AreaLevel;
  name_fi: string;
  name_sv: string | null;
  parent_name_fi: string | null;
  parent_name_sv: string | null;
  lon: number;
  lat: number;
  bbox: [number, number, number, number];
}

/** `%` and `_` typed by a person are letters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Districts of every level whose Finnish or Swedish name contains the text, best first: a name
 * that starts with it, then one with a word that does, then any; coarser levels before finer.
 */
export async function areasByName(knex: Knex, q: string, limit: number): Promise<AreaMatchRow[]> {
  const text = q.toLowerCase();
  const contains = `%${escapeLike(text)}%`;
  const starts = `${escapeLike(text)}%`;
  const wordStarts = `% ${escapeLike(text)}%`;
  const { rows } = await knex.raw(
    `SELECT a.id, a.level, a.name_fi, a.name_sv, p.name_fi AS parent_name_fi, p.name_sv AS parent_name_sv,
            round(ST_X(coalesce(a.label_point, ST_PointOnSurface(a.geom)))::numeric, 6)::float8 AS lon,
            round(ST_Y(coalesce(a.label_point, ST_PointOnSurface(a.geom)))::numeric, 6)::float8 AS lat,
            json_build_array(
              round(ST_XMin(a.geom)::numeric, 6), round(ST_YMin(a.geom)::numeric, 6),
              round(ST_XMax(a.geom)::numeric, 6), round(ST_YMax(a.geom)::numeric, 6)) AS bbox
       FROM areas a LEFT JOIN areas p ON p.id = a.parent_id
      WHERE lower(a.name_fi) LIKE ? ESCAPE '\\' OR lower(coalesce(a.name_sv, '')) LIKE ? ESCAPE '\\'
      ORDER BY CASE WHEN lower(a.name_fi) LIKE ? ESCAPE '\\' OR lower(coalesce(a.name_sv, '')) LIKE ? ESCAPE '\\' THEN 0
                    WHEN lower(a.name_fi) LIKE ? ESCAPE '\\' OR lower(coalesce(a.name_sv, '')) LIKE ? ESCAPE '\\' THEN 1
                    ELSE 2 END,
               array_position(ARRAY['suurpiiri', 'peruspiiri', 'osa_alue'], a.level), a.name_fi, a.id
      LIMIT ?`,
    [contains, contains, starts, starts, wordStarts, wordStarts, limit],
  );
  return (rows as AreaMatchRow[]).map((r) => ({
    ...r,
    bbox: (typeof r.bbox === 'string' ? JSON.parse(r.bbox) : r.bbox).map(Number) as AreaMatchRow['bbox'],
  }));
}
