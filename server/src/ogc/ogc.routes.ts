import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import * as activitiesRepo from '../activities/activities.repository.js';
import { activityCollectionJson } from '../activities/activities.service.js';
import { AREA_LEVELS, type AreaLevel } from '../contracts/areas.js';
import { OGC_DEFAULT_LIMIT, OgcCollectionQuery, OgcItemsQuery } from '../contracts/ogc.js';
import { HttpError, notFound } from '../http/errors.js';
import * as repo from './ogc.repository.js';

/**
 * OGC API – Features Part 1 (Core + GeoJSON) over the areas (one collection per level) and the
 * activities, so QGIS ("WFS / OGC API – Features" connection) and GDAL (`OAPIF:` driver) open the
 * layers directly. https://docs.ogc.org/is/17-069r4/17-069r4.html
 */
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';

const LEVEL_TITLES: Record<AreaLevel, string> = {
  suurpiiri: 'Suurpiirit (major districts)',
  peruspiiri: 'Peruspiirit (districts)',
  osa_alue: 'Osa-alueet (sub-districts)',
};

type CollectionId = { kind: 'activities' } | { kind: 'areas'; level: AreaLevel };
function parseCollection(id: string): CollectionId {
  if (id === 'activities') return { kind: 'activities' };
  const level = id.startsWith('areas-') ? (id.slice(6) as AreaLevel) : null;
  if (level && AREA_LEVELS.includes(level)) return { kind: 'areas', level };
  throw notFound(`Collection ${id}`);
}

const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}/ogc`;
const json = (res: import('express').Response, body: unknown, type = 'application/json') => res.type(type).send(JSON.stringify(body));

async function collectionInfo(knex: Knex, base: string, c: CollectionId) {
  const id = c.kind === 'activities' ? 'activities' : `areas-${c.level}`;
  let extent: Record<string, unknown>;
  if (c.kind === 'activities') {
    const e = await activitiesRepo.activityExtent(knex);
    extent = {
      spatial: { bbox: [e.bbox ?? [-180, -90, 180, 90]], crs: CRS84 },
      temporal: { interval: [[e.start, e.end]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' },
    };
  } else {
    extent = { spatial: { bbox: [(await repo.areaExtent(knex, c.level)) ?? [-180, -90, 180, 90]], crs: CRS84 } };
  }
  return {
    id,
    title: c.kind === 'activities' ? 'Kaupungin toiminta (activities of every department)' : `Helsinki – ${LEVEL_TITLES[c.level]}`,
    description:
      c.kind === 'activities'
        ? 'Projects, services, events, construction, planning and participation of the City of Helsinki departments. Demo rows have isDemo=true.'
        : `City of Helsinki district division, level ${c.level}.`,
    itemType: 'feature',
    crs: [CRS84],
    extent,
    links: [
      { href: `${base}/collections/${id}`, rel: 'self', type: 'application/json', title: 'This collection' },
      { href: `${base}/collections/${id}/items`, rel: 'items', type: GEOJSON, title: 'Features (GeoJSON)' },
    ],
  };
}

function pageLinks(req: Request, base: string, id: string, limit: number, offset: number, returned: number, matched: number) {
  const href = (o: number) => {
    const u = new URL(`${base}/collections/${id}/items`);
    for (const [k, v] of Object.entries(req.query)) if (k !== 'offset' && k !== 'limit' && typeof v === 'string') u.searchParams.set(k, v);
    u.searchParams.set('limit', String(limit));
    if (o > 0) u.searchParams.set('offset', String(o));
    return u.toString();
  };
  const links = [
    { href: href(offset), rel: 'self', type: GEOJSON, title: 'This page' },
    { href: `${base}/collections/${id}`, rel: 'collection', type: 'application/json', title: 'The collection' },
  ];
  if (offset + returned < matched) links.push({ href: href(offset + limit), rel: 'next', type: GEOJSON, title: 'Next page' });
  if (offset > 0) links.push({ href: href(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
  return links;
}

export function ogcRouter(knex: Knex): Router {
  const r = Router();

  r.get('/', (req, res) => {
    OgcCollectionQuery.parse(req.query);
    const base = baseUrl(req);
    json(res, {
      title: 'Kaupunki kartalla – OGC API Features',
      description: 'Open data of Kaupunki kartalla: Helsinki districts and the activities of every department.',
      links: [
        { href: `${base}/`, rel: 'self', type: 'application/json', title: 'This document' },
        { href: `${base}/api`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'API definition' },
        { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
        { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      ],
    });
  });

  r.get('/conformance', (req, res) => {
    OgcCollectionQuery.parse(req.query);
    json(res, { conformsTo: CONFORMANCE });
  });

  r.get('/api', (req, res) => {
    json(res, openApi(baseUrl(req)), 'application/vnd.oai.openapi+json;version=3.0');
  });

  r.get('/collections', async (req, res) => {
    OgcCollectionQuery.parse(req.query);
    const base = baseUrl(req);
    const ids: CollectionId[] = [{ kind: 'activities' }, ...AREA_LEVELS.map((level) => ({ kind: 'areas' as const, level }))];
    const collections = [];
    for (const c of ids) collections.push(await collectionInfo(knex, base, c));
    json(res, {
      links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
      collections,
    });
  });

  r.get('/collections/:cid', async (req, res) => {
    const c = parseCollection(req.params.cid);
    OgcCollectionQuery.parse(req.query);
    json(res, await collectionInfo(knex, baseUrl(req), c));
  });

  r.get('/collections/:cid/items', async (req, res) => {
    const c = parseCollection(req.params.cid);
    const q = OgcItemsQuery.parse(req.query);
    const limit = q.limit ?? OGC_DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    const base = baseUrl(req);
    let featuresJson: string;
    let matched: number;
    let returned: number;
    if (c.kind === 'activities') {
      const out = await activityCollectionJson(
        knex,
        { bbox: q.bbox, theme: q.theme, department: q.department, kind: q.kind, status: q.status, from: q.datetime?.from, to: q.datetime?.to },
        { limit, offset },
      );
      const parsed = JSON.parse(out.body) as { features: unknown[] };
      featuresJson = JSON.stringify(parsed.features);
      matched = out.numberMatched;
      returned = out.numberReturned;
    } else {
      const extra = (['theme', 'department', 'kind', 'status'] as const).find((k) => q[k] !== undefined);
      if (extra) throw new HttpError(400, 'invalid_request', `${extra}: not a property of area collections`, [{ path: [extra], message: 'not a property of area collections' }]);
      matched = await repo.countAreas(knex, c.level, q.bbox);
      const page = await repo.areaFeaturesJson(knex, c.level, { bbox: q.bbox, limit, offset });
      featuresJson = page.json;
      returned = page.count;
    }
    const id = req.params.cid;
    const head = {
      type: 'FeatureCollection',
      timeStamp: new Date().toISOString(),
      numberMatched: matched,
      numberReturned: returned,
      links: pageLinks(req, base, id, limit, offset, returned, matched),
    };
    res.type(GEOJSON).send(`${JSON.stringify(head).slice(0, -1)},"features":${featuresJson}}`);
  });

  r.get('/collections/:cid/items/:fid', async (req, res) => {
    const c = parseCollection(req.params.cid);
    OgcCollectionQuery.parse(req.query);
    const fid = /^\d{1,9}$/.test(req.params.fid) ? Number(req.params.fid) : null;
    const base = baseUrl(req);
    const links = (id: string) => [
      { href: `${base}/collections/${id}/items/${fid}`, rel: 'self', type: GEOJSON },
      { href: `${base}/collections/${id}`, rel: 'collection', type: 'application/json' },
    ];
    if (c.kind === 'activities') {
      const row = fid === null ? null : await activitiesRepo.activityById(knex, fid);
      if (!row) throw notFound(`Feature ${req.params.fid}`);
      json(res, { type: 'Feature', id: fid, geometry: row.geometry, properties: row.properties, links: links('activities') }, GEOJSON);
      return;
    }
    const f = fid === null ? null : await repo.areaFeatureJson(knex, c.level, fid);
    if (!f) throw notFound(`Feature ${req.params.fid}`);
    res.type(GEOJSON).send(`${f.slice(0, -1)},"links":${JSON.stringify(links(`areas-${c.level}`))}}`);
  });
  return r;
}

/** A minimal OpenAPI 3.0 description of the endpoints above (the oas30 conformance class). */
function openApi(base: string) {
  const param = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
  const ok = (type: string) => ({ '200': { description: 'OK', content: { [type]: {} } } });
  return {
    openapi: '3.0.3',
    info: { title: 'Kaupunki kartalla – OGC API Features', version: '1.0.0' },
    servers: [{ url: base }],
    paths: {
      '/': { get: { summary: 'Landing page', responses: ok('application/json') } },
      '/conformance': { get: { summary: 'Conformance classes', responses: ok('application/json') } },
      '/collections': { get: { summary: 'Collections', responses: ok('application/json') } },
      '/collections/{collectionId}': {
        get: { summary: 'One collection', parameters: [{ name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } }], responses: ok('application/json') },
      },
      '/collections/{collectionId}/items': {
        get: {
          summary: 'Features of a collection',
          parameters: [
            { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } },
            param('bbox', 'minLon,minLat,maxLon,maxLat (CRS84)'),
            param('datetime', 'RFC 3339 instant or interval (a/b, ../b, a/..)'),
            param('limit', 'page size (maximum 10000)', { type: 'integer', minimum: 1, default: OGC_DEFAULT_LIMIT }),
            param('offset', 'start index', { type: 'integer', minimum: 0, default: 0 }),
            param('department', 'activities: department slugs, comma-separated'),
            param('theme', 'activities: theme slugs, comma-separated'),
            param('kind', 'activities: kinds, comma-separated'),
            param('status', 'activities: statuses, comma-separated'),
          ],
          responses: ok(GEOJSON),
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          summary: 'One feature',
          parameters: [
            { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: ok(GEOJSON),
        },
      },
    },
  };
}
