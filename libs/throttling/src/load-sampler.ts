import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** Process pressure as shares in 0..1. */
export interface LoadReading {
  /** Process CPU time over wall time, divided by the cores the process may use. */
  cpu: number;
  /** The larger of heap used / heap limit and RSS / container memory limit (when there is one). */
  memory: number;
}

/** The cgroup v2 CPU quota ("200000 100000" = 2 cores) when smaller than the machine; else its cores. */
export function usableCores(cpuMax = readCgroup('/sys/fs/cgroup/cpu.max'), machine = availableParallelism()): number {
  const [quota, period] = (cpuMax ?? '').trim().split(/\s+/);
  const limited = Number(quota) / Number(period);
  return Number.isFinite(limited) && limited > 0 ? Math.min(machine, limited) : machine;
}

function readCgroup(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Samples this process: each call reports the CPU share since the previous call. */
export class LoadSampler {
  private lastUsage = process.cpuUsage();
  private lastAt = process.hrtime.bigint();
  private readonly cores = usableCores();
  private readonly heapLimit = getHeapStatistics().heap_size_limit;
  private readonly memoryLimit = containerMemoryLimit();

  sample(): LoadReading {
    const now = process.hrtime.bigint();
    const usage = process.cpuUsage(this.lastUsage);
    const elapsedMicros = Number(now - this.lastAt) / 1000;
    this.lastUsage = process.cpuUsage();
    this.lastAt = now;
    const cpu = elapsedMicros > 0 ? (usage.user + usage.system) / elapsedMicros / this.cores : 0;
    const heap = process.memoryUsage().heapUsed / this.heapLimit;
    const rss = this.memoryLimit ? process.memoryUsage.rss() / this.memoryLimit : 0;
    return { cpu: Math.min(1, cpu), memory: Math.min(1, Math.max(heap, rss)) };
  }
}

/** process.constrainedMemory() answers 2^64 (or 0) outside a container: only a real limit counts. */
function containerMemoryLimit(): number | null {
  const limit = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  return limit && limit > 0 && limit < totalmem() ? limit : null;
}
