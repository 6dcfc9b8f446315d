/**
 * The series this library defines. Other libraries inject them with `@InjectMetric(METRIC.x)` from
 * @willsoto/nestjs-prometheus (a string token: no import of this library, so no import cycle).
 */
export const METRIC = {
  httpRequests: 'http_requests_total',
  httpDuration: 'http_request_duration_seconds',
  executions: 'workflow_executions_total',
  executionDuration: 'workflow_execution_duration_seconds',
  databaseQueries: 'database_queries_total',
  cacheOperations: 'cache_operations_total',
  liveConnections: 'websocket_connections_active',
  errors: 'errors_total',
  queueJobs: 'workflow_queue_jobs',
  backupLastStatus: 'backup_last_status',
  backupLastSuccess: 'backup_last_success_timestamp_seconds',
  backupRuns: 'backup_runs_total',
} as const;

/** cache_operations_total{result}: lookups hit or miss; writes and reads of a remote cache succeed or fail. */
export type CacheResult = 'hit' | 'miss' | 'ok' | 'error';

/** errors_total{type}: 4xx answers, 5xx answers, unexpected exceptions (500), failed or timed-out executions. */
export type ErrorType = 'client' | 'server' | 'unhandled' | 'execution';

/** The route label of requests no route matched (404s): never the raw URL, so cardinality stays bounded. */
export const UNMATCHED_ROUTE = 'unmatched';
