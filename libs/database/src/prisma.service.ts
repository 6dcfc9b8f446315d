import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppConfig } from '@app/config';
import { PrismaClient } from './generated/prisma/client';

/** The Prisma 7 client over node-postgres (driver adapter: no native query engine at run time). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
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
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
