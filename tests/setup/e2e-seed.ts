/** Global setup of the vitest "e2e" project: one pre-seeded embedded database per run. */
import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { testAreasSource } from '../../server/src/test-support/test-areas.js';
import { buildE2eSeed } from '../e2e/support/seed.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) {
    // Each app gets a fresh database on the server instead (tests/e2e/support/app.ts).
    project.provide('e2eSeed', null);
    return undefined;
  }
  const started = Date.now();
  const seed = await buildE2eSeed(testAreasSource().source);
  project.provide('e2eSeed', seed);
  console.log(`[e2e seed] embedded database with ${seed.areasSource} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return () => fs.rm(seed.root, { recursive: true, force: true });
}
