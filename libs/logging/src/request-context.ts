import { AsyncLocalStorage } from 'node:async_hooks';
import { ServerResponse } from 'node:http';

/**
 * Routes served without an async request context: the webhook ingress, probes and metrics. Their
 * access line is still logged with the request id; what they do inside logs its own ids (executions).
 */
export const CONTEXT_FREE_ROUTES = ['webhook/*path', 'health', 'health/*path', 'metrics'];
const CONTEXT_FREE_PATH = /^\/(webhook\/|health(\/|\?|$)|metrics(\?|$))/;

export function isContextFree(url: string): boolean {
  return CONTEXT_FREE_PATH.test(url);
}

/** How long the storages stay on after the last request that uses them (a console burst keeps them on). */
const LINGER_MS = 2_000;

/**
 * On Node 20, while any AsyncLocalStorage is enabled a promise hook runs for every promise in the
 * process: 15–20 % of the API's CPU per sync webhook in bench:webhook (ALS is built into V8 only from
 * Node 22's AsyncContextFrame). The request context (nestjs-pino's request logger, the trace's database
 * span) is therefore entered only by requests that use it, and the storages are disabled once none of
 * those has been in flight for LINGER_MS; the next such request's run() enables them again.
 * Hand-written: neither nestjs-pino nor Node offers an on-demand switch.
 */
class RequestContexts {
  private readonly storages = new Set<Pick<AsyncLocalStorage<unknown>, 'disable'>>();
  private inFlight = 0;
  private readonly counted = new WeakSet<ServerResponse>();
  private idleTimer: NodeJS.Timeout | undefined;

  track<T>(storage: AsyncLocalStorage<T>): void {
    this.storages.add(storage);
  }

  /** A request that may enter the context started; it counts until its response closes or starts streaming. */
  opened(response: ServerResponse): void {
    this.inFlight++;
    this.counted.add(response);
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    response.once('close', () => this.settled(response));
  }

  /**
   * The request no longer counts: its response closed, or it streams (an event stream stays open for as
   * long as a console is, and would keep the storages on; what it sends later comes from Redis, not from it).
   */
  settled(response: ServerResponse): void {
    if (!this.counted.delete(response)) return;
    if (--this.inFlight === 0) this.checkWhenIdle();
  }

  /**
   * A context-free request. Should a storage have been entered all the same (a path that the route
   * patterns and CONTEXT_FREE_PATH read differently), it is switched off again like after any other.
   */
  passedBy(): void {
    // At most one timer per LINGER_MS under load; disabling a storage that is off does nothing.
    if (this.inFlight === 0 && this.idleTimer === undefined) this.checkWhenIdle();
  }

  /** Whether any tracked storage is enabled (the process pays for promise hooks); reads Node 20's own flag, for tests. */
  get enabled(): boolean {
    return [...this.storages].some((storage) => (storage as unknown as { enabled?: boolean }).enabled);
  }

  private checkWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.inFlight === 0) for (const storage of this.storages) storage.disable();
    }, LINGER_MS).unref();
  }
}

export const requestContexts = new RequestContexts();
