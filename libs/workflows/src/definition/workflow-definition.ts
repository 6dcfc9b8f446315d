export interface WorkflowNode {
  id: string;
  type: string;
  name?: string;
  params: Record<string, unknown>;
  /** Extra attempts after a failure, with exponential backoff (defaults: NODE_MAX_RETRIES, NODE_RETRY_BACKOFF_MS). */
  retries?: number;
  retryBackoffMs?: number;
  /** Per-node time limit (default NODE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Where the editor draws the node; the engine ignores it. */
  position?: { x: number; y: number };
}

export interface WorkflowEdge {
  from: string;
  to: string;
  /** Only on edges out of a branching node: logic.if's "true"/"false", or a logic.switch case (or "default"). */
  when?: string;
}

export interface WorkflowDefinition {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/** What a trigger hands to the workflow; expressions read it as `trigger`. */
export interface TriggerData {
  body: unknown;
  headers: Record<string, string>;
  query: Record<string, string>;
  method: string;
  path: string;
}

export const emptyTrigger = (body: unknown = {}): TriggerData => ({ body, headers: {}, query: {}, method: 'MANUAL', path: '' });
