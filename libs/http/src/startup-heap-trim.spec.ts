import { trimHeapOnceIdle } from './startup-heap-trim';

describe('trimHeapOnceIdle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function trim(readings: number[]) {
    const collect = jest.fn(() => Promise.resolve());
    const utilization = jest.fn(() => readings.shift() ?? 0);
    trimHeapOnceIdle({ checkEveryMs: 1_000, giveUpAfterMs: 10_000, idleBelow: 0.05, idleLooks: 2, utilization, collect });
    return { collect, utilization };
  }

  it('collects once, at the first look that finds the event loop idle for the looks asked for in a row', () => {
    const { collect, utilization } = trim([0.9, 0.01, 0.4, 0.01, 0.01]);
    jest.advanceTimersByTime(4_000);
    expect(collect).not.toHaveBeenCalled(); // the busy third look started the count again
    jest.advanceTimersByTime(1_000);
    expect(collect).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(utilization).toHaveBeenCalledTimes(5);
  });

  it('gives up while the process stays busy (V8 trims by itself later)', () => {
    const { collect, utilization } = trim(Array(100).fill(0.8));
    jest.advanceTimersByTime(60_000);
    expect(collect).not.toHaveBeenCalled();
    expect(utilization).toHaveBeenCalledTimes(10);
  });
});
