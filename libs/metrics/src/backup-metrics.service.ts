import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Counter, Metric } from 'prom-client';
import { PrismaService } from '@app/database';
import { METRIC } from './metric-names';
import { OptionalGauge } from './optional-gauge';
import { registerOwn, ScrapeCache, unregisterOwn } from './scrape-cache';

interface BackupFacts {
  lastFinishedOk: boolean | null;
  lastSuccessAt: Date | null;
  runs: { succeeded: number; failed: number };
}

const CACHE_MS = 5_000;
const TIMEOUT_MS = 1_000;

/**
 * backup_last_status, backup_last_success_timestamp_seconds and backup_runs_total{status}, read from
 * BackupRecord when Prometheus scrapes: backups run in the CLI Job or any replica, and the table is
 * the one place that sees them all. Names match deploy/k8s/monitoring.yaml's alerts.
 */
@Injectable()
export class BackupMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly metrics: Metric[] = [];
  private readonly facts = new ScrapeCache('backup', () => this.read(), CACHE_MS, TIMEOUT_MS);

  constructor(private readonly prisma: PrismaService) {}

  onModuleInit(): void {
    const facts = this.facts;
    this.metrics.push(
      registerOwn(
        new OptionalGauge({ name: METRIC.backupLastStatus, help: 'Outcome of the most recent finished backup: 1 succeeded, 0 failed (absent before the first one).' }, async () => {
          const ok = (await facts.get())?.lastFinishedOk;
          return ok == null ? undefined : ok ? 1 : 0;
        }),
      ),
      registerOwn(
        new OptionalGauge({ name: METRIC.backupLastSuccess, help: 'Unix time at which the most recent successful backup finished (absent before the first one).' }, async () => {
          const at = (await facts.get())?.lastSuccessAt;
          return at ? at.getTime() / 1000 : undefined;
        }),
      ),
      registerOwn(
        new Counter({
          name: METRIC.backupRuns,
          help: 'Backups recorded in BackupRecord, by outcome (succeeded, failed).',
          labelNames: ['status'],
          registers: [],
          async collect() {
            this.reset();
            const current = await facts.get();
            if (current) for (const status of ['succeeded', 'failed'] as const) this.inc({ status }, current.runs[status]);
          },
        }),
      ),
    );
  }

  onModuleDestroy(): void {
    this.metrics.forEach(unregisterOwn);
  }

  private async read(): Promise<BackupFacts> {
    const [lastFinished, lastSuccess, byStatus] = await Promise.all([
      this.prisma.backupRecord.findFirst({ where: { status: { not: 'RUNNING' } }, orderBy: { startedAt: 'desc' }, select: { status: true } }),
      this.prisma.backupRecord.findFirst({ where: { status: 'SUCCEEDED' }, orderBy: { finishedAt: { sort: 'desc', nulls: 'last' } }, select: { finishedAt: true, startedAt: true } }),
      this.prisma.backupRecord.groupBy({ by: ['status'], _count: { _all: true } }),
    ]);
    const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
    return {
      lastFinishedOk: lastFinished ? lastFinished.status === 'SUCCEEDED' : null,
      lastSuccessAt: lastSuccess ? (lastSuccess.finishedAt ?? lastSuccess.startedAt) : null,
      runs: { succeeded: count('SUCCEEDED'), failed: count('FAILED') },
    };
  }
}
