/**
 * "The same SQL": the statements knex sends for one request, captured from its `query` event, and
 * a connection that replays them without knex, Express or HTTP — a bare `pg` pool (with the same
 * session settings as the app's) on PostgreSQL, the one PGlite connection on the embedded database.
 */
import type { Knex } from 'knex';
import pg from 'pg';

export interface Statement {
  /** With $1… placeholders, as the driver receives it. */
  sql: string;
  bindings: unknown[];
}

interface KnexQueryEvent {
  sql: string;
  bindings?: unknown[];
}

/** Every statement knex sends while `f` runs; run nothing else on this knex meanwhile. */
export async function capture(knex: Knex, f: () => Promise<unknown>): Promise<Statement[]> {
  const client = knex.client as { positionBindings(sql: string): string };
  const seen: Statement[] = [];
  const on = (q: KnexQueryEvent) => seen.push({ sql: client.positionBindings(q.sql), bindings: q.bindings ?? [] });
  knex.on('query', on);
  try {
    await f();
  } finally {
    knex.off('query', on);
  }
  return seen;
}

export interface Replay {
  query(s: Statement): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

/** A bare pg pool of the knex pool's size, the same per-connection settings (connection.ts). */
export function pgReplay(databaseUrl: string, max = 10): Replay {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    options: '-c max_parallel_workers_per_gather=0 -c jit=off',
  });
  return {
    query: (s) => pool.query(s.sql, s.bindings),
    close: () => pool.end(),
  };
}

interface PgliteLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The PGlite instance behind knex-pglite's single connection, used directly. */
export async function pgliteReplay(knex: Knex): Promise<Replay> {
  const client = knex.client as { acquireConnection(): Promise<PgliteLike>; releaseConnection(c: PgliteLike): Promise<void> };
  const conn = await client.acquireConnection();
  await client.releaseConnection(conn);
  return { query: (s) => conn.query(s.sql, s.bindings), close: async () => undefined };
}

/** The statements of one request, one after the other, as the request ran them. */
export async function replayAll(r: Replay, statements: Statement[]): Promise<void> {
  for (const s of statements) await r.query(s);
}
