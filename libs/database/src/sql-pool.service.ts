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
      // Each run is planned for its own arrays and the table's size now. A cached generic plan made while
      // the executions table was small kept hash-joining it by sequential scan as it grew (every flush read
      // every row until an ANALYZE happened to invalidate the plan).
      options: '-c plan_cache_mode=force_custom_plan',
    });
    this.pool.on('error', () => undefined); // idle client errors surface on the next query instead
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
