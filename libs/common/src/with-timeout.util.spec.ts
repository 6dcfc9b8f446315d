import { settleWithin, withTimeout } from './with-timeout.util';

describe('settleWithin', () => {
  afterEach(() => jest.useRealTimers());

  it('settles as the promise does when it is in time, and clears its timer', async () => {
    jest.useFakeTimers();
    const onTimeout = jest.fn(() => 'late');
    await expect(settleWithin(Promise.resolve('value'), 1_000, onTimeout)).resolves.toBe('value');
    await expect(settleWithin(Promise.reject(new Error('boom')), 1_000, onTimeout)).rejects.toThrow('boom');
    expect(jest.getTimerCount()).toBe(0);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('settles with what onTimeout returns or throws once the time is up', async () => {
    jest.useFakeTimers();
    const never = new Promise<string>(() => undefined);
    const late = settleWithin(never, 1_000, () => null);
    const refused = withTimeout(never, 1_000, 'Redis');
    jest.advanceTimersByTime(1_000);
    await expect(late).resolves.toBeNull();
    await expect(refused).rejects.toThrow('Redis: no answer within 1000 ms');
  });
});
