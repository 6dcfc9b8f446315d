import { bucketOf, bucketValue, LatencyHistogram } from './latency-histogram';

describe('LatencyHistogram', () => {
  it('places every value in a bucket whose middle is within 2.5%', () => {
    for (const ms of [0.05, 0.7, 1, 3.3, 12, 99.9, 250, 1_000, 42_000, 300_000]) {
      const estimate = bucketValue(bucketOf(ms));
      expect(Math.abs(estimate - ms) / ms).toBeLessThanOrEqual(0.026);
    }
  });

  it('reads nearest-rank percentiles', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) histogram.add(ms, ms > 98);
    const { count, errorCount, p50Ms, p95Ms, p99Ms } = histogram.summary();
    expect({ count, errorCount }).toEqual({ count: 100, errorCount: 2 });
    expect(p50Ms).toBeCloseTo(50, -0.5);
    expect(Math.abs(p95Ms! - 95) / 95).toBeLessThan(0.026);
    expect(Math.abs(p99Ms! - 99) / 99).toBeLessThan(0.026);
  });

  it('merges bucket counts from elsewhere (other minutes, other replicas)', () => {
    const a = new LatencyHistogram();
    a.add(10, false);
    const merged = new LatencyHistogram();
    for (const [bucket, count] of a.buckets) merged.addBucket(bucket, count * 3);
    merged.addBucket(bucketOf(1000), 1);
    expect(merged.count).toBe(4);
    expect(merged.percentile(0.5)).toBeCloseTo(10, 0);
    expect(merged.percentile(1)).toBeGreaterThan(975);
  });

  it('has no percentiles without samples', () =>
    expect(new LatencyHistogram().summary()).toEqual({ count: 0, errorCount: 0, p50Ms: null, p95Ms: null, p99Ms: null }));
});
