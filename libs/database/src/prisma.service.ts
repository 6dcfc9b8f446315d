import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

/** Told about every Prisma query once it settles: model ("raw" for $queryRaw and friends), operation, time taken. */
export type QueryObserver = (query: { model: string; operation: string; durationMs: number; failed: boolean }) => void;

/** The Prisma 7 client over node-postgres (driver adapter: no native query engine at run time). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly queryObservers: QueryObserver[] = [];

  constructor(config: AppConfig) {
    const { database } = config;
    super({
      adapter: new PrismaPg({
        connectionString: database.DATABASE_URL,
        max: database.DATABASE_POOL_MAX,
        idleTimeoutMillis: database.DATABASE_POOL_IDLE_TIMEOUT_MS,
        connectionTimeoutMillis: database.DATABASE_CONNECT_TIMEOUT_MS,
        statement_timeout: database.DATABASE_STATEMENT_TIMEOUT_MS || undefined,
      }),
    });
    // Metrics and traces see every query without touching the call sites: the instance Nest injects is
    // the extended client, whose prototype is this object (so onQuery, onModuleDestroy, ... still apply).
    return withQueryObservers(this, this.queryObservers);
  }

  onQuery(observer: QueryObserver): void {
    this.queryObservers.push(observer);
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}

function withQueryObservers(client: PrismaService, observers: QueryObserver[]): PrismaService {
  const extended = client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (observers.length === 0) return query(args);
        const started = performance.now();
        let failed = true;
        try {
          const result = await query(args);
          failed = false;
          return result;
        } finally {
          const observed = { model: model ?? 'raw', operation, durationMs: performance.now() - started, failed };
          for (const observer of observers) {
            try {
              observer(observed);
            } catch {
              // an observer's failure must never fail the query
            }
          }
        }
      },
    },
  });
  return extended as unknown as PrismaService;
}
