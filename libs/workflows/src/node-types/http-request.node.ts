import type { Agent } from 'undici';
import { SsrfGuard } from '@app/common';
import { APP_VERSION } from '@app/config';
import { HTTP_CREDENTIAL_TYPES, HttpAuth } from '../credentials/credentials-port';
import { templateSources } from '../engine/expression-evaluator';
import { fileBody } from './http-file-body';
import { NodeContext, NodeFailure, NodeResult, NodeType } from './node-type';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
// undici's request() sends none; some APIs refuse anonymous clients, and operators want to know who calls.
const USER_AGENT = `workflow-platform/${APP_VERSION}`;

const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);

interface HttpParams {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  failOnErrorStatus?: boolean;
  credentialId?: string;
  file?: string;
  fileField?: string;
}

/** Calls an HTTP endpoint with undici; private, loopback and link-local targets are refused (SSRF). */
export class HttpRequestNode implements NodeType {
  readonly type = 'http.request';
  readonly description = 'HTTP request (undici). url and headers take {{ expr }} placeholders; body is a JSONata expression sent as JSON.';
  readonly paramsSchema = {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: {
      method: { enum: METHODS, default: 'GET' },
      url: { type: 'string', minLength: 1, maxLength: 2048 },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      body: { type: 'string', description: 'JSONata expression; the result is sent as JSON' },
      timeoutMs: { type: 'integer', minimum: 100, maximum: 300_000, default: 10_000 },
      maxResponseBytes: { type: 'integer', minimum: 1, maximum: 104_857_600 },
      failOnErrorStatus: {
        type: 'boolean',
        default: true,
        description: 'A 4xx/5xx answer fails the node (and is retried); false = output it',
      },
      file: {
        type: 'string',
        description: 'JSONata expression giving a stored file (its id, or a webhook upload reference {fileId}); sent as the raw body',
      },
      fileField: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        description: 'With file: send it as this multipart/form-data part instead, with `body` (an object) as the text fields',
      },
      credentialId: {
        type: 'string',
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
        description: `A credential (${HTTP_CREDENTIAL_TYPES.join(', ')}) whose headers or query parameters are added`,
      },
    },
  };
  private readonly guard: SsrfGuard;
  private agent?: Agent;

  constructor(
    allowList: string[],
    private readonly defaultMaxBytes: number,
  ) {
    this.guard = new SsrfGuard(allowList, 'workflows', 'HTTP_NODE_ALLOWED_HOSTS');
  }

  expressionsOf(params: Record<string, unknown>): string[] {
    const p = params as unknown as HttpParams;
    return [
      ...templateSources(p.url),
      ...Object.values(p.headers ?? {}).flatMap(templateSources),
      ...(p.body ? [p.body] : []),
      ...(p.file ? [p.file] : []),
    ];
  }

  credentialsOf(params: Record<string, unknown>) {
    const id = (params as unknown as HttpParams).credentialId;
    return id ? [{ credentialId: id, types: HTTP_CREDENTIAL_TYPES }] : [];
  }

  paramsProblems(params: Record<string, unknown>): string[] {
    const p = params as unknown as HttpParams;
    if (p.fileField && !p.file) return ['params.fileField needs params.file (the file to send)'];
    if (p.file && p.body && !p.fileField)
      return ['params.file and params.body are both a request body: set params.fileField to send them together as multipart/form-data'];
    return [];
  }

  async run({ params, scope, expressions, signal, credentials, files }: NodeContext): Promise<NodeResult> {
    const p = params as unknown as HttpParams;
    const url = new URL(await expressions.template(p.url, scope));
    const refusal = this.guard.urlRefusal(url);
    if (refusal) throw new NodeFailure(refusal, true);
    const headers = Object.fromEntries(
      await Promise.all(Object.entries(p.headers ?? {}).map(async ([k, v]) => [k, await expressions.template(v, scope)])),
    );
    if (p.credentialId) applyAuth(url, headers, await this.auth(p.credentialId, credentials));
    const body = p.file
      ? await fileBody(
          {
            file: await expressions.evaluate(p.file, scope),
            fileField: p.fileField,
            fields: p.body ? await expressions.evaluate(p.body, scope) : undefined,
          },
          files,
          headers,
        )
      : p.body
        ? JSON.stringify(await expressions.evaluate(p.body, scope))
        : undefined;
    if (body && !hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
    if (!hasHeader(headers, 'user-agent')) headers['user-agent'] = USER_AGENT;
    const timeout = p.timeoutMs ?? 10_000;
    try {
      // undici (~20 MB resident) loads on the first request: processes that never send one never load it.
      const { Agent, request } = await import('undici');
      this.agent ??= new Agent({ connect: { lookup: this.guard.lookup }, keepAliveTimeout: 4_000 });
      const response = await request(url, {
        method: (p.method ?? 'GET') as 'GET',
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeout)]),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const text = await this.readLimited(response.body, p.maxResponseBytes ?? this.defaultMaxBytes);
      const isJson = String(response.headers['content-type'] ?? '').includes('json');
      // Otherwise a 503 would "succeed" and node retries would never cover the commonest transient failure.
      if (response.statusCode >= 400 && p.failOnErrorStatus !== false)
        throw new NodeFailure(
          `HTTP ${p.method ?? 'GET'} ${url.origin}${url.pathname} answered ${response.statusCode}: ${text.slice(0, 200)}`,
        );
      return { output: { status: response.statusCode, headers: response.headers, body: isJson && text ? safeJson(text) : text } };
    } catch (error) {
      if (error instanceof NodeFailure) throw error;
      const cause = (error as { cause?: Error }).cause;
      const refused = (cause as { code?: string } | undefined)?.code === 'ESSRF' || (error as { code?: string }).code === 'ESSRF';
      throw new NodeFailure(
        `HTTP ${p.method ?? 'GET'} ${url.origin}${url.pathname} failed: ${cause?.message ?? (error as Error).message}`,
        refused,
      );
    }
  }

  private async auth(credentialId: string, credentials: NodeContext['credentials']): Promise<HttpAuth> {
    if (!credentials) throw new NodeFailure('credentials are not available in this process', true);
    return credentials.httpAuth(credentialId);
  }

  private async readLimited(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limit) {
        body.destroy();
        throw new NodeFailure(`Response larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** The credential wins over a same-named header or query parameter written in the params. */
function applyAuth(url: URL, headers: Record<string, string>, auth: HttpAuth): void {
  for (const [name, value] of Object.entries(auth.headers)) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
  }
  for (const [name, value] of Object.entries(auth.query)) url.searchParams.set(name, value);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
