import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import knexFactory, { type Knex } from 'knex';
import { inject } from 'vitest';
import { connect, type Database } from '../db/connection.js';

/** What the db project's global setup (tests/setup/db-template.ts) hands every test file. */
export type DbTemplate =
  | { kind: 'pglite'; tarball: string; areasAreReal: boolean }
  | { kind: 'postgres'; databaseUrl: string; templateName: string; areasAreReal: boolean };

declare module 'vitest' {
  interface ProvidedContext {
    dbTemplate: DbTemplate;
  }
}

export type TestDatabase = Database & { areasAreReal: boolean };

export const TEMPLATE_DATABASE = 'kk_test_template';

/** The same server URL pointing at another database. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A short-lived connection to the server's own database, for CREATE/DROP DATABASE. */
export function adminKnex(serverUrl: string): Knex {
  return knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
}

export async function createServerDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const admin = adminKnex(serverUrl);
  try {
    await admin.raw(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
  } finally {
    await admin.destroy();
  }
  return databaseUrlFor(serverUrl, name);
}

export async function dropServerDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = adminKnex(serverUrl);
  try {
    // FORCE (PostgreSQL 13+): a test that leaked a connection must not leave its database behind.
    await admin.raw(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}

export const randomDatabaseName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

/**
 * A database of this test file's own, already migrated and holding the districts: an in-memory
 * copy of the run's PGlite template, or `CREATE DATABASE … TEMPLATE kk_test_template` on a real
 * server (dropped again by close()). Call it in beforeAll and close it in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('dbTemplate');
  if (!template) throw new Error('No database template: run this file through the vitest "db" project');
  if (template.kind === 'pglite') {
    const loadDataDir = new Blob([await fs.readFile(template.tarball)]);
    const db = await connect({ loadDataDir });
    return { ...db, areasAreReal: template.areasAreReal };
  }
  const name = randomDatabaseName('kk_test');
  const url = await createServerDatabase(template.databaseUrl, name, template.templateName);
  const db = await connect({ databaseUrl: url });
  return {
    ...db,
    areasAreReal: template.areasAreReal,
    close: async () => {
      await db.close();
      await dropServerDatabase(template.databaseUrl, name);
    },
  };
}

/**
 * Runs `fn` in a transaction that is always rolled back, so a test can import, delete or
 * re-import freely without the next test seeing it.
 */
export async function withRollback<T>(db: Database, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const trx = await db.knex.transaction();
  try {
    return await fn(trx);
  } finally {
    if (!trx.isCompleted()) await trx.rollback();
  }
}
