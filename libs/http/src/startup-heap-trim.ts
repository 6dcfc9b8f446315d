import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

export interface HeapTrimOptions {
  /** How often the event loop's utilization is looked at (the first look is one interval after the call). */
  checkEveryMs?: number;
  /** Past this V8's own memory reducer does the same (it ran ~15–20 s after ready here): no more looks. */
  giveUpAfterMs?: number;
  /** Idle: the event loop was busy for less than this share of the last interval. */
  idleBelow?: number;
  /** Idle looks in a row before the collection; a busy look starts the count again. */
  idleLooks?: number;
  /** Tests replace the utilization reading and the collection. */
  utilization?: () => number;
  collect?: () => Promise<void>;
}

/**
 * Start-up leaves V8's heap grown: its young generation at 32 MB (the boot's allocation bursts) where
 * an idle process needs 1 MB, ~45 MB of RSS in all, which V8's memory reducer gives back only 15–20 s
 * later (idle RSS 183 MB until then, 137 MB after). Once the process is idle after start, one
 * memory-reducing collection gives it back at once. Skipped while requests keep the process busy: the
 * collection takes ~100 ms, and a busy process needs its young generation anyway. Three quiet seconds
 * first: a request waiting on I/O does not show in the utilization, and right after start the first
 * probes and requests come (a readiness check with Redis slow to answer timed out in the pause).
 */
export function trimHeapOnceIdle(options: HeapTrimOptions = {}): void {
  const { checkEveryMs = 1_000, giveUpAfterMs = 20_000, idleBelow = 0.05, idleLooks = 3 } = options;
  const utilization = options.utilization ?? eventLoopUtilizationSinceLastCall();
  const collect = options.collect ?? collectWithLowMemory;
  const logger = new Logger('Startup');
  const started = Date.now();
  let quiet = 0;
  const timer = setInterval(() => {
    quiet = utilization() < idleBelow ? quiet + 1 : 0;
    if (quiet >= idleLooks) {
      clearInterval(timer);
      const rssBefore = process.memoryUsage.rss();
      const at = performance.now();
      void collect().then(
        () =>
          logger.debug(
            { rssBeforeMb: mb(rssBefore), rssAfterMb: mb(process.memoryUsage.rss()), ms: Math.round(performance.now() - at) },
            'Start-up heap trimmed',
          ),
        (error: Error) => logger.debug({ err: error.message }, 'Start-up heap not trimmed'),
      );
    } else if (Date.now() - started >= giveUpAfterMs) clearInterval(timer);
  }, checkEveryMs);
  timer.unref();
}

function eventLoopUtilizationSinceLastCall(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

/**
 * V8's low-memory collection, the one that also shrinks the young generation, through the inspector's
 * HeapProfiler.collectGarbage on an in-process session (no port is opened). global.gc() (--expose-gc)
 * collects but keeps the grown spaces: 103 → 96 MB of heap here, against 103 → 58 MB with this.
 */
async function collectWithLowMemory(): Promise<void> {
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  try {
    await new Promise<void>((resolve, reject) =>
      session.post('HeapProfiler.collectGarbage', (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    session.disconnect();
  }
}

const mb = (bytes: number) => Math.round(bytes / 1_048_576);
