/** "route": one per HTTP route template ("GET /executions/:id"); "workflow": one per workflow id. */
export type TraceScope = 'route' | 'workflow';
export const TRACE_SCOPES: readonly TraceScope[] = ['route', 'workflow'];

/** One HTTP request or one execution, as kept in the recent-traces list. */
export interface Trace {
  scope: TraceScope;
  name: string;
  /** When it ended (epoch ms). */
  at: number;
  durationMs: number;
  /** HTTP status code, or the execution's final status. */
  status: number | string;
  error: boolean;
  /** The request id or the execution id. */
  id?: string;
  /** Work done inside it, where cheap to measure: database queries (count and total time). */
  spans?: { db?: { count: number; ms: number } };
}
