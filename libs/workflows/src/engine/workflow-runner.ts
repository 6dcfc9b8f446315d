import { Injectable } from '@nestjs/common';
import { settleWithin } from '@app/common';
import { AppConfig } from '@app/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunCredentials, RunOwner } from '../credentials/credentials-port';
import { runFiles } from '../files/files-port';
import { TriggerData, WorkflowNode } from '../definition/workflow-definition';
import { RunLink } from '../node-types/execution-port';
import { NodeFailure, WebhookResponse } from '../node-types/node-type';
import { NodeTypeRegistry } from '../node-types/node-type.registry';
import { ExpressionError, ExpressionEvaluator, jsonBytesAtLeast } from './expression-evaluator';
import { branchesOf, parentOutputs } from './branches';
import { EnginePorts } from './engine-ports';
import { RunPlan } from './run-plan';
import { NodeAbort, NodeRunContext } from './node-run-context';
import { stepInput } from './step-input';
import { StepAttempt, StepRecord } from './step-record';

export interface RunDefaults {
  retries: number;
  backoffMs: number;
  timeoutMs: number;
}

export interface RunOptions {
  trigger: TriggerData;
  /** Steps persisted by an earlier part of this execution (before a delay, or a worker that died). */
  previous?: StepRecord[];
  /** Epoch ms after which the execution is TIMED_OUT. */
  deadline: number;
  defaults: RunDefaults;
  /** Checked before each node that does I/O (pure nodes only compute, within their time limit). */
  isCancelled?: () => Promise<boolean>;
  /** Called before a node that does I/O runs: the moment to make earlier progress durable. */
  beforeIo?: () => Promise<void>;
  /** Called as each node finishes. */
  onStep?: (step: StepRecord) => Promise<void>;
  /** Whose run: enables credentials (checked against this user) and audits their use. */
  owner?: RunOwner;
  /** The execution record this run belongs to: workflow.call, flow.forEach and flow.waitForCallback need it. */
  link?: RunLink;
}

export type RunStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'CANCELLED' | 'DELAYED';

export interface RunOutcome {
  status: RunStatus;
  steps: StepRecord[];
  output: unknown;
  error: string | null;
  respond?: WebhookResponse;
  delayMs?: number;
}

const OUTPUT_SIZE_MARGIN = 16;

class NodeTimeout extends Error {}

/** Runs a plan's nodes in topological order; a node runs when one of its incoming edges was taken. */
@Injectable()
export class WorkflowRunner {
  private readonly maxTimeoutMs: number;
  private readonly maxOutputBytes: number;

  constructor(
    private readonly registry: NodeTypeRegistry,
    private readonly expressions: ExpressionEvaluator,
    config: AppConfig,
    private readonly ports: EnginePorts,
  ) {
    this.maxTimeoutMs = config.execution.NODE_TIMEOUT_MAX_MS;
    this.maxOutputBytes = config.execution.STEP_OUTPUT_MAX_BYTES;
  }

  private filesOf(options: RunOptions) {
    return options.owner && this.ports.files ? runFiles(this.ports.files, options.owner.userId) : undefined;
  }

  /** Every secret a node resolved is redacted from steps and the outcome before anything stores them. */
  async run(plan: RunPlan, options: RunOptions): Promise<RunOutcome> {
    const credentials = options.owner && this.ports.credentials?.forRun(options.owner);
    if (!credentials) return this.runNodes(plan, options);
    const outcome = await this.runNodes(
      plan,
      { ...options, onStep: options.onStep && ((step) => options.onStep!(credentials.redact(step))) },
      credentials,
    );
    return { ...credentials.redact({ ...outcome, steps: [] }), steps: outcome.steps.map((step) => credentials.redact(step)) };
  }

  private async runNodes(plan: RunPlan, options: RunOptions, credentials?: RunCredentials): Promise<RunOutcome> {
    const nodes: Record<string, unknown> = {};
    const succeeded = new Set<string>();
    const branches = new Map<string, string[]>();
    for (const step of options.previous ?? []) {
      if (step.status !== 'SUCCEEDED') continue;
      succeeded.add(step.nodeId);
      nodes[step.nodeId] = step.output;
      const took = branchesOf(step.nodeType, step.output);
      if (took) branches.set(step.nodeId, took);
    }
    nodes[plan.triggerId] = options.trigger;
    const scope = { trigger: options.trigger, nodes };
    const steps: StepRecord[] = [];
    let lastOutput: unknown = null;
    let respond: WebhookResponse | undefined;
    // No promise per step when nothing listens (inline runs).
    const record = (step: StepRecord): Promise<void> | void => {
      steps.push(step);
      return options.onStep?.(step);
    };

    for (const [sequence, node] of plan.order.entries()) {
      if (succeeded.has(node.id)) {
        lastOutput = nodes[node.id];
        continue;
      }
      const taken = (plan.incoming.get(node.id) ?? []).filter(
        (e) => succeeded.has(e.from) && (!e.when || Boolean(branches.get(e.from)?.includes(e.when))),
      );
      if (node.id !== plan.triggerId && taken.length === 0) {
        await record(this.step(node, sequence, 'SKIPPED', { attempt: 0 }));
        continue;
      }
      const pure = this.registry.get(node.type)?.pure;
      if (!pure && (await options.isCancelled?.())) return { status: 'CANCELLED', steps, output: lastOutput, error: 'Cancelled', respond };
      if (!pure) await options.beforeIo?.();
      if (Date.now() >= options.deadline) return { status: 'TIMED_OUT', steps, output: lastOutput, error: 'Execution timed out', respond };

      const input =
        node.id === plan.triggerId
          ? null
          : stepInput(
              node,
              taken.map((e) => e.from),
              scope,
            );
      const { step, result } = await this.runNode(node, sequence, input, scope, options, credentials, parentOutputs(plan, taken, nodes));
      const recorded = record(step);
      if (recorded) await recorded;
      if (!result)
        return {
          status: step.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED',
          steps,
          output: lastOutput,
          error: `node "${node.id}": ${step.error}`,
          respond,
        };
      // Its step stays RUNNING, so the resumed run runs the node again, which then outputs the callback's result.
      if (result.waitForCallback) return { status: 'DELAYED', steps, output: lastOutput, error: null, respond };
      nodes[node.id] = result.output;
      succeeded.add(node.id);
      if (result.branch) branches.set(node.id, [result.branch].flat());
      lastOutput = result.output;
      respond ??= result.respond;
      if (result.delayMs !== undefined && result.delayMs > 0)
        return { status: 'DELAYED', steps, output: lastOutput, error: null, respond, delayMs: result.delayMs };
    }
    return { status: 'SUCCEEDED', steps, output: respond ? respond.body : lastOutput, error: null, respond };
  }

  private async runNode(
    node: WorkflowNode,
    sequence: number,
    input: unknown,
    scope: { trigger: TriggerData; nodes: Record<string, unknown> },
    options: RunOptions,
    credentials?: RunCredentials,
    inputs: Record<string, unknown> = {},
  ) {
    const type = this.registry.get(node.type)!;
    const retries = node.retries ?? options.defaults.retries;
    const backoffMs = node.retryBackoffMs ?? options.defaults.backoffMs;
    const startedAt = new Date();
    const attempts: StepAttempt[] = [];
    const files = this.filesOf(options);
    for (let attempt = 1; ; attempt++) {
      const attemptStart = attempt === 1 ? startedAt : new Date();
      const timeoutMs = Math.min(
        node.timeoutMs ?? options.defaults.timeoutMs,
        this.maxTimeoutMs,
        Math.max(options.deadline - Date.now(), 1),
      );
      try {
        const abort = new NodeAbort(Date.now() + timeoutMs);
        const context = new NodeRunContext(
          {
            params: node.params ?? {},
            scope,
            inputs,
            expressions: this.expressions.forNode(abort),
            credentials,
            files,
            nodeId: node.id,
            run: options.link,
          },
          abort,
        );
        const result = await settleWithin(type.run(context), timeoutMs, (): never => {
          abort.abort();
          throw new NodeTimeout();
        });
        this.checkOutputSize(result.output);
        attempts.push(attemptOf(attempt, attemptStart, null));
        return {
          step: this.step(node, sequence, result.waitForCallback ? 'RUNNING' : 'SUCCEEDED', {
            attempt,
            input,
            output: result.output,
            startedAt,
            attempts,
          }),
          result,
        };
      } catch (error) {
        const timedOut = error instanceof NodeTimeout;
        const deliberate =
          node.type === 'flow.fail' || error instanceof ExpressionError || (error instanceof NodeFailure && error.permanent);
        const wait = backoffMs * 2 ** (attempt - 1);
        const message = timedOut ? `timed out after ${timeoutMs} ms` : (error as Error).message;
        attempts.push(attemptOf(attempt, attemptStart, message));
        if (attempt > retries || deliberate || Date.now() + wait >= options.deadline) {
          return {
            step: this.step(node, sequence, timedOut ? 'TIMED_OUT' : 'FAILED', { attempt, input, error: message, startedAt, attempts }),
            result: null,
          };
        }
        await sleep(wait);
      }
    }
  }

  /** Outputs are stored, sent to SSE clients and returned by GET /executions/:id: refuse huge ones. */
  private checkOutputSize(output: unknown): void {
    // A lower bound first (stops counting past the cap, builds no string). The JSON text is at most a few
    // times longer (\u escapes x6, a Date x9 as an ISO string), so only outputs within OUTPUT_SIZE_MARGIN of
    // the limit are serialised to be measured exactly; the usual small output costs one walk.
    if (jsonBytesAtLeast(output, this.maxOutputBytes) * OUTPUT_SIZE_MARGIN <= this.maxOutputBytes) return;
    const bytes = Buffer.byteLength(JSON.stringify(output) ?? '');
    if (bytes > this.maxOutputBytes)
      throw new NodeFailure(`output is ${bytes} bytes, over the platform limit of ${this.maxOutputBytes} bytes`, true);
  }

  private step(
    node: WorkflowNode,
    sequence: number,
    status: StepRecord['status'],
    extra: Partial<StepRecord> & { attempt: number },
  ): StepRecord {
    const finishedAt = status === 'SKIPPED' ? null : new Date();
    const startedAt = extra.startedAt ?? null;
    return {
      nodeId: node.id,
      nodeType: node.type,
      sequence,
      status,
      attempt: extra.attempt,
      input: extra.input ?? null,
      output: extra.output ?? null,
      error: extra.error ?? null,
      startedAt,
      finishedAt,
      durationMs: startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
      attempts: extra.attempts ?? [],
    };
  }
}

const attemptOf = (attempt: number, startedAt: Date, error: string | null): StepAttempt => ({
  attempt,
  startedAt,
  durationMs: Date.now() - startedAt.getTime(),
  error,
});

export { NodeFailure };
