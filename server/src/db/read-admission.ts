import type { RequestHandler } from 'express';
import { HttpError } from '../http/errors.js';

/**
 * The embedded PGlite has one connection, and knex queues its queries first come, first served:
 * 64 map readers in front of a health check or a vote made both wait for every reader (p50 1.6 s
 * for /api/health, issue 10). Reads are therefore admitted a few at a time, enough to keep the one
 * connection busy, and everything else (health, writes) goes straight to the connection's queue,
 * so it waits for at most the queries of the admitted readers. Readers beyond the waiting room get
 * 503 with Retry-After instead of an ever longer wait. Not used on PostgreSQL, whose pool serves
 * requests side by side.
 */
export class ReadAdmission {
  private running = 0;
  private given = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    /** Readers holding the database at once. */
    readonly concurrent: number,
    /** Readers that may wait for a turn; more are refused. */
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Turns given since the start. */
  get admitted(): number {
    return this.given;
  }

  /**
   * A turn for one reader: resolves with its release when admitted, or null when the waiting
   * room is full. `abandoned` takes a turn back that is no longer wanted (the client went away).
   */
  enter(abandoned?: AbortSignal): Promise<(() => void) | null> {
    if (this.running < this.concurrent) return Promise.resolve(this.admit());
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const turn = () => {
        abandoned?.removeEventListener('abort', leave);
        resolve(this.admit());
      };
      const leave = () => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(null);
      };
      abandoned?.addEventListener('abort', leave, { once: true });
      this.waiting.push(turn);
    });
  }

  private admit(): () => void {
    this.running++;
    this.given++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.();
    };
  }
}

/** Paths that never wait behind readers: the health check a load balancer polls, the client's config. */
const ALWAYS_FIRST = new Set(['/api/health', '/api/config']);

/** Express middleware admitting GET and HEAD requests through `admission`; other methods pass. */
export function readAdmission(admission: ReadAdmission): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || ALWAYS_FIRST.has(req.baseUrl + req.path)) return next();
    const gone = new AbortController();
    const onClose = () => gone.abort();
    res.once('close', onClose);
    admission.enter(gone.signal).then((release) => {
      if (!release) {
        res.off('close', onClose);
        if (gone.signal.aborted) return;
        res.setHeader('Retry-After', '1');
        return next(new HttpError(503, 'busy', 'The embedded database is busy with other map requests; try again in a moment'));
      }
      // Finished or cut off, the turn goes to the next reader.
      res.off('close', onClose);
      res.once('close', release);
      res.once('finish', release);
      next();
    }, next);
  };
}
