import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers with a content security policy the map can live with: MapLibre runs its
 * workers from blob: URLs, turns tiles and sprites into data:/blob: images, and fetches the
 * style, tiles, glyphs and sprites from the style's origin and its tile hosts
 * (https://maplibre.org/maplibre-gl-js/docs/#csp-directives).
 */
export function securityHeaders(opts: { mapStyleUrl: string; tileSources: string[]; https: boolean }): RequestHandler {
  const mapSources = [...new Set([styleOrigin(opts.mapStyleUrl), ...opts.tileSources].filter((s): s is string => !!s))];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Inline style attributes are set by MapLibre and React; no inline scripts are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...mapSources],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...mapSources],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only when the site really is served over https.
    strictTransportSecurity: opts.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

function styleOrigin(styleUrl: string): string | null {
  try {
    return new URL(styleUrl).origin;
  } catch {
    return null; // a relative style URL is served by this site: 'self' covers it
  }
}
