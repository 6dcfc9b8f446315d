import {
  ConflictException,
  Injectable,
  MethodNotAllowedException,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { executionLocation, ExecutionRow, ExecutionTriggerService, newExecutionRow, TriggerAnswer } from '@app/executions';
import { RateLimitDecision, RateLimiter, rateLimitHeaders, tooManyRequestsBody } from '@app/throttling';
import { RunOutcome, sanitizeWebhookResponse, TriggerData } from '@app/workflows';
import { IdempotencyService } from './idempotency.service';
import { WebhookForm, WebhookFormReader } from './webhook-form.reader';
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
  /** Set for multipart/form-data: the body is still unread, its files are stored once the owner is known. */
  multipart?: FastifyRequest;
}

export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'x-api-key', SIGNATURE_HEADER]);
// The trigger.webhook path pattern: anything else cannot be registered, so it is a 404 without a lookup.
const WEBHOOK_PATH = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: WebhookRegistry,
    private readonly triggers: ExecutionTriggerService,
    private readonly idempotency: IdempotencyService,
    private readonly rateLimits: RateLimiter,
    private readonly forms: WebhookFormReader,
  ) {}

  async handle(call: WebhookCall): Promise<WebhookReply> {
    const entry = WEBHOOK_PATH.test(call.path) ? await this.registry.lookup(call.path) : null;
    if (!entry) throw new NotFoundException(`No active webhook at /webhook/${call.path}`);
    if (this.admitsInOneTrip(entry, call)) return this.admitAndStart(entry, call);
    // Per path and caller IP, scaled by the owner's tier: known only now, hence here and not in a guard.
    const rate = await this.rateLimits.consume('webhook', { scope: call.path, ip: call.ip }, entry.tier);
    if (!rate.allowed) return refusal(rate);
    const reply = await this.dispatch(entry, call);
    return withRateHeaders(rate, reply);
  }

  /**
   * A plain call: right method, good or no signature, no Idempotency-Key, not multipart. Its rate limit
   * hit and, where its run asks for a tier slot at once (sync inline, async eager), that slot go to Redis
   * in one script, the slot taken only when the limit lets the call through. Anything else takes the
   * steps one by one.
   */
  private admitsInOneTrip(entry: WebhookEntry, call: WebhookCall): boolean {
    return (
      entry.method === call.method &&
      !call.multipart &&
      header(call.headers, 'idempotency-key') === undefined &&
      (!entry.signingSecret || this.signatureProblemOf(entry, call) === null)
    );
  }

  private async admitAndStart(entry: WebhookEntry, call: WebhookCall): Promise<WebhookReply> {
    const row = this.rowOf(entry, call, null);
    let rate!: RateLimitDecision; // set by the ask, which startAsking always runs first
    const started = await this.triggers.startAsking(
      { row, plan: entry.plan, tier: entry.tier, sync: entry.mode === 'SYNC' },
      async (slot) => {
        const admitted = await this.rateLimits.consumeThen('webhook', { scope: call.path, ip: call.ip }, entry.tier, slot);
        rate = admitted.decision;
        return rate.allowed ? admitted.step : 'refused';
      },
    );
    return started === 'refused' ? refusal(rate) : withRateHeaders(rate, answer(started));
  }

  private async dispatch(entry: WebhookEntry, call: WebhookCall): Promise<WebhookReply> {
    if (entry.method !== call.method) throw new MethodNotAllowedException(`/webhook/${call.path} accepts ${entry.method}`);
    if (!call.multipart) {
      this.verify(entry, call);
      return this.run(entry, call, null);
    }
    const form = await this.forms.read(entry.userId, call.multipart, entry.signingSecret ?? null);
    try {
      return await this.run(entry, { ...call, body: form.body }, form);
    } catch (error) {
      await this.forms.discard(form);
      throw error;
    }
  }

  /** `form`: the stored files of a multipart call, removed again when the call only replays an earlier one. */
  private async run(entry: WebhookEntry, call: WebhookCall, form: WebhookForm | null): Promise<WebhookReply> {
    const key = this.idempotency.validate(header(call.headers, 'idempotency-key'));
    const row = this.rowOf(entry, call, key);
    if (!key) return this.start(entry, row);
    const fingerprint = requestFingerprint(call, form?.fingerprint);
    const holder = await this.idempotency.claim(entry.workflowId, key, row.id, fingerprint);
    if (holder) {
      if (holder.fingerprint !== null && holder.fingerprint !== fingerprint)
        throw new UnprocessableEntityException(
          `Idempotency-Key "${key}" was already used with a different request (method, query or body); use a new key`,
        );
      if (form) await this.forms.discard(form);
      return this.replay(entry, holder.executionId, key);
    }
    try {
      return await this.start(entry, row);
    } catch (error) {
      // No execution was recorded: free the key so a corrected request is not held up by a run that does not exist.
      if (!(await this.triggers.isRecorded(row.id))) {
        await this.idempotency.release(entry.workflowId, key, row.id, fingerprint).catch(() => undefined);
        this.triggers.abandoned(row.id); // requests replaying this key stop waiting for it
      }
      throw error;
    }
  }

  private rowOf(entry: WebhookEntry, call: WebhookCall, idempotencyKey: string | null): ExecutionRow {
    return newExecutionRow({
      workflowId: entry.workflowId,
      workflowVersionId: entry.versionId,
      userId: entry.userId,
      trigger: 'WEBHOOK',
      input: this.triggerData(call),
      idempotencyKey,
    });
  }

  private async start(entry: WebhookEntry, row: ExecutionRow): Promise<WebhookReply> {
    return answer(await this.triggers.start({ row, plan: entry.plan, tier: entry.tier, sync: entry.mode === 'SYNC' }));
  }

  /** The same key again: answers with the first request's execution (waiting for it up to the sync timeout). */
  private async replay(entry: WebhookEntry, executionId: string, key: string): Promise<WebhookReply> {
    // Where it stands now (an eager run's first answer already said SUCCEEDED); QUEUED while the first request is still at it.
    if (entry.mode === 'ASYNC') return accepted(executionId, (await this.triggers.statusOf(executionId)) ?? 'QUEUED');
    return answer(
      await this.triggers.awaitResult(executionId, entry.userId, async () => {
        if ((await this.idempotency.holder(entry.workflowId, key))?.executionId !== executionId)
          throw new ConflictException(
            `The first request with Idempotency-Key "${key}" failed before an execution was recorded; send the request again`,
          );
      }),
    );
  }

  private verify(entry: WebhookEntry, call: WebhookCall): void {
    const problem = this.signatureProblemOf(entry, call);
    if (problem) throw new UnauthorizedException(`Webhook signature refused: ${problem}`);
  }

  private signatureProblemOf(entry: WebhookEntry, call: WebhookCall): string | null {
    if (!entry.signingSecret) return null;
    return signatureProblem(
      entry.signingSecret,
      header(call.headers, SIGNATURE_HEADER),
      call.rawBody ?? Buffer.alloc(0),
      this.config.execution.WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
    );
  }

  private triggerData(call: WebhookCall): TriggerData {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.headers))
      if (value !== undefined && !HIDDEN_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return { body: call.body ?? null, headers, query: call.query ?? {}, method: call.method, path: call.path };
  }
}

/** Same key, same request: method, query and the exact body bytes. */
function requestFingerprint(call: WebhookCall, formFingerprint?: string): string {
  const query = JSON.stringify(Object.entries(call.query ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const hash = createHash('sha256').update(`${call.method}\n${query}\n`);
  hash.update(formFingerprint ?? call.rawBody ?? JSON.stringify(call.body ?? null));
  return hash.digest('base64url');
}

function header(headers: WebhookCall['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refusal(rate: RateLimitDecision): WebhookReply {
  return { status: 429, headers: rateLimitHeaders(rate), body: tooManyRequestsBody(rate) };
}

function withRateHeaders(rate: RateLimitDecision, reply: WebhookReply): WebhookReply {
  return { ...reply, headers: { ...rateLimitHeaders(rate), ...reply.headers } };
}

function answer(result: TriggerAnswer): WebhookReply {
  return result.result ? toReply(result.executionId, result.result) : accepted(result.executionId, result.status);
}

function accepted(executionId: string, status: string): WebhookReply {
  return { status: 202, headers: { location: executionLocation(executionId) }, body: { executionId, status } };
}

/** flow.respond decides the answer; otherwise the last output with 200; failures say what failed. */
function toReply(executionId: string, outcome: Pick<RunOutcome, 'status' | 'output' | 'error' | 'respond'>): WebhookReply {
  const headers = { 'x-execution-id': executionId };
  if (outcome.respond) {
    const respond = sanitizeWebhookResponse(outcome.respond);
    return { status: respond.status, headers: { ...respond.headers, ...headers }, body: respond.body };
  }
  if (outcome.status === 'SUCCEEDED') return { status: 200, headers, body: outcome.output };
  const status = outcome.status === 'TIMED_OUT' ? 504 : outcome.status === 'CANCELLED' ? 409 : 422;
  const ended = outcome.status.toLowerCase().replace('_', ' ');
  // Callers are anonymous: the error may name internal hosts or echo an upstream body, so only the owner sees it.
  const message = `The workflow execution ${ended}; its owner can see why in execution ${executionId}`;
  return { status, headers, body: { statusCode: status, error: `Workflow execution ${ended}`, message, executionId } };
}
