import type { CookieOptions, Request, Response } from 'express';

/** Cookie names; on https the __Host- prefix pins them to this exact origin and path. */
export function cookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}kk_session`, oidc: `${prefix}kk_oidc` };
}

/** Reads one cookie without a parser dependency; malformed values count as absent. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : undefined;
  }
  return undefined;
}

export function cookieOptions(secure: boolean, maxAgeMs?: number): CookieOptions {
  // Lax, not Strict: the single sign-on callback is a top-level navigation from the identity provider.
  return { httpOnly: true, secure, sameSite: 'lax', path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  res.clearCookie(name, cookieOptions(secure));
}
