import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Counter, Metric } from 'prom-client';
import { PrismaService } from '@app/database';
import { METRIC, OptionalGauge, registerOwn, ScrapeCache, unregisterOwn } from '@app/metrics';
import { BackupOutcome, BackupRunCounter } from './backup-run-counter';

interface BackupFacts {
  lastFinishedOk: boolean | null;
  lastSuccessAt: Date | null;
}

const OUTCOMES: BackupOutcome[] = ['succeeded', 'failed'];

const CACHE_MS = 5_000;
const TIMEOUT_MS = 1_000;

/**
 * backup_last_status, backup_last_success_timestamp_seconds and backup_runs_total{status}, read from
 * BackupRecord when Prometheus scrapes: backups run in the CLI Job or any replica, and the table is
 * the one place that sees them all. backup_runs_total counts the runs that finish after this process's
 * first scrape (see BackupRunCounter), so it never goes down. Names match deploy/k8s/monitoring.yaml's alerts.
 */
@Injectable()
export class BackupMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly metrics: Metric[] = [];
  private readonly facts = new ScrapeCache('backup', () => this.read(), CACHE_MS, TIMEOUT_MS);
  private readonly finishedRuns = new BackupRunCounter();
  private runs?: Counter<'status'>;

  constructor(private readonly prisma: PrismaService) {}

  onModuleInit(): void {
    const facts = this.facts;
    this.metrics.push(
      registerOwn(
        new OptionalGauge(
          {
            name: METRIC.backupLastStatus,
            help: 'Outcome of the most recent finished backup: 1 succeeded, 0 failed (absent before the first one).',
          },
          async () => {
            const ok = (await facts.get())?.lastFinishedOk;
            return ok == null ? undefined : ok ? 1 : 0;
          },
        ),
      ),
      registerOwn(
        new OptionalGauge(
          {
            name: METRIC.backupLastSuccess,
            help: 'Unix time at which the most recent successful backup finished (absent before the first one).',
          },
          async () => {
            const at = (await facts.get())?.lastSuccessAt;
            return at ? at.getTime() / 1000 : undefined;
          },
        ),
      ),
      (this.runs = registerOwn(
        new Counter({
          name: METRIC.backupRuns,
          help: 'Backup runs finished (any replica or the CLI Job) since this process first read them (its first scrape), by outcome (succeeded, failed).',
          labelNames: ['status'],
          registers: [],
          async collect() {
            await facts.get(); // counts the runs recorded since the last read
          },
        }),
      )),
    );
    // Both series from the start: increase() cannot see a first failure on a series that appears at 1.
    for (const status of OUTCOMES) this.runs.inc({ status }, 0);
  }

  onModuleDestroy(): void {
    this.metrics.forEach(unregisterOwn);
  }

  private async read(): Promise<BackupFacts> {
    const horizon = this.finishedRuns.horizon();
    const [lastFinished, lastSuccess, finished] = await Promise.all([
      this.prisma.backupRecord.findFirst({
        where: { status: { not: 'RUNNING' } },
        orderBy: { startedAt: 'desc' },
        select: { status: true },
      }),
      this.prisma.backupRecord.findFirst({
        where: { status: 'SUCCEEDED' },
        orderBy: { finishedAt: { sort: 'desc', nulls: 'last' } },
        select: { finishedAt: true, startedAt: true },
      }),
      this.prisma.backupRecord.findMany({
        where: { status: { not: 'RUNNING' }, finishedAt: horizon ? { gte: horizon } : { not: null } },
        select: { id: true, status: true, finishedAt: true },
      }),
    ]);
    const runs = finished.map((row) => ({ id: row.id, status: row.status, finishedAt: row.finishedAt! }));
    for (const status of this.finishedRuns.take(runs)) this.runs?.inc({ status });
    return {
      lastFinishedOk: lastFinished ? lastFinished.status === 'SUCCEEDED' : null,
      lastSuccessAt: lastSuccess ? (lastSuccess.finishedAt ?? lastSuccess.startedAt) : null,
    };
  }
}
