import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as the local server received it. */
export interface LocalRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's exact bytes (binary uploads). */
  raw: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  receivedAt: number;
}

/**
 * What a route answers: a JSON (or text, for a string body) reply, optionally after a delay; `hang`
 * never answers; `drop` closes the connection without an answer (a network failure).
 */
export interface LocalResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hang?: boolean;
  drop?: boolean;
}

/** `nth` counts the requests this route has received, from 1. */
export type LocalRoute = (request: LocalRequest, nth: number) => LocalResponse | Promise<LocalResponse>;

/**
 * A plain HTTP server on 127.0.0.1 for the http.request node to call: records every request, answers
 * per route (programmable status, headers, body, delay, failures, hangs) and tracks how many requests
 * it is holding at once. Unrouted paths echo the request back as JSON.
 */
export class LocalHttpServer {
  readonly requests: LocalRequest[] = [];
  /** Requests answered in full (not hung, dropped or abandoned by the caller), with when. */
  readonly answered: { path: string; at: number }[] = [];
  /** Most requests held at the same time since start (or reset). */
  peakConcurrency = 0;
  private active = 0;
  private readonly routes = new Map<string, LocalRoute>();
  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => void this.receive(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res));
    });
  }

  static async start(): Promise<LocalHttpServer> {
    const local = new LocalHttpServer();
    await new Promise<void>((resolve) => local.server.listen(0, '127.0.0.1', resolve));
    local.port = (local.server.address() as AddressInfo).port;
    return local;
  }

  get portNumber(): number {
    return this.port;
  }

  url(path = ''): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  route(path: string, handler: LocalRoute): this {
    this.routes.set(path, handler);
    return this;
  }

  requestsTo(path: string): LocalRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Requests being held right now. */
  get concurrent(): number {
    return this.active;
  }

  reset(): void {
    this.requests.length = 0;
    this.answered.length = 0;
    this.peakConcurrency = this.active;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(method: string, rawUrl: string, headers: IncomingHttpHeaders, raw: Buffer, res: ServerResponse): Promise<void> {
    const body = raw.toString('utf8');
    const url = new URL(rawUrl, 'http://local');
    const request: LocalRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      raw,
      json: parseJson(body),
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    this.active++;
    this.peakConcurrency = Math.max(this.peakConcurrency, this.active);
    let done = false;
    const finish = () => {
      if (!done) this.active--;
      done = true;
    };
    res.once('close', finish);
    const route = this.routes.get(url.pathname);
    const reply = route
      ? await route(request, this.requestsTo(url.pathname).length)
      : { body: { method, path: request.path, query: request.query, headers, body: request.json ?? body } };
    if (reply.hang) return;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return finish(); // the caller gave up (timeout, cancel)
    if (reply.drop) return void res.socket?.destroy();
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
    const contentType = typeof reply.body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(reply.status ?? 200, { 'content-type': contentType, ...reply.headers });
    res.end(text, () => {
      this.answered.push({ path: request.path, at: Date.now() });
      finish();
    });
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
