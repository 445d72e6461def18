import type { ErrorBody } from '@contracts/common';

/** A failed API call, carrying the server's error shape when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Messages per query parameter, from a 400's zod details ([{ path: ['lon'], message }]). */
  fieldMessages(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details as { path?: unknown[]; message?: string }[]) {
      const field = String(d.path?.[0] ?? '');
      if (d.message) (out[field] ??= []).push(d.message);
    }
    return out;
  }
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  return new ApiError(
    res.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `HTTP ${res.status}`,
    body?.error?.details ?? null,
  );
}

export async function getJson<T>(url: string, signal?: AbortSignal, cache?: RequestCache): Promise<T> {
  const res = await fetch(url, { signal, cache, headers: { Accept: 'application/json' } });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/**
 * The signed-in session's CSRF token (from GET /api/auth/me or the login answer); every write
 * sends it, as the server refuses cookie-authenticated writes without it.
 */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** A write (POST/PUT/PATCH/DELETE) with a JSON body; resolves to the JSON answer or undefined on 204. */
export async function sendJson<T = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw await failure(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** As getJson, but null when the resource is not there (404): e.g. results not yet published. */
export async function getJsonOrNull<T>(url: string, signal?: AbortSignal): Promise<T | null> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}
