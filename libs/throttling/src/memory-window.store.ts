/** One fixed window: hits so far and when it ends (extended once when a key first goes over its limit). */
export interface WindowHit {
  hits: number;
  ttlMs: number;
}

const SWEEP_EVERY_MS = 10_000;
const MAX_KEYS = 100_000;

/**
 * Per-process fixed windows with exactly the Redis script's rules, used while Redis is unreachable.
 * (@nestjs/throttler's ThrottlerStorageService keeps one timestamp per hit and filters the list on
 * every hit, O(limit) per request — too slow for ADMIN-tier limits of 100k a minute.)
 */
export class MemoryWindowStore {
  private readonly windows = new Map<string, { hits: number; expiresAt: number }>();
  private nextSweepAt = 0;

  hit(key: string, ttlMs: number, limit: number, blockMs: number, now = Date.now()): WindowHit {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.expiresAt <= now) {
      window = { hits: 0, expiresAt: now + ttlMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    if (window.hits === limit + 1 && now + blockMs > window.expiresAt) window.expiresAt = now + blockMs;
    return { hits: window.hits, ttlMs: window.expiresAt - now };
  }

  /** Takes one hit back from a key's open window, or drops the window (`all`). */
  uncount(key: string, all: boolean, now = Date.now()): void {
    const window = this.windows.get(key);
    if (!window || window.expiresAt <= now) return;
    if (all || window.hits <= 1) this.windows.delete(key);
    else window.hits -= 1;
  }

  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt && this.windows.size < MAX_KEYS) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [key, window] of this.windows) if (window.expiresAt <= now) this.windows.delete(key);
    // Still full (a flood of distinct callers): forget the oldest windows rather than grow without bound.
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}
