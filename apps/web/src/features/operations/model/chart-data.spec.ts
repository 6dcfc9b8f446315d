import { type OperationsSeries, toChartRows, totals } from './chart-data';

const stats = (count: number, errorCount: number, p95Ms: number | null) => ({
  count,
  errorCount,
  errorRate: count ? errorCount / count : 0,
  throughput: count / 60,
  p50Ms: p95Ms && p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms && p95Ms * 2,
});

const series: OperationsSeries = {
  window: '15m',
  from: '2026-12-02T10:00:00.000Z',
  to: '2026-12-02T10:02:30.000Z',
  resolutionSeconds: 60,
  points: [
    {
      at: '2026-12-02T10:00:00.000Z',
      requests: stats(0, 0, null),
      executions: stats(0, 0, null),
      rateLimitRejections: 0,
      rateLimitFallbacks: 0,
      queueWaiting: null,
      queueActive: null,
    },
    {
      at: '2026-12-02T10:01:00.000Z',
      requests: stats(30, 3, 12),
      executions: stats(2, 1, 40),
      rateLimitRejections: 4,
      rateLimitFallbacks: 1,
      queueWaiting: 5,
      queueActive: 2,
    },
    {
      at: '2026-12-02T10:02:00.000Z',
      requests: stats(10, 0, 8),
      executions: stats(1, 0, 30),
      rateLimitRejections: 0,
      rateLimitFallbacks: 0,
      queueWaiting: 0,
      queueActive: 0,
    },
  ],
};

describe('operations chart data', () => {
  it('gives one row per slot: counts, latencies (null stays null, so the line breaks) and error rates in percent', () => {
    const rows = toChartRows(series);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ requests: 0, requestP95: null, executionP99: null, requestErrors: 0, queueWaiting: null });
    expect(rows[1]).toMatchObject({
      requests: 30,
      executions: 2,
      requestP95: 12,
      requestErrors: 10,
      executionErrors: 50,
      rejections: 4,
      fallbacks: 1,
    });
  });

  it('sums the window and takes the latest sampled queue depth', () => {
    expect(totals(series)).toEqual({
      requests: 40,
      executions: 3,
      requestErrorRate: 7.5,
      executionErrorRate: 33.3,
      rejections: 4,
      fallbacks: 1,
      queueWaiting: 0,
    });
  });
});
