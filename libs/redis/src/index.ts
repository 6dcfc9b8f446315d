export { RedisModule } from './redis.module';
export { RedisService } from './redis.service';
export { createRedisClient, redisOptions, type RedisRole, redisUrlOptions } from './redis-client.factory';
export { closeWorker } from './close-worker';
