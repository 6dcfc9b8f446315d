export type BackupOutcome = 'succeeded' | 'failed';

export interface FinishedRun {
  id: string;
  status: string;
  finishedAt: Date;
}

/** Rows may commit a little after the finishedAt they carry: runs this close to the newest one seen are read again. */
const LAG_MS = 10 * 60_000;

/**
 * Turns BackupRecord rows into increments of a real counter. Counting rows by status went down when a
 * later `backup verify` flipped a run's status, and Prometheus reads a drop as a counter reset. Here
 * every finished run is counted once, with the outcome it first had, and only runs that finish after
 * this process first looked (a restart starts from 0, as counters do).
 */
export class BackupRunCounter {
  private baselined = false;
  /** Runs already seen, by id, with their finishedAt (ms), within LAG_MS of the newest. */
  private readonly seen = new Map<string, number>();
  private newest = -Infinity;

  /** Lower bound of finishedAt for the next read; null = every finished run (first read, or none seen yet). */
  horizon(): Date | null {
    return Number.isFinite(this.newest) ? new Date(this.newest - LAG_MS) : null;
  }

  /** Takes the finished runs since horizon(); returns the ones to count (none on the first, baseline, read). */
  take(runs: FinishedRun[]): BackupOutcome[] {
    const counted: BackupOutcome[] = [];
    for (const run of runs) {
      if (this.seen.has(run.id)) continue;
      const at = run.finishedAt.getTime();
      this.seen.set(run.id, at);
      this.newest = Math.max(this.newest, at);
      if (this.baselined) counted.push(run.status === 'SUCCEEDED' ? 'succeeded' : 'failed');
    }
    this.baselined = true;
    for (const [id, at] of this.seen) if (at < this.newest - LAG_MS) this.seen.delete(id);
    return counted;
  }
}
