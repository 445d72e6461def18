/** Timing helpers of the bench: sequential percentiles and a fixed-time closed loop of concurrent clients. */

export const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;

/** p50 and p95 of `runs` calls, in ms. */
export async function timed(runs: number, f: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await f(i);
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/**
 * Two ways of doing the same thing timed in turns (A, B, A, B…), so a loaded machine's drift
 * falls on both: p50 of each in ms.
 */
export async function interleaved(
  runs: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<{ a: number; b: number }> {
  const ta: number[] = [];
  const tb: number[] = [];
  await a(); // warm both
  await b();
  for (let i = 0; i < runs; i++) {
    let s = performance.now();
    await a();
    ta.push(performance.now() - s);
    s = performance.now();
    await b();
    tb.push(performance.now() - s);
  }
  ta.sort((x, y) => x - y);
  tb.sort((x, y) => x - y);
  return { a: percentile(ta, 0.5), b: percentile(tb, 0.5) };
}

/** `clients` callers each looping over `job` until `seconds` have passed: completed jobs per second, latencies. */
export async function closedLoop(
  clients: number,
  seconds: number,
  job: (i: number) => Promise<unknown>,
): Promise<{ perSecond: number; p50: number; p95: number; done: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const i = next++;
        const s = performance.now();
        await job(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    done: latencies.length,
  };
}
