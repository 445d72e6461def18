import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { log } from '../log.js';

/** The one error shape of the API: `{ error: { code, message, details } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);
/** A 400 naming the field or parameter that is wrong, in the same shape as a schema's. */
export const badField = (field: string, message: string, code = 'invalid', params?: Record<string, unknown>) =>
  new HttpError(400, 'invalid_request', `${field}: ${message}`, [fieldIssue([field], code, message, params)]);

/**
 * One item of a 400's `details`: the field (`path`), a stable `code` the client words in the
 * reader's language (with `params` for the numbers in it), and the English `message` for
 * everyone else (logs, curl, GDAL).
 */
export interface FieldIssue {
  path: string[];
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export const fieldIssue = (path: string[], code: string, message: string, params?: Record<string, unknown>): FieldIssue =>
  params ? { path, code, message, params } : { path, code, message };

/** A zod issue as a detail: zod's own code, and the bounds a message about size needs. */
function zodIssue(i: ZodError['issues'][number]): FieldIssue {
  const bounds = i as { minimum?: unknown; maximum?: unknown; origin?: unknown };
  const params = Object.fromEntries(
    Object.entries({ minimum: bounds.minimum, maximum: bounds.maximum, origin: bounds.origin })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
  );
  return fieldIssue(i.path.map(String), i.code, i.message, Object.keys(params).length ? params : undefined);
}

/** Turns zod issues into one readable sentence naming each bad parameter. */
export function describeZodError(err: ZodError): string {
  return err.issues
    .map((i) => {
      const where = i.path.length ? i.path.join('.') : 'request';
      if (i.code === 'unrecognized_keys') return `unknown parameter(s): ${i.keys.join(', ')}`;
      return `${where}: ${i.message}`;
    })
    .join('; ');
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No such endpoint: ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof ZodError) {
    res.status(400).json({
      error: {
        code: 'invalid_request',
        message: describeZodError(err),
        details: err.issues.map(zodIssue),
      },
    });
    return;
  }
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details ?? null } });
    return;
  }
  // Body-parser errors carry a status and type: malformed JSON, too large, wrong charset.
  const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code =
      err.type === 'entity.too.large'
        ? 'payload_too_large'
        : err.type === 'entity.parse.failed'
          ? 'malformed_json'
          : 'bad_request';
    const message =
      code === 'payload_too_large'
        ? 'Request body is too large'
        : code === 'malformed_json'
          ? 'Request body is not valid JSON'
          : String(err.message ?? 'Bad request');
    res.status(status).json({ error: { code, message, details: null } });
    return;
  }
  const id = randomUUID();
  log.error(`unexpected error ${id}`, err);
  res.status(500).json({ error: { code: 'internal', message: `Something went wrong (error id ${id})`, details: null } });
};
