/**
 * npm start's first step: builds the client only when its inputs changed since the last build
 * (scripts/client-stamp.ts), saying at once which it is. `--force` builds anyway.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP_FILE, buildDecision, inputsHash, readDist } from './client-stamp.js';

// Not from server/src/config.ts: loading zod and the config would delay the first line by seconds.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repoRoot, 'client/dist');
const hash = inputsHash(repoRoot);
const decision = process.argv.includes('--force') ? { build: true, why: '--force' } : buildDecision(readDist(dist), hash);
if (!decision.build) {
  console.log(`Client up to date (${decision.why}): not rebuilding`);
} else {
  console.log(`Building client… (${decision.why})`);
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '--workspace', 'client'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Building the client failed');
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(path.join(dist, STAMP_FILE), `${hash}\n`);
  console.log(`Client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
