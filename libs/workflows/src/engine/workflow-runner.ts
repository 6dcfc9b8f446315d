import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { TriggerData, WorkflowNode } from '../definition/workflow-definition';
import { NodeFailure, NodeResult, WebhookResponse } from '../node-types/node-type';
import { NodeTypeRegistry } from '../node-types/node-type.registry';
import { ExpressionError, ExpressionEvaluator } from './expression-evaluator';
import { RunPlan } from './run-plan';
import { StepRecord } from './step-record';

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

class NodeTimeout extends Error {}

/** Runs a plan's nodes in topological order; a node runs when one of its incoming edges was taken. */
@Injectable()
export class WorkflowRunner {
  private readonly maxTimeoutMs: number;
  private readonly maxOutputBytes: number;

  constructor(private readonly registry: NodeTypeRegistry, private readonly expressions: ExpressionEvaluator, config: AppConfig) {
    this.maxTimeoutMs = config.execution.NODE_TIMEOUT_MAX_MS;
    this.maxOutputBytes = config.execution.STEP_OUTPUT_MAX_BYTES;
  }

  async run(plan: RunPlan, options: RunOptions): Promise<RunOutcome> {
    const nodes: Record<string, unknown> = {};
    const succeeded = new Set<string>();
    const branches = new Map<string, string>();
    for (const step of options.previous ?? []) {
      if (step.status !== 'SUCCEEDED') continue;
      succeeded.add(step.nodeId);
      nodes[step.nodeId] = step.output;
      if (step.nodeType === 'logic.if') branches.set(step.nodeId, String((step.output as { result?: boolean })?.result));
    }
    nodes[plan.triggerId] = options.trigger;
    const scope = { trigger: options.trigger, nodes };
    const steps: StepRecord[] = [];
    let lastOutput: unknown = null;
    let respond: WebhookResponse | undefined;
    const record = async (step: StepRecord) => {
      steps.push(step);
      await options.onStep?.(step);
    };

    for (const [sequence, node] of plan.order.entries()) {
      if (succeeded.has(node.id)) {
        lastOutput = nodes[node.id];
        continue;
      }
      const taken = (plan.incoming.get(node.id) ?? []).filter((e) => succeeded.has(e.from) && (!e.when || branches.get(e.from) === e.when));
      if (node.id !== plan.triggerId && taken.length === 0) {
        await record(this.step(node, sequence, 'SKIPPED', { attempt: 0 }));
        continue;
      }
      const pure = this.registry.get(node.type)?.pure;
      if (!pure && (await options.isCancelled?.())) return { status: 'CANCELLED', steps, output: lastOutput, error: 'Cancelled', respond };
      if (!pure) await options.beforeIo?.();
      if (Date.now() >= options.deadline) return { status: 'TIMED_OUT', steps, output: lastOutput, error: 'Execution timed out', respond };

      // The upstream outputs are already stored on their own steps: record where the data came from.
      const input = node.id === plan.triggerId ? null : { from: taken.map((e) => e.from) };
      const { step, result } = await this.runNode(node, sequence, input, scope, options);
      await record(step);
      if (!result) return { status: step.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED', steps, output: lastOutput, error: `node "${node.id}": ${step.error}`, respond };
      nodes[node.id] = result.output;
      succeeded.add(node.id);
      if (result.branch) branches.set(node.id, result.branch);
      lastOutput = result.output;
      respond ??= result.respond;
      if (result.delayMs !== undefined && result.delayMs > 0) return { status: 'DELAYED', steps, output: lastOutput, error: null, respond, delayMs: result.delayMs };
    }
    return { status: 'SUCCEEDED', steps, output: respond ? respond.body : lastOutput, error: null, respond };
  }

  private async runNode(node: WorkflowNode, sequence: number, input: unknown, scope: { trigger: TriggerData; nodes: Record<string, unknown> }, options: RunOptions) {
    const type = this.registry.get(node.type)!;
    const retries = node.retries ?? options.defaults.retries;
    const backoffMs = node.retryBackoffMs ?? options.defaults.backoffMs;
    const startedAt = new Date();
    for (let attempt = 1; ; attempt++) {
      const timeoutMs = Math.min(node.timeoutMs ?? options.defaults.timeoutMs, this.maxTimeoutMs, Math.max(options.deadline - Date.now(), 1));
      try {
        const deadline = Date.now() + timeoutMs;
        const run = (signal: AbortSignal) => type.run({ params: node.params ?? {}, scope, expressions: this.expressions.forNode({ deadline, signal }), signal });
        const result = await this.withTimeout(timeoutMs, run);
        this.checkOutputSize(result.output);
        return { step: this.step(node, sequence, 'SUCCEEDED', { attempt, input, output: result.output, startedAt }), result };
      } catch (error) {
        const timedOut = error instanceof NodeTimeout;
        const deliberate = node.type === 'flow.fail' || error instanceof ExpressionError || (error instanceof NodeFailure && error.permanent);
        const wait = backoffMs * 2 ** (attempt - 1);
        if (attempt > retries || deliberate || Date.now() + wait >= options.deadline) {
          const message = timedOut ? `timed out after ${timeoutMs} ms` : (error as Error).message;
          return { step: this.step(node, sequence, timedOut ? 'TIMED_OUT' : 'FAILED', { attempt, input, error: message, startedAt }), result: null };
        }
        await sleep(wait);
      }
    }
  }

  /** Outputs are stored, sent to SSE clients and returned by GET /executions/:id: refuse huge ones. */
  private checkOutputSize(output: unknown): void {
    const bytes = Buffer.byteLength(JSON.stringify(output) ?? '');
    if (bytes > this.maxOutputBytes) throw new NodeFailure(`output is ${bytes} bytes, over the platform limit of ${this.maxOutputBytes} bytes`, true);
  }

  private async withTimeout(ms: number, run: (signal: AbortSignal) => Promise<NodeResult>): Promise<NodeResult> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new NodeTimeout());
      }, ms);
    });
    try {
      return await Promise.race([run(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private step(node: WorkflowNode, sequence: number, status: StepRecord['status'], extra: Partial<StepRecord> & { attempt: number }): StepRecord {
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
    };
  }
}

export { NodeFailure };
