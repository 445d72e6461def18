/**
 * An Atom 1.0 document (RFC 4287) from plain values. Every text is escaped here and only here, and
 * characters XML cannot hold are dropped, so a title with `<script>` or a stray control character
 * stays text and the document stays well-formed.
 */

export interface AtomCategory {
  term: string;
  label: string;
  scheme: string;
}

export interface AtomEntry {
  /** A stable IRI: the item's page. */
  id: string;
  title: string;
  summary: string;
  link: string;
  updated: string;
  published?: string;
  categories: AtomCategory[];
  /** A point of the item for GeoRSS Simple. */
  point?: { lat: number; lon: number };
}

export interface AtomFeed {
  id: string;
  lang: string;
  title: string;
  subtitle: string;
  updated: string;
  self: string;
  alternate: string;
  author: { name: string; uri: string };
  rights: string;
  entries: AtomEntry[];
}

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlText = (s: string): string =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlText(text)}</${name}>`;
const link = (rel: string, type: string, href: string) => `<link rel="${rel}" type="${type}" href="${xmlText(href)}"/>`;

function entryXml(e: AtomEntry): string {
  return [
    '<entry>',
    el('id', e.id),
    el('title', e.title, ' type="text"'),
    link('alternate', 'text/html', e.link),
    el('updated', e.updated),
    ...(e.published ? [el('published', e.published)] : []),
    el('summary', e.summary, ' type="text"'),
    ...e.categories.map((c) => `<category term="${xmlText(c.term)}" scheme="${xmlText(c.scheme)}" label="${xmlText(c.label)}"/>`),
    ...(e.point ? [el('georss:point', `${e.point.lat} ${e.point.lon}`)] : []),
    '</entry>',
  ].join('\n');
}

export function atomXml(f: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss" xml:lang="${xmlText(f.lang)}">`,
    el('id', f.id),
    el('title', f.title, ' type="text"'),
    el('subtitle', f.subtitle, ' type="text"'),
    el('updated', f.updated),
    link('self', 'application/atom+xml', f.self),
    link('alternate', 'text/html', f.alternate),
    `<author>${el('name', f.author.name)}${el('uri', f.author.uri)}</author>`,
    el('rights', f.rights),
    el('generator', 'Kaupunki kartalla'),
    ...f.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
