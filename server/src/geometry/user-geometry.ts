import type { Knex } from 'knex';
import { fieldIssue, HttpError } from '../http/errors.js';

/**
 * Geometry drawn by a person (an idea, a Kehrä development area, an overlap query) is checked
 * before it is stored: the GeoJSON must be well-formed, simple and valid as PostGIS sees it, inside
 * the city, and not absurdly large. Each failure is a 400 whose message says what is wrong.
 */
export interface GeometryLimits {
  maxVertices: number;
  /** Largest accepted polygon area in square kilometres. */
  maxAreaKm2: number;
  allowedTypes: readonly string[];
}

export const DEFAULT_GEOMETRY_LIMITS: GeometryLimits = {
  maxVertices: 2000,
  maxAreaKm2: 50,
  allowedTypes: ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'],
};

type Position = number[];

/**
 * A refused shape: the message in English, and as details a stable code (what the client words in
 * the reader's language) on the `geometry` field; a caller whose field has another name re-homes it.
 */
const invalid = (code: string, message: string, params?: Record<string, unknown>) =>
  new HttpError(400, 'invalid_geometry', message, [fieldIssue(['geometry'], code, message, params)]);

/** The same refusal said of another field of the body (`meetingPlace`, `area`). */
export function geometryErrorAt(err: HttpError, field: string): HttpError {
  const details = Array.isArray(err.details)
    ? (err.details as { path: string[] }[]).map((d) => ({ ...d, path: [field, ...d.path.slice(1)] }))
    : err.details;
  return new HttpError(err.status, err.code, `${field}: ${err.message}`, details);
}

function isPosition(p: unknown): p is Position {
  return Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function checkPositions(list: unknown, minLength: number, what: string): Position[] {
  if (!Array.isArray(list) || list.length < minLength)
    throw invalid('geometry_too_few_positions', `${what} needs at least ${minLength} positions`, { minimum: minLength });
  list.forEach((p, i) => {
    if (!isPosition(p))
      throw invalid('geometry_bad_position', `${what}: position ${i} is not a [longitude, latitude] pair of numbers`);
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
      throw invalid('geometry_bad_position', `${what}: position ${i} (${p[0]}, ${p[1]}) is not a longitude/latitude in degrees`);
    }
  });
  return list as Position[];
}

function checkRing(ring: unknown, what: string): number {
  const ps = checkPositions(ring, 4, what);
  const [a, b] = [ps[0], ps[ps.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1])
    throw invalid('geometry_ring_not_closed', `${what} is not closed: its first and last positions differ`);
  return ps.length;
}

/** PostGIS's ST_IsValidReason as a code: the kinds a person can draw by hand, else one for the rest. */
function validityCode(reason: string): string {
  if (/self-intersection|ring self-intersection/i.test(reason)) return 'geometry_self_intersection';
  if (/too few points/i.test(reason)) return 'geometry_too_few_positions';
  return 'geometry_not_valid';
}

/** Structural checks in Node (shape of the JSON); returns the number of vertices. */
export function checkGeoJsonShape(geometry: unknown, limits: GeometryLimits = DEFAULT_GEOMETRY_LIMITS): number {
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (!g || typeof g !== 'object' || typeof g.type !== 'string')
    throw invalid('geometry_not_geojson', 'geometry must be a GeoJSON geometry object with a type');
  if (!limits.allowedTypes.includes(g.type)) {
    throw invalid(
      'geometry_type_not_accepted',
      `geometry type ${g.type} is not accepted here (use one of: ${limits.allowedTypes.join(', ')})`,
    );
  }
  const c = g.coordinates;
  let vertices = 0;
  const polygon = (rings: unknown, what: string) => {
    if (!Array.isArray(rings) || rings.length === 0) throw invalid('geometry_not_geojson', `${what} has no rings`);
    rings.forEach((r, i) => (vertices += checkRing(r, `${what} ring ${i}`)));
  };
  switch (g.type) {
    case 'Point':
      checkPositions([c], 1, 'Point');
      vertices = 1;
      break;
    case 'MultiPoint':
      vertices = checkPositions(c, 1, 'MultiPoint').length;
      break;
    case 'LineString':
      vertices = checkPositions(c, 2, 'LineString').length;
      break;
    case 'MultiLineString':
      if (!Array.isArray(c) || c.length === 0) throw invalid('geometry_not_geojson', 'MultiLineString has no lines');
      c.forEach((l, i) => (vertices += checkPositions(l, 2, `MultiLineString line ${i}`).length));
      break;
    case 'Polygon':
      polygon(c, 'Polygon');
      break;
    case 'MultiPolygon':
      if (!Array.isArray(c) || c.length === 0) throw invalid('geometry_not_geojson', 'MultiPolygon has no polygons');
      c.forEach((p, i) => polygon(p, `MultiPolygon polygon ${i}`));
      break;
  }
  if (vertices > limits.maxVertices)
    throw invalid('geometry_too_many_vertices', `geometry has ${vertices} vertices; at most ${limits.maxVertices} are accepted`, {
      maximum: limits.maxVertices,
    });
  return vertices;
}

/**
 * Full check: shape in Node, then validity, size and location in PostGIS. Returns the GeoJSON
 * text to bind when storing (`ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)`).
 */
export async function validateUserGeometry(
  knex: Knex,
  geometry: unknown,
  limits: GeometryLimits = DEFAULT_GEOMETRY_LIMITS,
): Promise<string> {
  checkGeoJsonShape(geometry, limits);
  const text = JSON.stringify(geometry);
  const { rows } = await knex.raw(
    `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326) AS geom),
          -- Only the districts the shape reaches are unioned: one polygon for most ideas.
          city AS (SELECT ST_Union(a.geom) AS geom
                     FROM areas a, g WHERE a.level = 'suurpiiri' AND a.geom && g.geom),
          known AS (SELECT EXISTS (SELECT 1 FROM areas WHERE level = 'suurpiiri') AS has_city)
     SELECT ST_IsValid(g.geom) AS valid,
            ST_IsValidReason(g.geom) AS reason,
            ST_IsSimple(g.geom) AS simple,
            GeometryType(g.geom) AS type,
            ST_Area(g.geom::geography) / 1e6 AS area_km2,
            known.has_city,
            coalesce(ST_CoveredBy(g.geom, city.geom), false) AS inside
       FROM g, city, known`,
    [text],
  );
  const r = rows[0] as {
    valid: boolean;
    reason: string;
    simple: boolean;
    type: string;
    area_km2: number;
    has_city: boolean;
    inside: boolean;
  };
  // PostGIS words its reason in English only: the code tells the client which kind, the reason stays for the curious.
  if (!r.valid) throw invalid(validityCode(r.reason), `geometry is not valid: ${r.reason}`, { reason: r.reason });
  // Lines that cross themselves are valid in PostGIS but never what a person meant to draw.
  if (/LINESTRING/.test(r.type) && !r.simple) throw invalid('geometry_line_crosses_itself', 'line crosses itself');
  if (r.area_km2 > limits.maxAreaKm2) {
    throw invalid('geometry_too_large', `area is ${r.area_km2.toFixed(1)} km²; at most ${limits.maxAreaKm2} km² is accepted`, {
      maximum: limits.maxAreaKm2,
    });
  }
  if (r.has_city && !r.inside) throw invalid('geometry_outside_city', 'geometry lies (partly) outside the city of Helsinki');
  return text;
}
