import { Logger } from '@nestjs/common';
import { ScrapeCache } from './scrape-cache';

const quiet = { warn: () => undefined, log: () => undefined } as unknown as Logger;

describe('ScrapeCache', () => {
  it('loads once per ttl and serves the cached value meanwhile', async () => {
    let loads = 0;
    const cache = new ScrapeCache('x', async () => ++loads, 60_000, 100, quiet);
    expect(await Promise.all([cache.get(), cache.get()])).toEqual([1, 1]);
    expect(await cache.get()).toBe(1);
    expect(loads).toBe(1);
  });

  it('gives up after the timeout (unknown, not stale) without starting a second load', async () => {
    let loads = 0;
    const cache = new ScrapeCache('x', () => (loads++, new Promise<number>(() => undefined)), 0, 50, quiet);
    const started = Date.now();
    expect(await cache.get()).toBeUndefined();
    expect(await cache.get()).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(500);
    expect(loads).toBe(1);
  });

  it('is unknown after a failed load, and recovers', async () => {
    let fail = true;
    const cache = new ScrapeCache(
      'x',
      async () => {
        if (fail) throw new Error('down');
        return 7;
      },
      60_000,
      100,
      quiet,
    );
    expect(await cache.get()).toBeUndefined();
    fail = false;
    expect(await cache.get()).toBe(7);
  });
});
