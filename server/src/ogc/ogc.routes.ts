import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import {
  CRS84,
  OGC_CRS,
  OGC_CRS_URIS,
  OGC_DEFAULT_LIMIT,
  OgcCollectionQuery,
  OgcItemQuery,
  OgcItemsQuery,
  type OgcCollectionInfo,
} from '../contracts/ogc.js';
import { HttpError, notFound } from '../http/errors.js';
import { licenseLink, OPEN_DATA_ATTRIBUTION } from '../http/open-data.js';
import { cql2ToSql, queryablesSchema } from './cql2.js';
import {
  collectionHtml,
  collectionsHtml,
  conformanceHtml,
  itemHtml,
  itemsHtml,
  landingHtml,
  wantsHtml,
  type FeatureView,
} from './ogc-html.js';
import type { OgcCollection } from './ogc-collection.js';
import { crs84BboxOf } from './ogc.repository.js';
import { GEOJSON, openApi, OPENAPI_TYPE } from './openapi.js';

/**
 * OGC API – Features Part 1 (Core + GeoJSON) over every collection given (areas per level,
 * activities, ideas, …), so QGIS ("WFS / OGC API – Features" connection) and GDAL (`OAPIF:`
 * driver) open the layers directly. https://docs.ogc.org/is/17-069r4/17-069r4.html
 * Part 2 (CRS by reference, https://docs.ogc.org/is/18-058r1/18-058r1.html): every collection
 * answers in each of OGC_CRS (`crs`, `bbox-crs`, `Content-Crs`), through the one page query.
 */
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  // Part 3 (filtering) with CQL2 text: comparisons, AND/OR/NOT, IS NULL on each collection's queryables.
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
];
const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';
const EXTRA_FILTERS = ['theme', 'department', 'kind', 'status', 'stage'] as const;

const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}/ogc`;
const json = (res: Response, body: unknown, type = 'application/json') => res.type(type).send(JSON.stringify(body));
/** The body as JSON, or as the HTML `view` of it for a browser (ogc-html.ts). */
function respond<B>(req: Request, res: Response, body: B, view: (b: B) => string, type = 'application/json') {
  res.vary('Accept');
  if (wantsHtml(req)) res.type('html').send(view(body));
  else json(res, body, type);
}

async function collectionInfo(knex: Knex, base: string, c: OgcCollection): Promise<OgcCollectionInfo> {
  const e = await c.extent(knex);
  const extent: OgcCollectionInfo['extent'] = { spatial: { bbox: [e.bbox ?? [-180, -90, 180, 90]], crs: CRS84 } };
  if (e.interval) extent.temporal = { interval: [e.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' };
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    attribution: OPEN_DATA_ATTRIBUTION,
    itemType: 'feature',
    crs: [...OGC_CRS_URIS],
    storageCrs: CRS84,
    extent,
    links: [
      { href: `${base}/collections/${c.id}`, rel: 'self', type: 'application/json', title: 'This collection' },
      { href: `${base}/collections/${c.id}/items`, rel: 'items', type: GEOJSON, title: 'Features (GeoJSON)' },
      {
        href: `${base}/collections/${c.id}/queryables`,
        rel: QUERYABLES_REL,
        type: 'application/schema+json',
        title: 'Queryables',
      },
      licenseLink,
    ],
  };
}

function pageLinks(req: Request, base: string, id: string, limit: number, offset: number, returned: number, matched: number) {
  const href = (o: number) => {
    const u = new URL(`${base}/collections/${id}/items`);
    for (const [k, v] of Object.entries(req.query))
      if (k !== 'offset' && k !== 'limit' && typeof v === 'string') u.searchParams.set(k, v);
    u.searchParams.set('limit', String(limit));
    if (o > 0) u.searchParams.set('offset', String(o));
    return u.toString();
  };
  const links = [
    { href: href(offset), rel: 'self', type: GEOJSON, title: 'This page' },
    { href: `${base}/collections/${id}`, rel: 'collection', type: 'application/json', title: 'The collection' },
    licenseLink,
  ];
  if (offset + returned < matched) links.push({ href: href(offset + limit), rel: 'next', type: GEOJSON, title: 'Next page' });
  if (offset > 0) links.push({ href: href(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
  return links;
}

export function ogcRouter(knex: Knex, collections: OgcCollection[]): Router {
  const r = Router();
  const collection = (id: string): OgcCollection => {
    const c = collections.find((x) => x.id === id);
    if (!c) throw notFound(`Collection ${id}`);
    return c;
  };

  r.get('/', (req, res) => {
    OgcCollectionQuery.parse(req.query);
    const base = baseUrl(req);
    respond(
      req,
      res,
      {
        title: 'Kaupunki kartalla – OGC API Features',
        description:
          'Open data of Kaupunki kartalla: Helsinki districts, the activities of every department and residents’ ideas.',
        attribution: OPEN_DATA_ATTRIBUTION,
        links: [
          { href: `${base}/`, rel: 'self', type: 'application/json', title: 'This document' },
          { href: `${base}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'API definition' },
          { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
          { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
          licenseLink,
        ],
      },
      landingHtml,
    );
  });

  r.get('/conformance', (req, res) => {
    OgcCollectionQuery.parse(req.query);
    respond(req, res, { conformsTo: CONFORMANCE }, conformanceHtml);
  });

  r.get('/api', (req, res) => {
    json(res, openApi(baseUrl(req), collections), OPENAPI_TYPE);
  });

  r.get('/collections', async (req, res) => {
    OgcCollectionQuery.parse(req.query);
    const base = baseUrl(req);
    const infos = [];
    for (const c of collections) infos.push(await collectionInfo(knex, base, c));
    const body = {
      links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }, licenseLink],
      collections: infos,
    };
    respond(req, res, body, collectionsHtml);
  });

  r.get('/collections/:cid', async (req, res) => {
    const c = collection(req.params.cid);
    OgcCollectionQuery.parse(req.query);
    respond(req, res, await collectionInfo(knex, baseUrl(req), c), collectionHtml);
  });

  r.get('/collections/:cid/queryables', (req, res) => {
    const c = collection(req.params.cid);
    OgcCollectionQuery.parse(req.query);
    const id = `${baseUrl(req)}/collections/${c.id}/queryables`;
    json(res, queryablesSchema(id, c.title, c.queryables), 'application/schema+json');
  });

  r.get('/collections/:cid/items', async (req, res) => {
    const c = collection(req.params.cid);
    const q = OgcItemsQuery.parse(req.query);
    const extra = EXTRA_FILTERS.find((k) => q[k] !== undefined && !c.filters.includes(k));
    if (extra) {
      const message = `not a property of the ${c.id} collection`;
      throw new HttpError(400, 'invalid_request', `${extra}: ${message}`, [{ path: [extra], message }]);
    }
    // A box in another CRS filters as the CRS84 box covering it (ogc.repository.ts crs84BboxOf).
    const boxCrs = q['bbox-crs'];
    if (q.bbox && boxCrs && boxCrs.srid !== 4326) q.bbox = await crs84BboxOf(knex, q.bbox, boxCrs);
    const limit = q.limit ?? OGC_DEFAULT_LIMIT;
    const offset = q.offset ?? 0;
    const base = baseUrl(req);
    const filter = q.filter === undefined ? undefined : cql2ToSql(q.filter, c.queryables);
    const { featuresJson, matched, returned } = await c.items(knex, q, { limit, offset }, filter);
    const id = req.params.cid;
    const head = {
      type: 'FeatureCollection',
      timeStamp: new Date().toISOString(),
      numberMatched: matched,
      numberReturned: returned,
      links: pageLinks(req, base, id, limit, offset, returned, matched),
    };
    res.vary('Accept');
    res.set('Content-Crs', `<${(q.crs ?? OGC_CRS[0]).uri}>`);
    if (wantsHtml(req)) {
      const body = { ...head, features: JSON.parse(featuresJson) as FeatureView[] };
      res.type('html').send(itemsHtml(c, body, (fid) => `${base}/collections/${c.id}/items/${fid}`));
      return;
    }
    res.type(GEOJSON).send(`${JSON.stringify(head).slice(0, -1)},"features":${featuresJson}}`);
  });

  r.get('/collections/:cid/items/:fid', async (req, res) => {
    const c = collection(req.params.cid);
    const q = OgcItemQuery.parse(req.query);
    const fid = /^\d{1,9}$/.test(req.params.fid) ? Number(req.params.fid) : null;
    const f = fid === null ? null : await c.item(knex, fid, q.crs);
    if (!f) throw notFound(`Feature ${req.params.fid}`);
    const base = baseUrl(req);
    const links = [
      {
        href: `${base}/collections/${c.id}/items/${fid}${q.crs ? `?crs=${encodeURIComponent(q.crs.uri)}` : ''}`,
        rel: 'self',
        type: GEOJSON,
      },
      { href: `${base}/collections/${c.id}`, rel: 'collection', type: 'application/json' },
      licenseLink,
    ];
    res.vary('Accept');
    res.set('Content-Crs', `<${(q.crs ?? OGC_CRS[0]).uri}>`);
    if (wantsHtml(req)) res.type('html').send(itemHtml(c, { ...(JSON.parse(f) as FeatureView), links }));
    else res.type(GEOJSON).send(`${f.slice(0, -1)},"links":${JSON.stringify(links)}}`);
  });
  return r;
}
