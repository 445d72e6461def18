import fs from 'node:fs';
import path from 'node:path';
import { SHARED_HELSINKI_DIR } from '../config.js';
import { OFFLINE_FIXTURE_DIR } from '../areas/areas.service.js';
import type { AreaLevel } from '../contracts/areas.js';

export { SHARED_HELSINKI_DIR };

export const sharedAreasExist = (): boolean => fs.existsSync(path.join(SHARED_HELSINKI_DIR, 'hki-suurpiiri'));

/** Districts the tests load: the real shared data when present, else the project's own fixture. */
export function testAreasSource(): { source: string; areasAreReal: boolean } {
  return sharedAreasExist()
    ? { source: SHARED_HELSINKI_DIR, areasAreReal: true }
    : { source: OFFLINE_FIXTURE_DIR, areasAreReal: false };
}

/** How many areas each source holds (the real counts are the City's 2024– division). */
export const EXPECTED_COUNTS: Record<'real' | 'fixture', Record<AreaLevel, number>> = {
  real: { suurpiiri: 8, peruspiiri: 34, osa_alue: 148 },
  fixture: { suurpiiri: 2, peruspiiri: 5, osa_alue: 4 },
};

export const expectedCounts = (areasAreReal: boolean) => EXPECTED_COUNTS[areasAreReal ? 'real' : 'fixture'];
