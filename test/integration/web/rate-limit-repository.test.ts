import { describe, expect, it } from 'vitest';
import { createRateLimitRepository } from '../../../src/db/rate-limits/repository.js';
import { uniqueName } from '../../support/servers.js';
import { useTwoConnections } from './two-connections.js';

const pair = useTwoConnections('ratelimit');
const db = () => pair()[0];
const MIN = 60_000;

describe('rate-limit counters (real MongoDB wire server)', () => {
  it('counts hits per key in fixed windows and starts again in the next window', async () => {
    const limits = createRateLimitRepository(db());
    const key = uniqueName('ip');
    // A day before the other tests' windows: its hit a window later starts a background sweep of windows
    // ended by then, which on a loaded machine can land while the next test counts its 12:00 window.
    const t0 = Date.parse('2026-12-05T12:00:10Z');
    expect(await limits.hit(key, MIN, t0)).toEqual({ count: 1, resetAt: Date.parse('2026-12-05T12:01:00Z') });
    expect((await limits.hit(key, MIN, t0 + 5_000)).count).toBe(2);
    expect((await limits.hit(`${key}-other`, MIN, t0)).count).toBe(1);
    expect(await limits.hit(key, MIN, t0 + MIN)).toEqual({ count: 1, resetAt: Date.parse('2026-12-05T12:02:00Z') });
  });

  it('two processes (two connections) share one budget, and concurrent hits are each counted once', async () => {
    const [first, second] = pair();
    const a = createRateLimitRepository(first);
    const b = createRateLimitRepository(second);
    const key = uniqueName('shared');
    const now = Date.parse('2026-12-06T12:00:00Z');
    const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).hit(key, MIN, now).then((r) => r.count)));
    // Every concurrent hit sees at least itself; none sees more than were made, and a later hit sees every one.
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(20);
    expect((await b.hit(key, MIN, now)).count).toBe(21);
  });

  it('a flood stops being stored past the cap but keeps being refused', async () => {
    const limits = createRateLimitRepository(pair()[0], { stopAt: 3 });
    const key = uniqueName('flood');
    const now = Date.parse('2026-12-06T12:00:00Z');
    const counts: number[] = [];
    for (let i = 0; i < 6; i += 1) counts.push((await limits.hit(key, MIN, now)).count);
    expect(counts).toEqual([1, 2, 3, 4, 4, 4]);
    expect(await pair()[0].db!.collection('rate_limit_hits').countDocuments({ key })).toBe(3);
  });

  it('ended windows are swept', async () => {
    const limits = createRateLimitRepository(pair()[0]);
    const key = uniqueName('sweep');
    await limits.hit(key, MIN, Date.parse('2026-12-06T12:00:30Z'));
    const [doc] = await pair()[0].db!.collection('rate_limit_hits').find({ key }).toArray();
    expect(doc!.expiresAt).toEqual(new Date('2026-12-06T12:01:00Z'));
    expect(await limits.sweepEnded(Date.parse('2026-12-06T12:00:59Z'))).toBe(0);
    expect(await limits.sweepEnded(Date.parse('2026-12-06T12:01:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await pair()[0].db!.collection('rate_limit_hits').countDocuments({ key })).toBe(0);
  });
});
