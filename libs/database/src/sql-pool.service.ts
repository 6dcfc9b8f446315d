import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '@app/config';

/**
 * A small node-postgres pool for hand-written bulk SQL on hot paths (multi-row upserts with unnest),
 * where one statement per batch beats Prisma's per-row writes by an order of magnitude.
 */
@Injectable()
export class SqlPool implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(config: AppConfig) {
    const { database } = config;
    this.pool = new Pool({
      connectionString: database.DATABASE_URL,
      max: Math.max(4, database.DATABASE_POOL_MAX),
      idleTimeoutMillis: database.DATABASE_POOL_IDLE_TIMEOUT_MS,
      connectionTimeoutMillis: database.DATABASE_CONNECT_TIMEOUT_MS,
      statement_timeout: database.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
      // These statements (the grouped commit above all) are planned once per connection and the plan kept:
      // planning the flush each time was ~45 % of its database CPU. Its array joins must never become
      // sequential scans, whatever size the tables had when it was planned: a plan cached while executions
      // was nearly empty hash-joined it by sequential scan as it grew (every flush read every row). Without
      // seq scans and hash joins the planner keeps primary-key lookups (the flush's EXISTS has its own fence,
      // see execution-writer.sql.ts); these statements only touch rows by key or by an indexed column.
      options: '-c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c enable_hashjoin=off',
    });
    this.pool.on('error', () => undefined); // idle client errors surface on the next query instead
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
