import { TriggerData } from '../definition/workflow-definition';
import type { Expressions } from '../engine/expression-evaluator';

export interface NodeContext {
  params: Record<string, unknown>;
  /** What expressions see: `{ trigger, nodes: { <id>: output } }`. */
  scope: { trigger: TriggerData; nodes: Record<string, unknown> };
  /** Evaluates JSONata in the sandbox, within this node's time limit. */
  expressions: Expressions;
  signal: AbortSignal;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface NodeResult {
  output: unknown;
  /** logic.if: which outgoing edges (`when`) are taken. */
  branch?: 'true' | 'false';
  /** flow.respond: what a synchronous webhook answers. */
  respond?: WebhookResponse;
  /** flow.delay: continue the run after this many milliseconds, from a delayed job. */
  delayMs?: number;
}

export class NodeFailure extends Error {
  /** permanent: retrying cannot help (a refused target, a bad URL), so the node fails at once. */
  constructor(message: string, readonly permanent = false) {
    super(message);
    this.name = 'NodeFailure';
  }
}

export interface NodeType {
  type: string;
  description: string;
  trigger?: boolean;
  /** No I/O: no cancellation check or progress save before it (its time limit still applies). */
  pure?: boolean;
  /** JSON Schema of `params`, checked on save and listed by GET /node-types. */
  paramsSchema: object;
  /** Checks the JSON Schema cannot express, run on save once the schema passes; each starts with "params". */
  paramsProblems?(params: Record<string, unknown>): string[];
  /** Expressions inside params, so they are compiled (and refused) on save. */
  expressionsOf?(params: Record<string, unknown>): string[];
  run(context: NodeContext): Promise<NodeResult>;
}
