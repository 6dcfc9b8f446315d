import { MemoryWindowStore } from './memory-window.store';
import { toStorageRecord } from './redis-throttler.storage';

describe('MemoryWindowStore (the fallback; same rules as the Redis script)', () => {
  it('admits exactly the limit in a window, then blocks until it ends', () => {
    const store = new MemoryWindowStore();
    const hits = Array.from({ length: 5 }, (_, i) => store.hit('k', 60_000, 3, 60_000, 1_000 + i));
    expect(hits.map((h) => toStorageRecord(h, 3).isBlocked)).toEqual([false, false, false, true, true]);
    expect(hits[0]).toEqual({ hits: 1, ttlMs: 60_000 });
    expect(store.hit('k', 60_000, 3, 60_000, 70_000).hits).toBe(1);
  });

  it('blocks for the block duration from the first refusal when that outlasts the window', () => {
    const store = new MemoryWindowStore();
    store.hit('k', 1_000, 1, 5_000, 0);
    expect(store.hit('k', 1_000, 1, 5_000, 900)).toEqual({ hits: 2, ttlMs: 5_000 });
    // Later refusals do not extend it further.
    expect(store.hit('k', 1_000, 1, 5_000, 2_000).ttlMs).toBe(3_900);
    expect(store.hit('k', 1_000, 1, 5_000, 5_900).hits).toBe(1);
  });

  it('keeps keys apart', () => {
    const store = new MemoryWindowStore();
    store.hit('a', 1_000, 1, 1_000, 0);
    expect(store.hit('b', 1_000, 1, 1_000, 0).hits).toBe(1);
  });

  it('gives hits back: one at a time, or the whole window; never into an ended window', () => {
    const store = new MemoryWindowStore();
    for (let i = 0; i < 3; i++) store.hit('k', 60_000, 5, 60_000, 0);
    store.uncount('k', false, 10);
    expect(store.hit('k', 60_000, 5, 60_000, 20).hits).toBe(3);
    store.uncount('k', true, 30);
    expect(store.hit('k', 60_000, 5, 60_000, 40)).toEqual({ hits: 1, ttlMs: 60_000 });
    store.uncount('gone', false, 50);
    store.uncount('k', false, 70_000);
    expect(store.hit('k', 60_000, 5, 60_000, 70_001).hits).toBe(1);
  });

  it('forgets ended windows', () => {
    const store = new MemoryWindowStore();
    for (let i = 0; i < 50; i++) store.hit(`k${i}`, 1_000, 1, 1_000, 0);
    store.hit('late', 1_000, 1, 1_000, 20_000);
    expect(store.size).toBe(1);
  });
});

describe('toStorageRecord', () => {
  it('reports whole seconds, at least 1, as @nestjs/throttler expects', () => {
    expect(toStorageRecord({ hits: 2, ttlMs: 1_200 }, 5)).toEqual({
      totalHits: 2,
      timeToExpire: 2,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(toStorageRecord({ hits: 6, ttlMs: 10 }, 5)).toEqual({ totalHits: 6, timeToExpire: 1, isBlocked: true, timeToBlockExpire: 1 });
  });
});
