/**
 * What nodes that start or pause executions need from libs/executions (implemented there, handed to the
 * runner through RunOptions.link, so libs/workflows imports nothing from it).
 */
export interface ExecutionPort {
  /** Runs one of the owner's workflows as a child execution linked to the parent; resolves when it ends. */
  runChild(parent: RunLink, request: ChildRunRequest): Promise<ChildRunResult>;
  /** The callback of a flow.waitForCallback node: registered (a new token) on the first call, its resolution later. */
  callback(link: RunLink, nodeId: string, timeoutMs: number): Promise<CallbackState>;
}

/** The execution a node runs in. */
export interface RunLink {
  executionId: string;
  userId: string;
  workflowId: string;
  /** Workflow ids from the outermost execution down to this one (this one last): depth and cycle checks. */
  callChain: string[];
  port: ExecutionPort;
}

export interface ChildRunRequest {
  workflowId: string;
  /** A pinned version number; omitted = the workflow's current version. */
  version?: number;
  /** The child's trigger body. */
  input: unknown;
}

export interface ChildRunResult {
  executionId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'CANCELLED';
  output: unknown;
  error: string | null;
}

export type CallbackDecision = 'approve' | 'reject' | 'timeout';

export type CallbackState =
  | { state: 'waiting'; callbackUrl: string; expiresAt: string }
  | { state: 'resolved'; decision: CallbackDecision; data: unknown; resolvedAt: string };

/** workflow.call inside workflow.call ...: past this many nested executions a call is refused. */
export const MAX_CALL_DEPTH = 5;
