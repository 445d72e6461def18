import type { Request } from 'express';
import type { OgcCollectionInfo } from '../contracts/ogc.js';
import { OPEN_DATA_ATTRIBUTION, OPEN_DATA_LICENSE } from '../http/open-data.js';

/**
 * Small HTML views of /ogc for people who open a link in a browser (`?f=html`, or a browser's
 * `Accept: text/html`). No scripts; every value from the data is escaped, so a title holding markup
 * shows as text.
 */

/** `?f=html`, or no `f` and an Accept header preferring HTML (a browser); GIS clients ask for JSON. */
export const wantsHtml = (req: Request): boolean =>
  req.query.f === 'html' ||
  (req.query.f === undefined && req.accepts(['application/json', 'application/geo+json', 'text/html']) === 'text/html');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

interface Link {
  href: string;
  rel: string;
  title?: string;
}

/** The same URL asking for HTML, so links in a page stay pages. */
const asHtml = (href: string) => {
  const u = new URL(href);
  u.searchParams.set('f', 'html');
  return u.toString();
};

const cellText = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Kaupunki kartalla OGC API</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:80rem}table{border-collapse:collapse}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}a{color:#0000bf}
.wrap{overflow-x:auto}</style></head>
<body><header><nav aria-label="Breadcrumb"><a href="/ogc?f=html">OGC API</a> · <a href="/ogc/collections?f=html">Collections</a></nav></header>
<main><h1>${escapeHtml(title)}</h1>
${body}</main>
<footer><p>Licence: <a href="${OPEN_DATA_LICENSE.href}" rel="license">${OPEN_DATA_LICENSE.name}</a>. ${escapeHtml(OPEN_DATA_ATTRIBUTION)}</p></footer>
</body></html>`;
}

function linkList(links: readonly Link[], json = true): string {
  const item = (l: Link) => {
    const href = l.rel === 'license' || !json ? l.href : asHtml(l.href);
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(l.title ?? l.rel)}</a> (${escapeHtml(l.rel)})</li>`;
  };
  return `<ul>${links.map(item).join('')}</ul>`;
}

function table(caption: string, head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n');
  return `<div class="wrap"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table></div>`;
}
const td = (v: unknown) => `<td>${escapeHtml(cellText(v))}</td>`;

export const landingHtml = (b: { title: string; description: string; links: Link[] }) =>
  page(b.title, `<p>${escapeHtml(b.description)}</p>${linkList(b.links.filter((l) => l.rel !== 'service-desc'))}`);

export const conformanceHtml = (b: { conformsTo: string[] }) =>
  page('Conformance classes', `<ul>${b.conformsTo.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`);

type CollectionView = OgcCollectionInfo;
const itemsHref = (c: CollectionView) => c.links.find((l) => l.rel === 'items')?.href ?? '';

export const collectionsHtml = (b: { collections: CollectionView[] }) =>
  page(
    'Collections',
    table(
      'Collections',
      ['Collection', 'Description', 'Features'],
      b.collections.map((c) => [
        `<td><a href="${escapeHtml(asHtml(c.links.find((l) => l.rel === 'self')?.href ?? ''))}">${escapeHtml(c.title)}</a></td>`,
        td(c.description),
        `<td><a href="${escapeHtml(asHtml(itemsHref(c)))}">Features of ${escapeHtml(c.id)}</a></td>`,
      ]),
    ),
  );

export const collectionHtml = (c: CollectionView) =>
  page(
    c.title,
    `<p>${escapeHtml(c.description)}</p><p>Extent (CRS84): ${escapeHtml(c.extent.spatial.bbox[0]?.join(', '))}</p>` +
      `<p><a href="${escapeHtml(asHtml(itemsHref(c)))}">Features</a></p>${linkList(c.links)}`,
  );

export interface FeatureView {
  id: number | string;
  geometry: { type: string } | null;
  properties: Record<string, unknown>;
}

export function itemsHtml(
  collection: { id: string; title: string },
  b: { numberMatched: number; numberReturned: number; links: Link[]; features: FeatureView[] },
  itemHref: (id: number | string) => string,
): string {
  const keys = [...new Set(b.features.flatMap((f) => Object.keys(f.properties)))].filter((k) => k !== 'id');
  const nav = b.links.filter((l) => l.rel === 'next' || l.rel === 'prev');
  return page(
    collection.title,
    `<p>${b.numberReturned} of ${b.numberMatched} features.</p>` +
      (nav.length ? `<nav aria-label="Pages">${linkList(nav)}</nav>` : '') +
      table(
        `Features of ${collection.id}`,
        ['id', 'geometry', ...keys],
        b.features.map((f) => [
          `<td><a href="${escapeHtml(asHtml(itemHref(f.id)))}">${escapeHtml(f.id)}</a></td>`,
          td(f.geometry?.type),
          ...keys.map((k) => td(f.properties[k])),
        ]),
      ),
  );
}

export const itemHtml = (collection: { id: string; title: string }, f: FeatureView & { links: Link[] }) =>
  page(
    `${collection.title}: ${String(f.id)}`,
    table(
      `Properties of feature ${String(f.id)}`,
      ['Property', 'Value'],
      [['geometry', f.geometry?.type], ...Object.entries(f.properties)].map(([k, v]) => [
        `<th scope="row">${escapeHtml(k)}</th>`,
        td(v),
      ]),
    ) + linkList(f.links),
  );
