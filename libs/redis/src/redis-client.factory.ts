import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { RedisEnv } from '@app/config';

/**
 * request: used while answering an HTTP request; fails fast instead of queueing while Redis is down
 *          (a default client hung requests 3–61 s and then answered 500 in our measurements).
 * producer: BullMQ queues used while answering requests (enqueue, schedulers): fail fast like request.
 * blocking: subscribers; they need maxRetriesPerRequest null and wait out outages.
 * worker: BullMQ workers; wait out outages like blocking, and pipeline their commands (see below).
 */
export type RedisRole = 'request' | 'producer' | 'blocking' | 'worker';

const MAX_RECONNECT_DELAY_MS = 2_000;

/** Host, port, logical database, credentials and TLS from REDIS_URL (redis://user:pass@host:6379/3). */
export function redisUrlOptions(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace(/^\//, '') || 0);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 6379),
    db: Number.isInteger(db) ? db : 0,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

export function redisOptions(env: RedisEnv, role: RedisRole): RedisOptions {
  const common: RedisOptions = {
    ...redisUrlOptions(env.REDIS_URL),
    connectTimeout: env.REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
    lazyConnect: false,
  };
  const blocking: RedisOptions = { ...common, maxRetriesPerRequest: null, enableReadyCheck: false };
  if (role === 'blocking') return blocking;
  // A grouped commit ends many runs in one turn: their moveToFinished calls then share one write instead
  // of a syscall each. Not BZPOPMIN (on the worker's own blocking connection, which gets these options
  // too): a blocked call in a pipeline would hold back every command queued behind it.
  if (role === 'worker') return { ...blocking, enableAutoPipelining: true, autoPipeliningIgnoredCommands: ['bzpopmin'] };
  if (role === 'producer')
    return { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS * 3 };
  // Auto-pipelining sends the commands of concurrent requests in one write: far fewer syscalls under load.
  return {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: env.REDIS_COMMAND_TIMEOUT_MS,
    enableAutoPipelining: true,
  };
}

/** Clients being closed on purpose: what fails on them then is not an outage. */
const closing = new WeakSet<Redis>();

/** The one way the platform opens Redis connections; logs state changes once, never every retry. */
export function createRedisClient(env: RedisEnv, role: RedisRole, name: string): Redis {
  const logger = new Logger(`Redis:${name}`);
  const client = new Redis({ ...redisOptions(env, role), connectionName: `workflow-platform:${name}` });
  let healthy = true;
  client.on('error', (error: Error) => {
    if (!healthy || closing.has(client)) return;
    healthy = false;
    logger.warn({ err: error.message }, 'Redis connection lost; retrying with backoff');
  });
  client.on('ready', () => {
    if (healthy) return;
    healthy = true;
    logger.log('Redis connection restored');
  });
  return client;
}

/** Closes a client after its pending replies (QUIT), or at once when it cannot send QUIT; never logs an outage. */
export async function closeRedisClient(client: Redis): Promise<void> {
  closing.add(client);
  await client.quit().catch(() => client.disconnect());
}
