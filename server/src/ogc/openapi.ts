import { z } from 'zod';
import { ErrorBody } from '../contracts/common.js';
import {
  CQL2_MAX_LENGTH,
  CQL2_TEXT_NAMES,
  OGC_DEFAULT_LIMIT,
  OGC_MAX_LIMIT,
  OgcCollectionInfo,
  OgcCollections,
  OgcConformance,
  OgcFeature,
  OgcFeatureCollection,
  OgcLanding,
  OGC_CRS,
  OGC_CRS_URIS,
} from '../contracts/ogc.js';
import { OFFSET_MAX } from '../contracts/common.js';
import { OPEN_DATA_LICENSE } from '../http/open-data.js';
import type { OgcCollection, OgcExtraFilter } from './ogc-collection.js';

export const GEOJSON = 'application/geo+json';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** How `datetime` treats items without a date; the README says the same. */
export const DATETIME_SEMANTICS =
  'RFC 3339 instant or interval (a/b, ../b, a/..). An item matches when its time span (start to end; an idea: ' +
  'its submission) meets the interval; a span open at one end (no end date) extends that way. Items with no date ' +
  'at all are left out whenever datetime is given (OGC API – Features /req/core/fc-time-response), and included without it.';

/** A response schema from its zod contract: one definition of each shape, for the server and this document. */
const schemaOf = (s: z.ZodType) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { target: 'openapi-3.0' }) as Record<string, unknown>;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (type: string, schema: string) => ({
  description: 'OK',
  content: { [type]: { schema: ref(schema) }, 'text/html': { schema: { type: 'string' } } },
});
/** A features answer names the CRS of its coordinates (Part 2 /req/crs/ogc-crs-header). */
const withContentCrs = (response: ReturnType<typeof ok>) => ({
  ...response,
  headers: {
    'Content-Crs': {
      description: 'The CRS of the coordinates, as <URI>',
      schema: { type: 'string', enum: OGC_CRS_URIS.map((u) => `<${u}>`) },
    },
  },
});
const errors = { '400': { $ref: '#/components/responses/BadRequest' }, '500': { $ref: '#/components/responses/ServerError' } };
const notFound = { '404': { $ref: '#/components/responses/NotFound' } };
/** OGC API – Features Part 2: the CRS of the answer's coordinates, and of `bbox`. */
const CRS_LIST = OGC_CRS.map((c) => `${c.uri} (${c.title})`).join('; ');
const crsParam = {
  name: 'crs',
  in: 'query',
  required: false,
  description:
    `The CRS of the coordinates answered, in its own axis order (the Content-Crs header names it): ${CRS_LIST}. ` +
    'Polygons are counter-clockwise on the ground in every CRS (RFC 7946); metres are given to the centimetre.',
  schema: { type: 'string', format: 'uri', enum: [...OGC_CRS_URIS], default: OGC_CRS_URIS[0] },
};
const bboxCrsParam = {
  name: 'bbox-crs',
  in: 'query',
  required: false,
  description: `The CRS of bbox, its corners in that CRS's axis order: ${CRS_LIST}. Items meeting the CRS84 box that covers it match.`,
  schema: { type: 'string', format: 'uri', enum: [...OGC_CRS_URIS], default: OGC_CRS_URIS[0] },
};
const formatParam = {
  name: 'f',
  in: 'query',
  required: false,
  description: 'Output format; browsers asking for text/html get HTML without it',
  schema: { type: 'string', enum: ['json', 'html'] },
};

/** OpenAPI 3.0 description of /ogc (the oas30 conformance class): what GDAL and QGIS read to page and filter. */
export function openApi(base: string, collections: readonly OgcCollection[]) {
  // Which collections take each extra filter, from their own declarations.
  const takes = (k: OgcExtraFilter) =>
    collections
      .filter((c) => c.filters.includes(k))
      .map((c) => c.id)
      .join(', ');
  const query = (name: string, description: string, schema: object, extra: object = {}) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema,
    ...extra,
  });
  const list = (name: string, what: string) =>
    query(
      name,
      `Only in ${takes(name as OgcExtraFilter)}: ${what}, comma-separated (any of them)`,
      {
        type: 'array',
        items: { type: 'string' },
      },
      { style: 'form', explode: false },
    );
  const collectionId = {
    name: 'collectionId',
    in: 'path',
    required: true,
    schema: { type: 'string', enum: collections.map((c) => c.id) },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Kaupunki kartalla – OGC API Features',
      version: '1.0.0',
      license: { name: OPEN_DATA_LICENSE.name, url: OPEN_DATA_LICENSE.href },
    },
    servers: [{ url: base }],
    paths: {
      '/': {
        get: {
          summary: 'Landing page',
          parameters: [formatParam],
          responses: { '200': ok('application/json', 'Landing'), ...errors },
        },
      },
      '/conformance': {
        get: {
          summary: 'Conformance classes',
          parameters: [formatParam],
          responses: { '200': ok('application/json', 'Conformance'), ...errors },
        },
      },
      '/collections': {
        get: {
          summary: 'Collections',
          parameters: [formatParam],
          responses: { '200': ok('application/json', 'Collections'), ...errors },
        },
      },
      '/collections/{collectionId}': {
        get: {
          summary: 'One collection',
          parameters: [collectionId, formatParam],
          responses: { '200': ok('application/json', 'Collection'), ...errors, ...notFound },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          summary: 'Features of a collection',
          parameters: [
            collectionId,
            query(
              'bbox',
              'minLon,minLat,maxLon,maxLat in CRS84, or the corners in bbox-crs (six numbers with heights: the heights are ignored); items meeting the box',
              { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
              { style: 'form', explode: false },
            ),
            bboxCrsParam,
            crsParam,
            query('datetime', DATETIME_SEMANTICS, { type: 'string' }),
            query('limit', `Page size; above ${OGC_MAX_LIMIT} the maximum is used`, {
              type: 'integer',
              minimum: 1,
              maximum: OGC_MAX_LIMIT,
              default: OGC_DEFAULT_LIMIT,
            }),
            query('offset', 'Start index (the next link gives it)', {
              type: 'integer',
              minimum: 0,
              maximum: OFFSET_MAX,
              default: 0,
            }),
            list('department', 'department slugs'),
            list('theme', 'theme slugs'),
            list('kind', 'kinds'),
            list('status', 'statuses'),
            list('stage', 'stages'),
            query(
              'filter',
              'CQL2 text on the collection’s queryables: =, <>, <, <=, >, >=, IS [NOT] NULL, AND, OR, NOT, ( ); ' +
                "strings in single quotes, times as TIMESTAMP('2030-01-01T00:00:00Z'). Example: status = 'planned' AND startsAt >= TIMESTAMP('2030-01-01T00:00:00Z')",
              { type: 'string', maxLength: CQL2_MAX_LENGTH },
            ),
            query(
              'filter-lang',
              'The filter’s language; cql-text, the draft name of cql2-text, is read the same (GDAL before 3.7 asks for it)',
              { type: 'string', enum: [...CQL2_TEXT_NAMES], default: 'cql2-text' },
            ),
            formatParam,
          ],
          responses: { '200': withContentCrs(ok(GEOJSON, 'FeatureCollection')), ...errors, ...notFound },
        },
      },
      '/collections/{collectionId}/queryables': {
        get: {
          summary: 'The properties a filter may name (JSON Schema)',
          parameters: [collectionId, formatParam],
          responses: {
            '200': { description: 'OK', content: { 'application/schema+json': { schema: { type: 'object' } } } },
            ...errors,
            ...notFound,
          },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          summary: 'One feature',
          parameters: [
            collectionId,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
            crsParam,
            formatParam,
          ],
          responses: { '200': withContentCrs(ok(GEOJSON, 'Feature')), ...errors, ...notFound },
        },
      },
    },
    components: {
      schemas: {
        Landing: schemaOf(OgcLanding),
        Conformance: schemaOf(OgcConformance),
        Collections: schemaOf(OgcCollections),
        Collection: schemaOf(OgcCollectionInfo),
        FeatureCollection: schemaOf(OgcFeatureCollection),
        Feature: schemaOf(OgcFeature),
        Error: schemaOf(ErrorBody),
      },
      responses: {
        BadRequest: {
          description: 'A parameter is wrong; the message and details name it',
          content: { 'application/json': { schema: ref('Error') } },
        },
        NotFound: { description: 'No such collection or feature', content: { 'application/json': { schema: ref('Error') } } },
        ServerError: {
          description: 'Unexpected error (logged with the id given)',
          content: { 'application/json': { schema: ref('Error') } },
        },
      },
    },
  };
}
