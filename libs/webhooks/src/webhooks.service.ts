import { Injectable, MethodNotAllowedException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ConcurrencyLimiter, ExecutionRow, ExecutionRunService, ExecutionsService, isFinal, newExecutionRow } from '@app/executions';
import { RateLimiter, rateLimitHeaders, tooManyRequestsBody } from '@app/throttling';
import { RunOutcome, TriggerData } from '@app/workflows';
import { IdempotencyService } from './idempotency.service';
import { WebhookEntry, WebhookRegistry } from './webhook-registry.service';
import { SIGNATURE_HEADER, signatureProblem } from './webhook-signature';

export interface WebhookCall {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  body: unknown;
  rawBody?: Buffer;
  /** The caller's address as Fastify resolved it (honours TRUST_PROXY). */
  ip?: string;
}

export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'x-api-key', SIGNATURE_HEADER]);
const POLL_MS = 50;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly registry: WebhookRegistry,
    private readonly executions: ExecutionsService,
    private readonly runs: ExecutionRunService,
    private readonly limiter: ConcurrencyLimiter,
    private readonly idempotency: IdempotencyService,
    private readonly rateLimits: RateLimiter,
  ) {}

  async handle(call: WebhookCall): Promise<WebhookReply> {
    const entry = await this.registry.lookup(call.path);
    if (!entry) throw new NotFoundException(`No active webhook at /webhook/${call.path}`);
    // Per path and caller IP, scaled by the owner's tier: known only now, hence here and not in a guard.
    const rate = await this.rateLimits.consume('webhook', { scope: call.path, ip: call.ip }, entry.tier);
    if (!rate.allowed) return { status: 429, headers: rateLimitHeaders(rate), body: tooManyRequestsBody(rate) };
    const reply = await this.dispatch(entry, call);
    return { ...reply, headers: { ...rateLimitHeaders(rate), ...reply.headers } };
  }

  private async dispatch(entry: WebhookEntry, call: WebhookCall): Promise<WebhookReply> {
    if (entry.method !== call.method) throw new MethodNotAllowedException(`/webhook/${call.path} accepts ${entry.method}`);
    this.verify(entry, call);
    const key = this.idempotency.validate(header(call.headers, 'idempotency-key'));
    const row = newExecutionRow({ workflowId: entry.workflowId, workflowVersionId: entry.versionId, userId: entry.userId, trigger: 'WEBHOOK', input: this.triggerData(call), idempotencyKey: key });
    if (key) {
      const holder = await this.idempotency.claim(entry.workflowId, key, row.id);
      if (holder) return this.replay(entry, holder);
    }
    if (entry.mode === 'ASYNC') {
      await this.executions.enqueueRow(row, entry.tier);
      return accepted(row.id, 'QUEUED');
    }
    if (entry.plan.hasDelay || !(await this.limiter.acquire(entry.userId, entry.tier, row.id))) return this.viaQueue(entry, row);
    const run = this.runs.runInline(row, entry.plan);
    // The tier slot is held until the run really ends, also when it outlives the sync answer.
    const released = run.finally(() => this.limiter.release(entry.userId, row.id));
    released.catch(() => undefined); // a failed run reaches the caller through `run`
    const outcome = await withDeadline(run, this.config.execution.WEBHOOK_SYNC_TIMEOUT_MS);
    if (outcome || isFinal(row.status)) {
      const reply = toReply(row.id, outcome ?? (await run));
      await released;
      return reply;
    }
    // Still running: record it now, so the executionId in the 202 can be looked up (and cancelled).
    await this.runs.markRunning(row);
    return accepted(row.id, 'RUNNING');
  }

  /** Over the concurrency limit, or a workflow that pauses: queue it and wait up to the sync timeout. */
  private async viaQueue(entry: WebhookEntry, row: ExecutionRow): Promise<WebhookReply> {
    await this.executions.enqueueRow(row, entry.tier);
    return this.replay(entry, row.id);
  }

  /** Answers with the result an execution produced (waiting for it up to the sync timeout). */
  private async replay(entry: WebhookEntry, executionId: string): Promise<WebhookReply> {
    if (entry.mode === 'ASYNC') return accepted(executionId, 'QUEUED');
    const deadline = Date.now() + this.config.execution.WEBHOOK_SYNC_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const execution = await this.prisma.execution.findUnique({ where: { id: executionId }, include: { steps: { where: { nodeType: 'flow.respond', status: 'SUCCEEDED' } } } });
      if (execution && isFinal(execution.status)) {
        const respond = execution.steps[0]?.output as unknown as WebhookReply | undefined;
        return toReply(executionId, { status: execution.status, output: execution.output, error: execution.error, respond, steps: [] } as unknown as RunOutcome);
      }
      await sleep(POLL_MS);
    }
    return accepted(executionId, 'RUNNING');
  }

  private verify(entry: WebhookEntry, call: WebhookCall): void {
    if (!entry.signingSecret) return;
    const problem = signatureProblem(entry.signingSecret, header(call.headers, SIGNATURE_HEADER), call.rawBody ?? Buffer.alloc(0), this.config.execution.WEBHOOK_SIGNATURE_TOLERANCE_SECONDS);
    if (problem) throw new UnauthorizedException(`Webhook signature refused: ${problem}`);
  }

  private triggerData(call: WebhookCall): TriggerData {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.headers)) if (value !== undefined && !HIDDEN_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return { body: call.body ?? null, headers, query: call.query ?? {}, method: call.method, path: call.path };
  }
}

function header(headers: WebhookCall['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function accepted(executionId: string, status: string): WebhookReply {
  return { status: 202, headers: {}, body: { executionId, status } };
}

/** flow.respond decides the answer; otherwise the last output with 200; failures say what failed. */
function toReply(executionId: string, outcome: Pick<RunOutcome, 'status' | 'output' | 'error' | 'respond'>): WebhookReply {
  const headers = { 'x-execution-id': executionId };
  if (outcome.respond) return { status: outcome.respond.status, headers: { ...outcome.respond.headers, ...headers }, body: outcome.respond.body };
  if (outcome.status === 'SUCCEEDED') return { status: 200, headers, body: outcome.output };
  const status = outcome.status === 'TIMED_OUT' ? 504 : outcome.status === 'CANCELLED' ? 409 : 422;
  return { status, headers, body: { statusCode: status, error: 'Workflow execution ' + outcome.status.toLowerCase().replace('_', ' '), message: outcome.error, executionId } };
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
