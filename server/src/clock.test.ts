import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileClock } from './clock.js';
import { loadConfig } from './config.js';

describe('fileClock', () => {
  it('tells the instant in the file, and the real time without one', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kk-clock-')), 'now');
    const now = fileClock(file);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
    fs.writeFileSync(file, '2031-03-05T12:00:00.000Z\n');
    expect(now().toISOString()).toBe('2031-03-05T12:00:00.000Z');
    fs.writeFileSync(file, 'not a time');
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(60_000);
  });
  it('is refused in production', () => {
    expect(() => loadConfig({ KK_TEST_CLOCK_FILE: '/tmp/now', NODE_ENV: 'production' })).toThrow(/KK_TEST_CLOCK_FILE/);
    expect(loadConfig({ KK_TEST_CLOCK_FILE: '/tmp/now' }).testClockFile).toBe('/tmp/now');
  });
});
