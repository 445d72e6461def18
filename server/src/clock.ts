import fs from 'node:fs';

/**
 * A clock for end-to-end tests (KK_TEST_CLOCK_FILE): the time is the ISO instant written in the
 * file, read on every call, so a browser test can move a budgeting round through its phases
 * without waiting; a missing or empty file is the real time. Never set in production.
 */
export function fileClock(file: string): () => Date {
  return () => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch {
      return new Date();
    }
    const t = Date.parse(text);
    return Number.isNaN(t) ? new Date() : new Date(t);
  };
}
