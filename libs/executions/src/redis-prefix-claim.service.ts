import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SqlPool } from '@app/database';
import { RedisService } from '@app/redis';

const CLAIM_TTL_MS = 120_000;
const REFRESH_MS = 30_000;

/**
 * Two deployments with different databases on one Redis and key prefix take each other's jobs, whose
 * executions the other database does not have. Each running process keeps a claim on its prefix naming
 * its database; a process whose database differs from the claim refuses to start.
 */
@Injectable()
export class RedisPrefixClaim implements OnModuleDestroy {
  private readonly logger = new Logger(RedisPrefixClaim.name);
  private timer?: NodeJS.Timeout;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  /** Settles with the start-up claim: consumers take jobs only once the prefix is known to be this database's. */
  readonly claimed = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));

  constructor(
    private readonly redis: RedisService,
    private readonly sql: SqlPool,
  ) {
    this.claimed.catch(() => undefined); // the failure surfaces through claim(), which stops the boot
  }

  get key(): string {
    return `${this.redis.keyPrefix}database-identity`;
  }

  async claim(): Promise<void> {
    try {
      await this.tryClaim();
      this.settle.resolve();
    } catch (error) {
      this.settle.reject(error as Error);
      throw error;
    }
  }

  private async tryClaim(): Promise<void> {
    const mine = await this.databaseIdentity();
    const key = this.key;
    await this.redis.client.set(key, mine, 'PX', CLAIM_TTL_MS, 'NX');
    const owner = await this.redis.client.get(key);
    if (owner && owner !== mine)
      throw new Error(
        `REDIS_KEY_PREFIX "${this.redis.keyPrefix}" is in use by a deployment on another database (${owner}; this one is ${mine}). ` +
          "Deployments sharing a Redis need their own REDIS_KEY_PREFIX (or Redis database), or they take each other's jobs.",
      );
    await this.redis.client.pexpire(key, CLAIM_TTL_MS);
    this.timer = setInterval(() => void this.redis.client.set(key, mine, 'PX', CLAIM_TTL_MS).catch(() => undefined), REFRESH_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The cluster's system identifier where the role may read it, else the server address, plus the database name. */
  private async databaseIdentity(): Promise<string> {
    try {
      const { rows } = await this.sql.pool.query<{ id: string }>(
        `SELECT (SELECT system_identifier::text FROM pg_control_system()) || '/' || current_database() AS id`,
      );
      return rows[0].id;
    } catch (error) {
      this.logger.debug({ err: (error as Error).message }, 'pg_control_system() not readable; identifying the database by address');
      const { rows } = await this.sql.pool.query<{ id: string }>(
        `SELECT coalesce(host(inet_server_addr()), 'local') || ':' || coalesce(inet_server_port(), 0) || '/' || current_database() AS id`,
      );
      return rows[0].id;
    }
  }
}
