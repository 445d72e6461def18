import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

// pg returns int8 (count(*), bigserial) as strings; PGlite returns numbers. Align them.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type Backend = 'pglite' | 'postgres';

export interface Database {
  knex: Knex;
  backend: Backend;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; created when missing. */
  dataDir?: string;
  /** A dumped PGlite data folder (tarball) to start from in memory: fast test copies. */
  loadDataDir?: Blob;
}

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  if (opts.dataDir) fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  return PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    // btree_gist: the exclusion constraint against double-booked spaces (migration 20261204030000_spaces).
    extensions: { postgis, btree_gist },
  });
}

/**
 * One knex instance over either backend. Everything above this function is backend-agnostic:
 * the same migrations and the same SQL run on the embedded PGlite and on a real server.
 */
export async function connect(opts: ConnectOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: opts.databaseUrl,
      pool: {
        min: 0,
        max: 10,
        // Parallel plans made viewport queries 14–40× slower on PostgreSQL 15 here, and JIT compiling
        // city-wide queries cost 2.4–5.2× their run time (issue 10): both off for every connection.
        afterCreate: (conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) => {
          conn.query('SET max_parallel_workers_per_gather = 0; SET jit = off', (err) => done(err ?? null, conn));
        },
      },
    });
    await knex.raw('select 1');
    return { knex, backend: 'postgres', close: () => knex.destroy() };
  }
  const pglite = await openPglite(opts);
  const knex = knexFactory({
    client: ClientPgLite as unknown as Knex.Config['client'],
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
  });
  return {
    knex,
    backend: 'pglite',
    close: async () => {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
