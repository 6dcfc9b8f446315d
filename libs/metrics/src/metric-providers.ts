import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { METRIC } from './metric-names';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Counters, histograms and plain gauges; execution, queue and backup series live in their own libraries. */
export const METRIC_PROVIDERS = [
  makeCounterProvider({
    name: METRIC.httpRequests,
    help: 'HTTP requests answered, by method, route template, status code and origin of the status (platform, or workflow for webhook answers a workflow decided).',
    labelNames: ['method', 'route', 'status', 'origin'],
  }),
  makeHistogramProvider({
    name: METRIC.httpDuration,
    help: 'HTTP request duration in seconds, by method, route template, status code and origin (platform or workflow).',
    labelNames: ['method', 'route', 'status', 'origin'],
    buckets: HTTP_BUCKETS,
  }),
  makeCounterProvider({
    name: METRIC.databaseQueries,
    help: 'Database queries, by Prisma model and operation (raw for raw SQL).',
    labelNames: ['model', 'operation'],
  }),
  makeCounterProvider({
    name: METRIC.cacheOperations,
    help: 'Cache operations, by operation and result (hit, miss, ok, error).',
    labelNames: ['operation', 'result'],
  }),
  makeGaugeProvider({ name: METRIC.liveConnections, help: 'Open live streams (server-sent events: execution updates, the inbox count).' }),
  makeCounterProvider({
    name: METRIC.errors,
    help: 'Errors, by type: client (4xx), server (5xx), unhandled (unexpected exception), execution (failed run).',
    labelNames: ['type'],
  }),
];
