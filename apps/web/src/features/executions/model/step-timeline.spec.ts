import { stepTimeline } from './step-timeline';

const step = (nodeId: string, startedAt: string | null, durationMs: number | null, extra: object = {}) => ({
  nodeId,
  status: 'SUCCEEDED',
  startedAt,
  finishedAt: null,
  durationMs,
  attempt: 1,
  attempts: [],
  ...extra,
});

describe('stepTimeline', () => {
  it('places each step by its start offset and duration on the run axis', () => {
    const t = stepTimeline(
      '2026-01-01T00:00:00.000Z',
      [step('a', '2026-01-01T00:00:00.000Z', 100), step('b', '2026-01-01T00:00:00.100Z', 300)],
      0,
    );
    expect(t.totalMs).toBe(400);
    expect(t.rows.map((r) => [r.nodeId, r.offsetMs, r.durationMs])).toEqual([
      ['a', 0, 100],
      ['b', 100, 300],
    ]);
    expect(t.rows[1].segments).toEqual([{ left: 25, width: 75, failed: false }]);
  });

  it('grows a running step until now and splits a retried one into its attempts', () => {
    const now = new Date('2026-01-01T00:00:01.000Z').getTime();
    const t = stepTimeline(
      '2026-01-01T00:00:00.000Z',
      [
        step('retried', '2026-01-01T00:00:00.000Z', 500, {
          attempt: 2,
          attempts: [
            { attempt: 1, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 100, error: 'boom' },
            { attempt: 2, startedAt: '2026-01-01T00:00:00.300Z', durationMs: 200 },
          ],
        }),
        step('running', '2026-01-01T00:00:00.500Z', null, { status: 'RUNNING' }),
        step('pending', null, null, { status: 'PENDING' }),
      ],
      now,
    );
    expect(t.totalMs).toBe(1000);
    expect(t.rows[0]).toMatchObject({
      attempts: 2,
      segments: [
        { left: 0, width: 10, failed: true },
        { left: 30, width: 20, failed: false },
      ],
    });
    expect(t.rows[1]).toMatchObject({ offsetMs: 500, durationMs: 500, segments: [{ left: 50, width: 50, failed: false }] });
    expect(t.rows[2]).toMatchObject({ offsetMs: null, segments: [] });
  });
});
