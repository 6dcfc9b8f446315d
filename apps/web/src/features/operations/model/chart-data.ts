import type { components } from '../../../api/schema';

export type OperationsSeries = components['schemas']['OperationsSeriesDto'];
type Point = OperationsSeries['points'][number];

export interface ChartRow {
  time: string;
  requests: number;
  executions: number;
  requestP50: number | null;
  requestP95: number | null;
  requestP99: number | null;
  executionP50: number | null;
  executionP95: number | null;
  executionP99: number | null;
  requestErrors: number;
  executionErrors: number;
  queueWaiting: number | null;
  queueActive: number | null;
  rejections: number;
  fallbacks: number;
}

const percent = (rate: number) => Math.round(rate * 1000) / 10;

/** One row per slot for the charts: counts per slot, latencies in ms, error rates in percent. */
export function toChartRows(series: OperationsSeries): ChartRow[] {
  const hourly = series.resolutionSeconds >= 3600;
  return series.points.map((p: Point) => ({
    time: hourly
      ? new Date(p.at).toLocaleString([], { weekday: 'short', hour: '2-digit' })
      : new Date(p.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    requests: p.requests.count,
    executions: p.executions.count,
    requestP50: p.requests.p50Ms,
    requestP95: p.requests.p95Ms,
    requestP99: p.requests.p99Ms,
    executionP50: p.executions.p50Ms,
    executionP95: p.executions.p95Ms,
    executionP99: p.executions.p99Ms,
    requestErrors: percent(p.requests.errorRate),
    executionErrors: percent(p.executions.errorRate),
    queueWaiting: p.queueWaiting,
    queueActive: p.queueActive,
    rejections: p.rateLimitRejections,
    fallbacks: p.rateLimitFallbacks,
  }));
}

export interface SeriesTotals {
  requests: number;
  executions: number;
  requestErrorRate: number;
  executionErrorRate: number;
  rejections: number;
  fallbacks: number;
  queueWaiting: number | null;
}

/** The whole window at a glance (the figures above the charts). */
export function totals(series: OperationsSeries): SeriesTotals {
  const sum = (pick: (p: Point) => number) => series.points.reduce((total, p) => total + pick(p), 0);
  const requests = sum((p) => p.requests.count);
  const executions = sum((p) => p.executions.count);
  const lastSampled = [...series.points].reverse().find((p) => p.queueWaiting !== null);
  return {
    requests,
    executions,
    requestErrorRate: requests ? percent(sum((p) => p.requests.errorCount) / requests) : 0,
    executionErrorRate: executions ? percent(sum((p) => p.executions.errorCount) / executions) : 0,
    rejections: sum((p) => p.rateLimitRejections),
    fallbacks: sum((p) => p.rateLimitFallbacks),
    queueWaiting: lastSampled?.queueWaiting ?? null,
  };
}
