import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Pool } from 'pg';
import { Counter } from 'prom-client';
import { PrismaService, SqlPool } from '@app/database';
import { METRIC } from './metric-names';

const COUNTED = Symbol('wp:countedPool');

/** Statements sent through SqlPool, by their prepared-statement name; the rest are "raw". */
const SQL_POOL_STATEMENTS: Record<string, { model: string; operation: string }> = {
  // ExecutionWriter's group commit: one statement inserts/updates executions and upserts their steps.
  'flush-executions': { model: 'Execution', operation: 'groupCommit' },
};

/** database_queries_total{model,operation}: every Prisma query (client extension) and every SqlPool statement. */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sqlPool: SqlPool,
    @InjectMetric(METRIC.databaseQueries) private readonly queries: Counter<'model' | 'operation'>,
  ) {}

  onModuleInit(): void {
    this.prisma.onQuery(({ model, operation }) => this.queries.inc({ model, operation }));
    this.countSqlPool(this.sqlPool.pool as Pool & { [COUNTED]?: boolean });
  }

  /**
   * SqlPool is plain node-postgres, with no hook of its own: its query method is wrapped once, the way
   * OpenTelemetry's pg instrumentation does it, so the bulk writes show up beside Prisma's.
   */
  private countSqlPool(pool: Pool & { [COUNTED]?: boolean }): void {
    if (pool[COUNTED]) return;
    pool[COUNTED] = true;
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    const counted = (...args: unknown[]) => {
      const name = (args[0] as { name?: unknown } | null)?.name;
      const labels = (typeof name === 'string' && SQL_POOL_STATEMENTS[name]) || { model: 'raw', operation: 'sqlPool' };
      this.queries.inc(labels);
      return query(...args);
    };
    pool.query = counted as unknown as Pool['query'];
  }
}
