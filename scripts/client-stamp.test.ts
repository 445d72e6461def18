import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STAMP_FILE, buildDecision, inputsHash, readDist } from './client-stamp.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-stamp-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A tiny repository: two client sources and a lock file. */
function repo(): string {
  const root = tmp();
  fs.mkdirSync(path.join(root, 'client/src/features'), { recursive: true });
  fs.writeFileSync(path.join(root, 'client/src/main.tsx'), 'render()');
  fs.writeFileSync(path.join(root, 'client/src/features/a.ts'), 'export const a = 1;');
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  return root;
}
const INPUTS = ['client/src', 'client/index.html', 'package-lock.json'];

describe('the client build skip', () => {
  it('builds when there is no build, or one without a stamp', () => {
    expect(buildDecision({ hasIndex: false, stamp: null }, 'h').build).toBe(true);
    expect(buildDecision({ hasIndex: false, stamp: 'h' }, 'h').build).toBe(true);
    expect(buildDecision({ hasIndex: true, stamp: null }, 'h').build).toBe(true);
  });

  it('skips exactly when the stamp names the current inputs', () => {
    expect(buildDecision({ hasIndex: true, stamp: 'h\n' }, 'h')).toEqual({ build: false, why: expect.any(String) });
    expect(buildDecision({ hasIndex: true, stamp: 'old' }, 'h').build).toBe(true);
  });

  it('hashes content and paths: an edit, a new file or a lock-file change rebuilds, a touch does not', () => {
    const root = repo();
    const first = inputsHash(root, INPUTS);
    expect(inputsHash(root, INPUTS)).toBe(first);
    const file = path.join(root, 'client/src/features/a.ts');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect(inputsHash(root, INPUTS)).toBe(first);
    fs.writeFileSync(file, 'export const a = 2;');
    const edited = inputsHash(root, INPUTS);
    expect(edited).not.toBe(first);
    fs.writeFileSync(path.join(root, 'client/index.html'), '<div id="root"></div>');
    const added = inputsHash(root, INPUTS);
    expect(added).not.toBe(edited);
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"v":2}');
    expect(inputsHash(root, INPUTS)).not.toBe(added);
  });

  it('reads the stamp a build left in its folder', () => {
    const dist = tmp();
    expect(readDist(dist)).toEqual({ hasIndex: false, stamp: null });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(dist, STAMP_FILE), 'abc\n');
    expect(buildDecision(readDist(dist), 'abc').build).toBe(false);
  });
});
