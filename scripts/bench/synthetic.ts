/** Deterministic synthetic activities for the bench: the same rows on every run and backend. */
import type { Candidate } from '../../server/src/activities/importers/import-runner.js';

const DEPTS = ['kasko', 'kymp', 'kuva', 'sote', 'kanslia'];
const KINDS = ['project', 'service', 'event', 'construction', 'planning', 'participation'] as const;
const STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
const THEMES = ['youth', 'elderly', 'services', 'culture', 'sport-outdoors', 'traffic-streets', 'community'];

/** Activity `i` always has the same place and attributes (its own seeded generator), whatever was generated before. */
export function synthetic(i: number): Candidate {
  // mulberry32: exact 32-bit integer arithmetic, so every machine generates the same numbers.
  let seed = Math.imul(i + 1, 0x9e3779b9);
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const x = 24.83 + rnd() * 0.32;
  const y = 60.15 + rnd() * 0.13;
  const r = rnd();
  const geometry =
    r < 0.8
      ? { type: 'Point', coordinates: [x, y] }
      : r < 0.9
        ? {
            type: 'LineString',
            coordinates: [
              [x, y],
              [x + 0.004, y + 0.001],
              [x + 0.006, y + 0.003],
            ],
          }
        : {
            type: 'Polygon',
            coordinates: [
              [
                [x, y],
                [x + 0.003, y],
                [x + 0.003, y + 0.0015],
                [x, y + 0.0015],
                [x, y],
              ],
            ],
          };
  const start = Date.UTC(2026, 0, 1) + Math.floor(rnd() * 730) * 86_400_000;
  return {
    activity: {
      source: 'bench',
      sourceId: `import-${i}`,
      department: DEPTS[i % 5],
      kind: KINDS[i % 6],
      status: STATUSES[i % 4],
      titleFi: `Synteettinen toiminta ${i}`,
      titleSv: `Syntetisk verksamhet ${i}`,
      titleEn: `Synthetic activity ${i}`,
      descriptionFi: 'Benchmark row.',
      startsAt: new Date(start).toISOString(),
      endsAt: rnd() < 0.2 ? null : new Date(start + Math.floor(rnd() * 120) * 86_400_000).toISOString(),
      themes: [THEMES[i % 7], THEMES[(i * 3 + 1) % 7]].filter((v, k, a) => a.indexOf(v) === k),
      geometry,
    },
  };
}

export function* syntheticRange(from: number, to: number): Generator<Candidate> {
  for (let i = from; i < to; i++) yield synthetic(i);
}
