/**
 * Global setup of the vitest "db" project: builds ONE migrated database holding the districts per
 * run, and every test file starts from a copy of it (server/src/test-support/test-db.ts).
 * Embedded: a PGlite dump (tarball) in a temp folder. DATABASE_URL: a template database on that
 * server, copied with CREATE DATABASE … TEMPLATE.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import type { TestProject } from 'vitest/node';
import { importAreasFrom } from '../../server/src/areas/areas.service.js';
import { importStatisticsFrom } from '../../server/src/statistics/statistics.service.js';
import { connect, openPglite } from '../../server/src/db/connection.js';
import { migrateLatest } from '../../server/src/db/migrate.js';
import { testAreasSource } from '../../server/src/test-support/test-areas.js';
import {
  TEMPLATE_DATABASE,
  createServerDatabase,
  dropServerDatabase,
  type DbTemplate,
} from '../../server/src/test-support/test-db.js';

async function fillTemplate(knex: Knex, source: string, areasAreReal: boolean): Promise<string> {
  const t0 = Date.now();
  await migrateLatest(knex);
  const t1 = Date.now();
  const summary = await importAreasFrom(knex, source, { isFixture: !areasAreReal });
  // Paavo statistics beside the real districts (tests/api/statistics.api.test.ts); none with the fixture.
  if (areasAreReal) await importStatisticsFrom(knex, path.join(source, 'hki-paavo-stats'));
  const n = Object.values(summary.levels).reduce((sum, l) => sum + (l?.imported ?? 0), 0);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `${n} ${areasAreReal ? 'real Helsinki' : 'FIXTURE'} areas from ${source} ` +
    `(migrations ${s(t1 - t0)}, import ${s(Date.now() - t1)})`
  );
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const { source, areasAreReal } = testAreasSource();
  const databaseUrl = process.env.DATABASE_URL;
  let template: DbTemplate;
  let what: string;
  let teardown: () => Promise<void>;

  if (databaseUrl) {
    await dropServerDatabase(databaseUrl, TEMPLATE_DATABASE); // left over by an interrupted run
    const db = await connect({ databaseUrl: await createServerDatabase(databaseUrl, TEMPLATE_DATABASE) });
    try {
      what = await fillTemplate(db.knex, source, areasAreReal);
    } finally {
      // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
      await db.close();
    }
    template = { kind: 'postgres', databaseUrl, templateName: TEMPLATE_DATABASE, areasAreReal };
    teardown = () => dropServerDatabase(databaseUrl, TEMPLATE_DATABASE);
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kk-db-template-'));
    const tarball = path.join(dir, 'template.tar');
    // In memory, then dumped: copies start from the tarball in ~3 s instead of ~15 s for PostGIS.
    const pglite = await openPglite({});
    const knex = knexFactory({
      client: ClientPgLite as unknown as Knex.Config['client'],
      dialect: 'postgres',
      connection: () => ({ pglite }) as object,
    });
    try {
      what = await fillTemplate(knex, source, areasAreReal);
      const dump = await pglite.dumpDataDir('none');
      await fs.writeFile(tarball, Buffer.from(await dump.arrayBuffer()));
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true });
      throw err;
    } finally {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    }
    template = { kind: 'pglite', tarball, areasAreReal };
    teardown = () => fs.rm(dir, { recursive: true, force: true });
  }

  project.provide('dbTemplate', template);
  const where = template.kind === 'postgres' ? `database ${TEMPLATE_DATABASE} on DATABASE_URL` : 'embedded PGlite';
  console.log(`[db template] ${what}: ${where}, built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return teardown;
}
