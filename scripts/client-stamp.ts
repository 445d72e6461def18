import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What the built client is made of: its sources and config, the server's contracts it imports
 * (`@contracts`), and the lock file (a dependency change rebuilds too). Paths from the repository root.
 */
export const CLIENT_INPUTS = [
  'client/src',
  'client/index.html',
  'client/vite.config.ts',
  'client/tsconfig.json',
  'client/package.json',
  'server/src/contracts',
  'tsconfig.base.json',
  'package-lock.json',
];

/** Written into the build's folder after a build; a new build empties the folder, and so the stamp. */
export const STAMP_FILE = '.client-inputs';

function filesUnder(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return [];
  if (!fs.statSync(abs).isDirectory()) return [rel];
  return fs
    .readdirSync(abs)
    .sort()
    .flatMap((name) => filesUnder(root, path.posix.join(rel, name)));
}

/** SHA-256 over every input's path and content (content, not mtime: a checkout or copy keeps the hash). */
export function inputsHash(root: string, inputs: string[] = CLIENT_INPUTS): string {
  const h = createHash('sha256');
  for (const file of inputs.flatMap((i) => filesUnder(root, i))) {
    h.update(`${file}\0`);
    h.update(fs.readFileSync(path.join(root, file)));
    h.update('\0');
  }
  return h.digest('hex');
}

export type BuildDecision = { build: false; why: string } | { build: true; why: string };

/** Build unless the folder holds a built app whose stamp names exactly these inputs. */
export function buildDecision(dist: { hasIndex: boolean; stamp: string | null }, hash: string): BuildDecision {
  if (!dist.hasIndex) return { build: true, why: 'no built client yet' };
  if (dist.stamp === null) return { build: true, why: 'the built client has no stamp (built by another command)' };
  if (dist.stamp.trim() !== hash) return { build: true, why: 'the client sources changed since the last build' };
  return { build: false, why: 'unchanged since the last build' };
}

export function readDist(distDir: string): { hasIndex: boolean; stamp: string | null } {
  const stampPath = path.join(distDir, STAMP_FILE);
  return {
    hasIndex: fs.existsSync(path.join(distDir, 'index.html')),
    stamp: fs.existsSync(stampPath) ? fs.readFileSync(stampPath, 'utf8') : null,
  };
}
