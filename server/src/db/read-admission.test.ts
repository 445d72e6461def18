import { describe, expect, it } from 'vitest';
import { ReadAdmission } from './read-admission.js';

describe('ReadAdmission', () => {
  it('admits up to its limit at once, then one waiting reader per release, in order of arrival', async () => {
    const a = new ReadAdmission(2, 10);
    const first = await a.enter();
    const second = await a.enter();
    const order: number[] = [];
    const later = [3, 4, 5].map((n) => a.enter().then((release) => (order.push(n), release)));
    expect(a.active).toBe(2);
    expect(a.queued).toBe(3);
    first!();
    const third = await later[0];
    expect(order).toEqual([3]);
    expect(a.active).toBe(2);
    second!();
    third!();
    await Promise.all(later);
    expect(order).toEqual([3, 4, 5]);
  });

  it('refuses a reader when the waiting room is full, and a release twice frees one turn only', async () => {
    const a = new ReadAdmission(1, 1);
    const release = await a.enter();
    const waiting = a.enter();
    expect(await a.enter()).toBeNull();
    release!();
    release!();
    const next = await waiting;
    expect(a.active).toBe(1);
    next!();
    expect(a.active).toBe(0);
  });

  it('forgets a reader who went away before its turn', async () => {
    const a = new ReadAdmission(1, 5);
    const release = await a.enter();
    const gone = new AbortController();
    const abandoned = a.enter(gone.signal);
    const stays = a.enter();
    gone.abort();
    expect(await abandoned).toBeNull();
    expect(a.queued).toBe(1);
    release!();
    expect(await stays).toBeTypeOf('function');
  });
});
