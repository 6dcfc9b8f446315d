/**
 * The promise's outcome, or onTimeout's (what it returns, or what it throws) once ms pass first. One
 * promise and one timer: a Promise.race against a timeout promise inside an async function makes four
 * more promises, which count on hot paths (a node's time limit, a sync webhook's answer deadline).
 */
export function settleWithin<T, U>(promise: Promise<T>, ms: number, onTimeout: () => U): Promise<T | U> {
  return new Promise<T | U>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error as Error);
      }
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}

/**
 * Rejects when the promise has not settled in time, so a hung dependency cannot hang a probe or a
 * delivery. The work itself is not cancelled: callers must tolerate a late finish.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return settleWithin(promise, ms, (): never => {
    throw new Error(`${what}: no answer within ${ms} ms`);
  });
}
