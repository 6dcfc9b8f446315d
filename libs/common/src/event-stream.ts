import { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';

const HEARTBEAT_MS = 15_000;

/**
 * One server-sent event stream: the body a route sends, `send` for events, a keep-alive comment every 15 s,
 * timers that die with it, and one `close` (idempotent) that runs the owner's clean-up. Clients reconnect
 * after a second (`retry`).
 */
export class EventStream {
  readonly body = new PassThrough();
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly cleanups: (() => void)[] = [];

  constructor() {
    this.body.write('retry: 1000\n\n');
    const beat = () => {
      this.body.write(': keep-alive\n\n');
      this.after(HEARTBEAT_MS, beat);
    };
    this.after(HEARTBEAT_MS, beat);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(event: string, data: unknown): void {
    if (!this.closed) this.body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: ignored by clients, tells them the stream is live. */
  comment(text: string): void {
    if (!this.closed) this.body.write(`: ${text}\n\n`);
  }

  /** Runs `run` once after `ms`, unless the stream closed before. */
  after(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }

  /** Runs at close; at once when the stream is already closed (e.g. shut down while its owner was subscribing). */
  onClose(cleanup: () => void): void {
    if (this.closed) cleanup();
    else this.cleanups.push(cleanup);
  }

  readonly close = (): void => {
    if (this.closed) return;
    this.closed = true;
    this.timers.forEach(clearTimeout);
    this.cleanups.forEach((cleanup) => cleanup());
    this.body.end();
  };
}

/** Answers a route with the stream (unbuffered by proxies); the client going away closes it. */
export function sendEventStream(reply: FastifyReply, stream: EventStream): void {
  reply.raw.once('close', stream.close);
  void reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no')
    .send(stream.body);
}
