/**
 * user:create refuses to make an official (admin, moderator, Kehrä member) without --name: the
 * name is what residents see of them, and without one the address used to be shown instead. The
 * check runs before the database is opened, so these runs touch no data.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/user-create.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    // A database URL nobody listens on: if the check did not stop the run first, it would fail differently.
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' },
    timeout: 60_000,
  });

// Each run starts tsx, which takes seconds on a loaded machine.
describe('npm run user:create', () => {
  it.each(['official', 'admin', 'moderator', 'kehra'])(
    'refuses --role %s without --name, naming the option',
    (role) => {
      const r = run('--email', 'vuokko@hel.example', '--role', role);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--name is required with the role ${role}`);
    },
    60_000,
  );

  it('refuses an e-mail address as the name', () => {
    const r = run('--email', 'vuokko@hel.example', '--role', 'official', '--department', 'kymp', '--name', 'vuokko@hel.example');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('displayName must be a name, not an e-mail address');
  }, 60_000);
});
