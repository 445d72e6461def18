import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));
const alias = {
  '@': path.join(root, 'client/src'),
  '@contracts': path.join(root, 'server/src/contracts'),
};
const notOurs = ['**/node_modules/**', '**/dist/**', '**/.data/**'];

/** Tiers by suffix (see STYLE.md): *.test.ts unit, *.db.test.ts + tests/api real PostGIS, tests/e2e browser. */
export default defineConfig({
  resolve: { alias },
  test: {
    // Two cores here: one worker per core; each db worker holds an in-memory PostGIS (~0.5 GB).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['server/src/**/*.test.ts', 'client/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          exclude: [...notOurs, '**/*.db.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          environment: 'node',
          include: ['**/*.db.test.ts', 'tests/api/**/*.test.ts'],
          exclude: notOurs,
          globalSetup: ['tests/setup/db-template.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 30_000 } },
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.spec.ts'],
          exclude: notOurs,
          globalSetup: ['tests/setup/e2e-seed.ts'],
          // Generous: each step waits for state (up to 60 s on a loaded machine), never for time.
          testTimeout: 240_000,
          hookTimeout: 180_000,
          // expect.poll gives up after 1 s by default: too tight for a render on a shared machine.
          expect: { poll: { timeout: 60_000 } },
          // One app and one browser at a time; and only after unit and db, so the map renders
          // on an idle machine instead of competing with PostGIS workers for two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
