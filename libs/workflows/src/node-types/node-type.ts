import { TriggerData } from '../definition/workflow-definition';
import type { CredentialReference, RunCredentials } from '../credentials/credentials-port';
import type { RunFiles } from '../files/files-port';
import type { Expressions } from '../engine/expression-evaluator';
import type { RunLink } from './execution-port';

export interface NodeContext {
  params: Record<string, unknown>;
  /** What expressions see: `{ trigger, nodes: { <id>: output } }`. */
  scope: { trigger: TriggerData; nodes: Record<string, unknown> };
  /** Outputs of the parents whose edge into this node was taken, by parent id (run order). */
  inputs: Record<string, unknown>;
  /** Epoch ms when the node's time is up: work that cannot be aborted (the code sandbox) stops by then. */
  deadline: number;
  /** Evaluates JSONata in the sandbox, within this node's time limit. */
  expressions: Expressions;
  signal: AbortSignal;
  /** The run's credentials (owner-checked, audited); absent where no vault is loaded. */
  credentials?: RunCredentials;
  /** The run owner's stored files; absent where no file store is loaded. */
  files?: RunFiles;
  nodeId: string;
  /** The execution this run belongs to, with the port to start child executions and register callbacks. */
  run?: RunLink;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface NodeResult {
  output: unknown;
  /** logic.if, logic.switch: which outgoing edges (`when`) are taken. */
  branch?: string | string[];
  /** flow.respond: what a synchronous webhook answers. */
  respond?: WebhookResponse;
  /** flow.delay: continue the run after this many milliseconds, from a delayed job. */
  delayMs?: number;
  /** flow.waitForCallback: pause (step RUNNING) until the callback or its timeout queues a resume. */
  waitForCallback?: boolean;
}

export class NodeFailure extends Error {
  /** permanent: retrying cannot help (a refused target, a bad URL), so the node fails at once. */
  constructor(
    message: string,
    readonly permanent = false,
  ) {
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
  /** Example params, listed by GET /node-types. */
  example?: Record<string, unknown>;
  /** Loads what paramsProblems needs, on the first save of a node of this type (awaited before it). */
  prepare?(): Promise<void>;
  /** Checks the JSON Schema cannot express, run on save once the schema passes; each starts with "params". */
  paramsProblems?(params: Record<string, unknown>): string[];
  /** Expressions inside params, so they are compiled (and refused) on save. */
  expressionsOf?(params: Record<string, unknown>): string[];
  /** Credentials the params reference, checked against the owner on save. */
  credentialsOf?(params: Record<string, unknown>): Omit<CredentialReference, 'nodeId'>[];
  run(context: NodeContext): Promise<NodeResult>;
}
