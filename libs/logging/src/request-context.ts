import { AsyncLocalStorage } from 'node:async_hooks';
import { IncomingMessage, ServerResponse } from 'node:http';

/** The webhook ingress, probes and metrics: served without an async request context. */
const CONTEXT_FREE_PATH = /^\/(webhook\/|health(\/|\?|$)|metrics(\?|$))/;
const CONTEXT_FREE = Symbol('contextFree');
type ClassifiedRequest = IncomingMessage & { originalUrl?: string; [CONTEXT_FREE]?: boolean };

/** How long the storages stay on after the last request that uses them (a console burst keeps them on). */
const LINGER_MS = 2_000;

/**
 * On Node 20, while any AsyncLocalStorage is enabled a promise hook runs for every promise in the
 * process: 15–20 % of the API's CPU per sync webhook in bench:webhook (ALS is built into V8 only from
 * Node 22's AsyncContextFrame). The request context (the request logger, the trace's database span) is
 * therefore entered only by requests that use it, and the storages are disabled once none of those has
 * been in flight for LINGER_MS; the next such request's run() enables them again.
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

  /**
   * Called for every request by configureApp's onRequest hook: one that runs in the context counts until
   * its response closes or starts streaming.
   */
  begin(request: IncomingMessage, response: ServerResponse): void {
    if (this.isContextFree(request)) return;
    this.inFlight++;
    this.counted.add(response);
    clearTimeout(this.idleTimer);
    response.once('close', () => this.settled(response));
  }

  /** Decided once per request, by whichever of the onRequest hook and the middleware asks first. */
  isContextFree(request: IncomingMessage): boolean {
    const classified = request as ClassifiedRequest;
    return (classified[CONTEXT_FREE] ??= CONTEXT_FREE_PATH.test(classified.originalUrl ?? classified.url ?? ''));
  }

  /**
   * The request no longer counts: its response closed, or it streams (an event stream stays open for as
   * long as a console is, and would keep the storages on; what it sends later comes from Redis, not from it).
   */
  settled(response: ServerResponse): void {
    if (!this.counted.delete(response)) return;
    if (--this.inFlight === 0) this.idleTimer = setTimeout(() => this.disableIfIdle(), LINGER_MS).unref();
  }

  /** Whether any tracked storage is enabled (the process pays for promise hooks); reads Node 20's own flag, for tests. */
  get enabled(): boolean {
    return [...this.storages].some((storage) => (storage as unknown as { enabled?: boolean }).enabled);
  }

  private disableIfIdle(): void {
    if (this.inFlight === 0) for (const storage of this.storages) storage.disable();
  }
}

export const requestContexts = new RequestContexts();
