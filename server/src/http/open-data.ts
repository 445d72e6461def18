import type { RequestHandler, Response } from 'express';

/**
 * What every piece of open data leaving the server states: the licence of the project's own data
 * and whose data it carries (README "Data sources and licences" lists the same).
 */
export const OPEN_DATA_LICENSE = {
  name: 'CC BY 4.0',
  spdx: 'CC-BY-4.0',
  href: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const OPEN_DATA_ATTRIBUTION =
  'Kaupunki kartalla, Helsingin kaupunki (CC BY 4.0). Districts: © City of Helsinki, City Survey Services (CC BY 4.0). ' +
  'Service units: City of Helsinki Service Map (CC BY 4.0). Events: City of Helsinki Linked Events (CC BY 4.0). ' +
  'Land: Statistics Finland (CC BY 4.0).';

/** The licence as an OGC / RFC 8288 link object. */
export const licenseLink = {
  href: OPEN_DATA_LICENSE.href,
  rel: 'license',
  type: 'text/html',
  title: `${OPEN_DATA_LICENSE.name} (${OPEN_DATA_ATTRIBUTION})`,
};

/** The licence on a download's headers (RFC 8288), for formats with no place for it inside (CSV). */
export const sendLicenseHeader = (res: Response): void => {
  res.set('Link', `<${OPEN_DATA_LICENSE.href}>; rel="license"; title="${OPEN_DATA_LICENSE.name}"`);
};

/**
 * Read-only open data (/ogc, the .geojson/.csv downloads, /tiles, feeds): any site may read it.
 * Never on the signed-in JSON API: with `*` a browser sends no cookies, but the API's answers
 * depend on the session and its writes are CSRF-checked against this site only.
 */
export const openToEveryOrigin: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  // helmet's same-origin resource policy would stop another site's map or page from loading it.
  res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  res.set('Access-Control-Expose-Headers', 'Content-Crs, Link, ETag, Last-Modified, Content-Disposition');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, HEAD');
    res.set('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since, Accept');
    res.set('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};
