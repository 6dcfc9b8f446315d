import { LazyAbort } from './lazy-abort';

describe('LazyAbort', () => {
  it('makes no controller until the signal is read', () => {
    const abort = new LazyAbort();
    abort.abort();
    expect((abort as unknown as { controller?: AbortController }).controller).toBeUndefined();
  });

  it('hands out an aborted signal when the node asks only after its time was up', () => {
    const abort = new LazyAbort();
    abort.abort();
    expect(abort.signal.aborted).toBe(true);
  });

  it('aborts the signal a node already holds, once, and keeps handing out the same one', () => {
    const abort = new LazyAbort();
    const signal = abort.signal;
    const onAbort = jest.fn();
    signal.addEventListener('abort', onAbort);
    expect(signal.aborted).toBe(false);
    abort.abort();
    expect(signal.aborted).toBe(true);
    expect(onAbort).toHaveBeenCalledTimes(1);
    expect(abort.signal).toBe(signal);
  });
});
